// A Baileys WAMessage → the one message shape of wagate (Java's message.Message), as Java's EngineMessage reads it.
import { getContentType, normalizeMessageContent, toNumber } from 'baileys'
import { resolvePerson, toChatId } from './ids.js'
import { mediaOf } from './media.js'
import { eventFields } from './eventmsg.js'

export const ACKS = ['ERROR', 'PENDING', 'SERVER', 'DEVICE', 'READ', 'PLAYED']

/** Baileys' WebMessageInfo.Status (0 ERROR … 5 PLAYED) as a wagate ack name (-1 ERROR … 4 PLAYED). */
export const ackOfStatus = status => (typeof status === 'number' && ACKS[status]) || undefined

/**
 * The highest ack of a message's status and of the members' receipts Baileys' event buffer folded into it
 * (userReceipt: a group receipt that came in the same batch as the send's echo is not reported on its own).
 */
function ackOf (message, fromMe) {
  const byStatus = ackOfStatus(message.status) ?? (fromMe ? 'SERVER' : 'DEVICE')
  const byReceipts = (message.userReceipt ?? []).map(r => r.playedTimestamp ? 'PLAYED' : r.readTimestamp ? 'READ' : r.receiptTimestamp ? 'DEVICE' : undefined)
  return [byStatus, ...byReceipts].filter(Boolean).reduce((a, b) => (ACKS.indexOf(b) > ACKS.indexOf(a) ? b : a))
}

/**
 * What WhatsApp's error codes for a sent message mean and what to do (the codes Baileys rc14 names:
 * SERVER_ERROR_CODES and NACK_REASONS in decode-wa-message.js).
 */
const SEND_ERRORS = {
  463: 'WhatsApp refused the message: the account may not start new chats now (reach-out restriction), or lacks the contact\'s privacy token. Do not retry (each retry counts as another reach-out); write from the phone first or wait until the restriction ends',
  479: 'WhatsApp rejected the message as malformed (SMAX_INVALID), usually a stale device session or a phone-number address for a contact moved to LIDs; sending again later may work',
  487: 'the recipient\'s device could not parse the message',
  491: 'the recipient\'s device could not read the message (invalid protobuf)',
  495: 'the recipient\'s device lacked the message secret',
  496: 'the recipient\'s device could not decrypt the message (old signal counter); sending again may work',
  499: 'the message was deleted on the recipient\'s device',
  500: 'WhatsApp or the recipient\'s device failed to handle the message; sending again may work',
  551: 'the group uses LID addressing, which this send did not'
}

/**
 * A failed send's error from what Baileys reports (messageStubParameters of an ERROR status: the code,
 * sometimes a text after it): {code, reason}.
 */
export function sendError (params) {
  const [code, text] = (params ?? []).map(String)
  if (!code) return { code: 'unknown', reason: 'WhatsApp reported the message as failed without a code' }
  const known = SEND_ERRORS[code]
  const reason = [text, known].filter(Boolean).join(': ') || `WhatsApp reported error ${code} for the message`
  return { code, reason }
}

const MEDIA_TYPES = {
  imageMessage: 'IMAGE',
  videoMessage: 'VIDEO',
  // Round video notes: a VideoMessage under its own field (Baileys' { video, ptv: true })
  ptvMessage: 'VIDEO',
  audioMessage: 'AUDIO',
  documentMessage: 'DOCUMENT',
  stickerMessage: 'STICKER'
}

/** The message's content with wrappers (ephemeral, view once, document with caption, edits) removed. */
export const contentOf = message => normalizeMessageContent(message?.message)

/**
 * The wagate key of a Baileys key: chat and sender as phone ids where the LID mapping knows them.
 * Own messages' keys name no participant, whoever Baileys puts there: for a message this account sent
 * to a group, a receipt's key carries the reader and a reaction's target key the account itself
 * (messages-recv.js handleReceipt, process-message.js cleanMessage), while the message was keyed
 * without one when it was sent.
 * @returns {Promise<{key: object, participantLid?: string, chatLid?: string}>}
 */
export async function wagateKey (key, pnForLid) {
  const chat = await resolvePerson(key.remoteJid, key.remoteJidAlt, pnForLid)
  const out = { chatId: chat.id, fromMe: Boolean(key.fromMe), id: key.id }
  let participantLid
  if (key.participant && !key.fromMe) {
    const participant = await resolvePerson(key.participant, key.participantAlt, pnForLid)
    out.participant = participant.id
    participantLid = participant.lid
  }
  return { key: out, chatLid: chat.lid, participantLid }
}

/**
 * @param {object} message a WAMessage
 * @param {object} ctx
 * @param {string} ctx.me the session's own chat id (…@c.us)
 * @param {(lid: string) => Promise<string|null>} [ctx.pnForLid]
 * @param {(id: string) => boolean} [ctx.sentByApi] whether this bridge sent the message for the API
 */
