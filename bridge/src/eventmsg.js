// Event messages (WhatsApp's calendar invitations). Baileys 7.0.0-rc14 sends them (sendMessage's `event`
// content, with a messageSecret) and decrypts the responses (decryptEventResponse in Utils/process-message.js),
// but has no helper to make a response, and only logs one it cannot decrypt. So this module: the event content
// as sendMessage takes it (a call link given by its token, through sendMessage's own getCallLink option);
// encryptEventResponse, decryptEventResponse's inverse with Node's crypto; and the failed response, found by
// running Baileys' decryption as its processMessage does.
import { createCipheriv, createHmac, randomBytes } from 'node:crypto'
import { decryptEventResponse, generateWAMessageFromContent, getKeyAuthor, isLidUser, jidNormalizedUser, proto } from 'baileys'
import { ERRORS, RpcError } from './rpc.js'
import { toChatId, toJid } from './ids.js'
import { voteParties } from './pollvote.js'

const GCM_IV_BYTES = 12
const CALL_LINK = /^https:\/\/call\.whatsapp\.com\/(voice|video)\/([^/?#]+)$/
const ANSWERS = { GOING: 1, NOT_GOING: 2, MAYBE: 3 }

/** A wagate event → sendMessage's {content, options}; a call link goes in as Baileys' own getCallLink would make it. */
export function eventSend (event) {
  if (!event?.name || !event.startTime) throw new RpcError(ERRORS.INVALID_PARAMS, 'an event needs name and startTime')
  const content = {
    event: {
      name: event.name,
      startDate: new Date(Number(event.startTime) * 1000),
      ...(event.description ? { description: event.description } : {}),
      ...(event.endTime ? { endDate: new Date(Number(event.endTime) * 1000) } : {}),
      ...(event.location ? { location: { name: event.location } } : {}),
      extraGuestsAllowed: false
    }
  }
  const options = {}
  if (event.callLink) {
    const link = CALL_LINK.exec(event.callLink)
    if (!link) throw new RpcError(ERRORS.INVALID, 'callLink must be a WhatsApp call link (https://call.whatsapp.com/voice/… or /video/…)')
    content.event.call = link[1] === 'voice' ? 'audio' : 'video'
    options.getCallLink = async () => link[2]
  }
  return { content, options }
}

/** An eventMessage → the wagate event fields (times in seconds). */
export function eventFields (inner) {
  const out = { name: inner.name ?? '', startTime: Number(inner.startTime ?? 0) }
  if (inner.description) out.description = inner.description
  if (inner.endTime) out.endTime = Number(inner.endTime)
  if (inner.location?.name) out.location = inner.location.name
  if (inner.joinLink) out.callLink = inner.joinLink
  return out
}

/**
 * Encrypts a response; {encPayload, encIv} as decryptEventResponse reads them.
 * @param {'GOING'|'NOT_GOING'|'MAYBE'} answer
 * @param {object} ctx the fields decryptEventResponse takes: eventEncKey, eventCreatorJid, eventMsgId, responderJid
 */
export function encryptEventResponse (answer, { eventEncKey, eventCreatorJid, eventMsgId, responderJid }, iv = randomBytes(GCM_IV_BYTES)) {
  const plaintext = proto.Message.EventResponseMessage.encode({ response: ANSWERS[answer], timestampMs: Date.now() }).finish()
  const sign = Buffer.concat([Buffer.from(eventMsgId), Buffer.from(eventCreatorJid), Buffer.from(responderJid),
    Buffer.from('Event Response'), Buffer.from([1])])
  const key0 = createHmac('sha256', Buffer.alloc(32)).update(eventEncKey).digest()
  const encKey = createHmac('sha256', key0).update(sign).digest()
  const cipher = createCipheriv('aes-256-gcm', encKey, iv)
  cipher.setAAD(Buffer.from(`${eventMsgId}\u0000${responderJid}`))
  return { encPayload: Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]), encIv: iv }
}

