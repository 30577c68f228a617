// Sending poll votes. Baileys 7.0.0-rc14 decrypts votes (decryptPollVote in Utils/process-message.js)
// but has no helper to make one, so this is that function's inverse with Node's crypto: the same key
// derivation from the poll's messageSecret, AES-256-GCM with the same additional data, and a
// pollUpdateMessage relayed like sendMessage relays a poll (a <meta polltype> node beside it).
import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto'
import { generateWAMessageFromContent, jidNormalizedUser, proto } from 'baileys'
import { ERRORS, RpcError } from './rpc.js'
import { toJid } from './ids.js'

const GCM_IV_BYTES = 12

/** The SHA-256 of an option's name: what a vote carries instead of the name. */
export const optionHash = name => createHash('sha256').update(Buffer.from(name)).digest()

/**
 * Encrypts a vote for the options named; {encPayload, encIv} as decryptPollVote reads them.
 * @param {string[]} optionNames the options chosen ([] takes a vote back)
 * @param {object} ctx the same fields decryptPollVote takes
 * @param {Uint8Array} ctx.pollEncKey the poll's messageContextInfo.messageSecret
 * @param {string} ctx.pollCreatorJid who sent the poll
 * @param {string} ctx.pollMsgId the poll message's id
 * @param {string} ctx.voterJid who votes
 */
export function encryptPollVote (optionNames, { pollEncKey, pollCreatorJid, pollMsgId, voterJid }, iv = randomBytes(GCM_IV_BYTES)) {
  const plaintext = proto.Message.PollVoteMessage.encode({ selectedOptions: optionNames.map(optionHash) }).finish()
  const sign = Buffer.concat([
    Buffer.from(pollMsgId),
    Buffer.from(pollCreatorJid),
    Buffer.from(voterJid),
    Buffer.from('Poll Vote'),
    Buffer.from([1])
  ])
  const key0 = createHmac('sha256', Buffer.alloc(32)).update(pollEncKey).digest()
  const encKey = createHmac('sha256', key0).update(sign).digest()
  const cipher = createCipheriv('aes-256-gcm', encKey, iv)
  cipher.setAAD(Buffer.from(`${pollMsgId}\u0000${voterJid}`))
  const encPayload = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()])
  return { encPayload, encIv: iv }
}

/**
 * The ids a vote is encrypted for. WhatsApp addresses a chat either by phone numbers or by LIDs; the
 * voter is named the way the poll's chat names people (as whatsmeow does: its own LID where chats use
 * LIDs), and the creator as the poll's key named it when the bridge saw the poll.
 */
export function voteParties ({ creator, chatJid }, user) {
  const pn = jidNormalizedUser(user.id)
  const lid = user.lid ? jidNormalizedUser(user.lid) : undefined
  const lidAddressed = Boolean(lid) && (chatJid?.endsWith('@lid') || creator?.endsWith('@lid'))
  const voterJid = lidAddressed ? lid : pn
  // A 1:1 poll stored before the creator was recorded right has creator '': its sender is the chat.
  return { voterJid, pollCreatorJid: creator === 'me' ? voterJid : (creator || chatJid) }
}

/**
 * Votes on a poll: encrypts the vote with the poll's secret and relays the pollUpdateMessage.
 * @param {import('./session.js').Session} session
 * @param {object} message {chatId, poll: wagate key of the poll, selectedOptions}
 * @returns {Promise<object>} the sent WAMessage
 */
export async function sendPollVote (session, message) {
  const sock = session.socket()
  const pollKey = message.poll
  if (!pollKey?.id) throw new RpcError(ERRORS.INVALID_PARAMS, 'a poll vote needs poll (the poll message key)')
  const poll = await session.polls.find(pollKey.id)
  if (!poll) {
    throw new RpcError(ERRORS.CONFLICT, 'the poll\'s secret is not known to this session (it was sent before the ' +
      'session was linked here), so a vote on it cannot be encrypted')
  }
  const options = message.selectedOptions ?? []
  const unknown = options.find(name => !poll.options.includes(name))
  if (unknown !== undefined) throw new RpcError(ERRORS.INVALID, `'${unknown}' is not an option of the poll`)
  const jid = toJid(message.chatId)
  const parties = voteParties({ ...poll, chatJid: poll.chatJid ?? jid }, sock.user)
  const vote = encryptPollVote(options, { pollEncKey: poll.secret, pollMsgId: pollKey.id, ...parties })
  const creationKey = { remoteJid: jid, fromMe: Boolean(pollKey.fromMe), id: pollKey.id }
  // The poll's sender as the group named it (a LID in LID-addressed groups), not as wagate shows it.
  if (pollKey.participant) creationKey.participant = poll.creator && poll.creator !== 'me' ? poll.creator : toJid(pollKey.participant)
  const content = {
    pollUpdateMessage: {
      pollCreationMessageKey: creationKey,
      vote,
      senderTimestampMs: Date.now()
    }
  }
  const full = generateWAMessageFromContent(jid, content, { userJid: sock.user.id })
  await sock.relayMessage(jid, full.message, {
    messageId: full.key.id,
    additionalNodes: [{ tag: 'meta', attrs: { polltype: 'vote' } }]
  })
  return full
}