export async function toWagateMessage (message, ctx) {
  const { key, chatLid, participantLid } = await wagateKey(message.key, ctx.pnForLid)
  const content = contentOf(message) ?? {}
  const contentType = getContentType(content)
  const inner = contentType ? content[contentType] : undefined
  // As on the sandbox: another's message is from its chat (in a group, the group; the sender is the key's
  // participant) to the session; the session's own is from it to the chat. fromLid is the sender's LID.
  const senderLid = key.fromMe ? ctx.meLid : (key.participant ? participantLid : chatLid)
  const out = {
    key,
    timestamp: toNumber(message.messageTimestamp ?? 0) * 1000,
    from: key.fromMe ? ctx.me : key.chatId,
    to: key.fromMe ? key.chatId : ctx.me,
    source: key.fromMe && ctx.sentByApi?.(key.id) ? 'API' : 'APP',
    type: 'UNKNOWN',
    body: '',
    vCards: [],
    ack: ackOf(message, key.fromMe)
  }
  if (senderLid) out.fromLid = senderLid
  if (key.fromMe && chatLid && !key.participant) out.toLid = chatLid
  if (message.pushName) out.pushName = message.pushName
  switch (contentType) {
    case 'conversation':
      Object.assign(out, { type: 'TEXT', body: content.conversation ?? '' })
      break
    case 'extendedTextMessage':
      Object.assign(out, { type: 'TEXT', body: inner.text ?? '' })
      if (inner.matchedText || inner.title) {
        out.linkPreview = { url: inner.matchedText ?? '', title: inner.title ?? '', description: inner.description ?? '' }
      }
      break
    case 'imageMessage':
    case 'videoMessage':
    case 'ptvMessage':
    case 'audioMessage':
    case 'documentMessage':
    case 'stickerMessage': {
      out.type = contentType === 'audioMessage' && inner.ptt ? 'VOICE' : MEDIA_TYPES[contentType]
      out.body = inner.caption ?? ''
      out.media = mediaOf(message, contentType, inner)
      break
    }
    case 'locationMessage':
    case 'liveLocationMessage':
      Object.assign(out, {
        type: 'LOCATION',
        body: inner.name ?? inner.caption ?? '',
        location: {
          latitude: inner.degreesLatitude ?? 0,
          longitude: inner.degreesLongitude ?? 0,
          title: inner.name ?? '',
          address: inner.address ?? ''
        }
      })
      break
    case 'contactMessage':
      Object.assign(out, { type: 'VCARD', body: inner.displayName ?? '', vCards: [inner.vcard ?? ''] })
      break
    case 'contactsArrayMessage':
      Object.assign(out, {
        type: 'VCARD',
        body: inner.displayName ?? '',
        vCards: (inner.contacts ?? []).map(c => c.vcard ?? '')
      })
      break
    case 'pollCreationMessage':
    case 'pollCreationMessageV2':
    case 'pollCreationMessageV3':
      Object.assign(out, {
        type: 'POLL',
        body: inner.name ?? '',
        poll: {
          name: inner.name ?? '',
          options: (inner.options ?? []).map(o => o.optionName ?? ''),
          selectableCount: inner.selectableOptionsCount ?? 0
        }
      })
      break
    case 'eventMessage':
      Object.assign(out, { type: 'EVENT', body: inner.name ?? '', event: eventFields(inner) })
      break
    case 'protocolMessage':
      if (inner.type === 0) out.type = 'REVOKED'
      break
    default:
      if (contentType) out.engineType = contentType
  }
  const context = inner?.contextInfo
  if (context?.isForwarded) out.forwarded = true
  if (context?.stanzaId) {
    const quotedKey = await wagateKey({
      remoteJid: message.key.remoteJid,
      remoteJidAlt: message.key.remoteJidAlt,
      fromMe: context.participant ? sameUser(context.participant, ctx) : false,
      id: context.stanzaId,
      participant: message.key.participant ? context.participant : undefined
    }, ctx.pnForLid)
    out.replyTo = { key: quotedKey.key, body: quotedBody(context.quotedMessage) }
  }
  return out
}

function sameUser (jid, ctx) {
  const id = toChatId(jid)
  return id === ctx.me || (ctx.meLid !== undefined && id === ctx.meLid)
}

function quotedBody (quoted) {
  const content = normalizeMessageContent(quoted)
  if (!content) return ''
  if (content.conversation) return content.conversation
  const type = getContentType(content)
  const inner = type ? content[type] : undefined
  return inner?.text ?? inner?.caption ?? inner?.name ?? ''
}