/**
 * Responds to an event: encrypts the answer with the event's secret (its content, kept for getMessage) and relays
 * the encEventResponseMessage.
 * @param {import('./session.js').Session} session
 * @param {object} message {chatId, event: wagate key of the event, response}
 */
export async function sendEventResponse (session, message) {
  const sock = session.socket()
  const eventKey = message.event
  if (!eventKey?.id || !ANSWERS[message.response]) {
    throw new RpcError(ERRORS.INVALID_PARAMS, 'an event response needs event (the event message key) and response')
  }
  const content = await session.contents?.get({ id: eventKey.id })
  const secret = content?.messageContextInfo?.messageSecret
  if (!secret?.length) {
    throw new RpcError(ERRORS.CONFLICT, 'the event\'s secret is not known to this session (it was sent before the ' +
      'session was linked here), so a response to it cannot be encrypted')
  }
  const jid = toJid(message.chatId)
  const me = jidNormalizedUser(sock.user.id)
  // The creator by phone number, as Baileys' decryption names it ("all jids need to be PN").
  const creator = eventKey.fromMe ? me : toJid(eventKey.participant ?? message.chatId)
  const { voterJid } = voteParties({ creator: eventKey.fromMe ? 'me' : creator, chatJid: jid }, sock.user)
  const enc = encryptEventResponse(message.response, { eventEncKey: secret, eventCreatorJid: creator, eventMsgId: eventKey.id, responderJid: voterJid })
  const creationKey = { remoteJid: jid, fromMe: Boolean(eventKey.fromMe), id: eventKey.id }
  if (eventKey.participant) creationKey.participant = toJid(eventKey.participant)
  const full = generateWAMessageFromContent(jid, { encEventResponseMessage: { eventCreationMessageKey: creationKey, ...enc } },
    { userJid: sock.user.id })
  await sock.relayMessage(jid, full.message, { messageId: full.key.id })
  return full
}

/**
 * The event a response names, as this session keys it: in a group by its author, in a 1:1 chat (whose other
 * side wrote the response's key) mine exactly when the responder's key says it is not theirs.
 */
export function eventKeyHere (creationKey, responseKey, me) {
  const author = creationKey.participant ? toChatId(jidNormalizedUser(creationKey.participant)) : undefined
  if (responseKey.chatId.endsWith('@g.us')) {
    const mine = author === me
    return { chatId: responseKey.chatId, fromMe: mine, id: creationKey.id, ...(mine || !author ? {} : { participant: author }) }
  }
  if (responseKey.fromMe) return { chatId: responseKey.chatId, fromMe: Boolean(creationKey.fromMe), id: creationKey.id }
  return { chatId: responseKey.chatId, fromMe: !creationKey.fromMe, id: creationKey.id }
}

/**
 * Why a received response cannot be read, or undefined when it can: Baileys' own decryption, with the inputs its
 * processMessage gives it (it reports a readable one as messages.update eventResponses, and drops the others).
 */
export async function unreadableResponse (message, enc, ctx) {
  const creationKey = enc.eventCreationMessageKey ?? {}
  const event = await ctx.contents?.get(creationKey)
  const secret = event?.messageContextInfo?.messageSecret
  if (!secret?.length) return 'the event is not known to this session (its secret is missing), so the response cannot be decrypted'
  try {
    const meId = jidNormalizedUser(ctx.meJid())
    const creatorKey = creationKey.participant || creationKey.remoteJid
    const creatorPn = isLidUser(creatorKey) ? await ctx.pnForLid(creatorKey) : creatorKey
    decryptEventResponse(enc, {
      eventEncKey: secret,
      eventCreatorJid: getKeyAuthor({ remoteJid: jidNormalizedUser(creatorPn), fromMe: meId === creatorPn }, meId),
      eventMsgId: creationKey.id,
      responderJid: getKeyAuthor(message.key, meId)
    })
    return undefined
  } catch (err) {
    return `the response could not be decrypted: ${err?.message ?? err}`
  }
}
