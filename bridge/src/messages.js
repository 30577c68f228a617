// A Baileys WAMessage → the one message shape of DESIGN §6, as Java's EngineMessage reads it.
import { getContentType, normalizeMessageContent, toNumber } from 'baileys'
import { resolvePerson, toChatId } from './ids.js'
import { mediaOf } from './media.js'

export const ACKS = ['ERROR', 'PENDING', 'SERVER', 'DEVICE', 'READ', 'PLAYED']

/** Baileys' WebMessageInfo.Status (0 ERROR … 5 PLAYED) as a wagate ack name (-1 ERROR … 4 PLAYED). */
export const ackOfStatus = status => (typeof status === 'number' && ACKS[status]) || undefined

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
 * @returns {Promise<{key: object, fromLid?: string, chatLid?: string}>}
 */
export async function wagateKey (key, pnForLid) {
  const chat = await resolvePerson(key.remoteJid, key.remoteJidAlt, pnForLid)
  const out = { chatId: chat.id, fromMe: Boolean(key.fromMe), id: key.id }
  let participantLid
  if (key.participant) {
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
  const sender = key.fromMe ? ctx.me : (key.participant ?? key.chatId)
  const senderLid = key.fromMe ? ctx.meLid : (key.participant ? participantLid : chatLid)
  const out = {
    key,
    timestamp: toNumber(message.messageTimestamp ?? 0) * 1000,
    from: sender,
    to: key.fromMe ? key.chatId : (key.participant ? key.chatId : ctx.me),
    source: key.fromMe && ctx.sentByApi?.(key.id) ? 'API' : 'APP',
    type: 'UNKNOWN',
    body: '',
    vCards: [],
    ack: ackOfStatus(message.status) ?? (key.fromMe ? 'SERVER' : 'DEVICE')
  }
  if (senderLid) out.fromLid = senderLid
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
    case 'protocolMessage':
      if (inner.type === 0) out.type = 'REVOKED'
      break
    default:
      if (contentType) out.engineType = contentType
  }
  const context = inner?.contextInfo
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
