// wagate commands (the Engine SPI, as Java sends them) → Baileys socket calls.
import { ERRORS, RpcError } from './rpc.js'
import { jidNormalizedUser, WAMessageStatus } from 'baileys'
import { isGroup, isPhone, toChatId, toJid } from './ids.js'
import { audioWaveform } from './waveform.js'
import { sendPollVote } from './pollvote.js'
import { eventSend, sendEventResponse } from './eventmsg.js'

const PRESENCES = { ONLINE: 'available', OFFLINE: 'unavailable', TYPING: 'composing', RECORDING: 'recording', PAUSED: 'paused' }
const PARTICIPANT_ACTIONS = { ADD: 'add', REMOVE: 'remove', PROMOTE: 'promote', DEMOTE: 'demote' }

/** A wagate message key → a Baileys WAMessageKey. */
export function baileysKey (key) {
  if (!key?.chatId || !key?.id) throw new RpcError(ERRORS.INVALID_PARAMS, 'a message key needs chatId and id')
  const out = { remoteJid: toJid(key.chatId), fromMe: Boolean(key.fromMe), id: key.id }
  if (key.participant) out.participant = toJid(key.participant)
  return out
}

/**
 * Where a 1:1 send (or typing, presence) goes: the person's LID where WhatsApp has one, as it rejects
 * phone-number sends to people it moved to LIDs (error 463, after the send returned). Baileys' LID
 * mapping store answers, and asks WhatsApp (a usync query) when it does not know; unknown: the number.
 */
export async function chatJid (session, chatId) {
  const jid = toJid(chatId)
  if (!isPhone(jid)) return jid
  try {
    const lid = await session.socket().signalRepository?.lidMapping?.getLIDForPN(jid)
    return lid ? jidNormalizedUser(lid) : jid
  } catch {
    return jid
  }
}

/** A wagate key as Baileys wants it for a command, its 1:1 chat named by LID where there is one. */
async function commandKey (session, key) {
  const out = baileysKey(key)
  out.remoteJid = await chatJid(session, key.chatId)
  return out
}

/** The quoted message Baileys needs for a reply: the original when this bridge or the store has it, else its key and text. */
async function quoted (replyTo, session) {
  if (!replyTo) return undefined
  const key = baileysKey(replyTo.key)
  const original = session.recent?.get(key.id) ?? await session.contents?.get(key)
  return { key, message: original ?? { conversation: replyTo.body ?? '' } }
}

/**
 * An app-state change (Baileys' chatModify). It needs the account's app-state keys, which the phone shares
 * with a device after linking it; until they are there Baileys refuses at once, which is a state to wait
 * out (409), not a bad request.
 */
export async function modify (session, mod, jid) {
  try {
    await session.socket().chatModify(mod, jid)
  } catch (err) {
    if (/app state key not present/i.test(err?.message ?? '')) {
      throw new RpcError(ERRORS.NOT_READY, 'the phone has not shared its app-state keys with this device yet ' +
        '(WhatsApp does so shortly after linking); try again later')
    }
    throw err
  }
}

/** The chat's newest message as chatModify's lastMessages names it (the range a whole-chat change covers). */
export function lastMessages (last) {
  return last?.key ? [{ key: baileysKey(last.key), messageTimestamp: Number(last.timestamp) }] : []
}

/** A preview Java made → Baileys' WAUrlInfo (the linkPreview field of a text message). */
function urlInfo (preview) {
  const info = { 'canonical-url': preview.url, 'matched-text': preview.matchedText ?? preview.url, title: preview.title ?? '' }
  if (preview.description) info.description = preview.description
  return info
}

/** The AnyMessageContent of an outgoing wagate message (see OutgoingMessage in Java). */
export function messageContent (m) {
  const file = () => {
    if (!m.file?.path) throw new RpcError(ERRORS.INVALID_PARAMS, `${m.kind} needs file.path`)
    return { url: m.file.path }
  }
  switch (m.kind) {
    case 'text': {
      const content = { text: m.text ?? '' }
      if (m.mentions?.length) content.mentions = m.mentions.map(toJid)
      // Never undefined, which would let Baileys fetch the page itself: wagate's Java side makes
      // previews (its private-address guard applies there), and null means none.
      content.linkPreview = m.linkPreview && m.preview ? urlInfo(m.preview) : null
      return content
    }
    case 'image':
      return { image: file(), caption: m.caption ?? '', mimetype: m.file.mimetype, ...(m.viewOnce ? { viewOnce: true } : {}) }
    case 'video':
      return {
        video: file(),
        caption: m.caption ?? '',
        mimetype: m.file.mimetype,
        ...(m.asGif ? { gifPlayback: true } : {}),
        ...(m.viewOnce ? { viewOnce: true } : {})
      }
    case 'audio':
      return { audio: file(), mimetype: m.voiceNote ? 'audio/ogg; codecs=opus' : m.file.mimetype, ptt: Boolean(m.voiceNote) }
    case 'document':
      return { document: file(), mimetype: m.file.mimetype ?? 'application/octet-stream', fileName: m.file.filename, caption: m.caption ?? '' }
    case 'location':
      return {
        location: {
          degreesLatitude: m.location.latitude,
          degreesLongitude: m.location.longitude,
          ...(m.location.title ? { name: m.location.title } : {}),
          ...(m.location.address ? { address: m.location.address } : {})
        }
      }
    case 'contacts':
      return {
        contacts: {
          displayName: m.contacts.length === 1 ? m.contacts[0].displayName : `${m.contacts.length} contacts`,
          contacts: m.contacts.map(c => ({ displayName: c.displayName, vcard: c.vcard }))
        }
      }
    case 'poll':
      return {
        poll: {
          name: m.poll.name,
          values: m.poll.options,
          selectableCount: m.poll.selectableCount,
          ...(m.announcementGroup ? { toAnnouncementGroup: true } : {})
        }
      }
    case 'event':
      return eventSend(m.event).content
    default:
      throw new RpcError(ERRORS.INVALID_PARAMS, `unknown message kind ${m.kind}`)
  }
}

/**
 * The command handlers of one bridge: each takes the RPC params and the session they name.
 * @param {(message: object, session: import('./session.js').Session) => Promise<object>} toWagate
 *   maps what sendMessage returned to the wagate message shape
 */
/**
 * WhatsApp answers a group IQ from a session that is not a member with 403 (whatsmeow's ErrNotInGroup) and one
 * for an unknown group with 404; wagate answers both 404 (README "Groups"), as the sandbox does.
 */
export const notAMemberIsNotFound = handler => async (s, params) => {
  try {
    return await handler(s, params)
  } catch (err) {
    if (err?.isBoom && err.data === 403) throw new RpcError(ERRORS.NOT_FOUND, `not a member of the group ${params?.groupId}`)
    throw err
  }
}

export function commandHandlers (toWagate) {
  // A send with wagate's id is answered once WhatsApp acked it (SERVER, as on the sandbox), or PENDING after a
  // while without; a refusal comes as the ERROR ack that follows. (Only Baileys' real socket, with its ws,
  // hears WhatsApp's acks; scripted stand-ins are answered at once.)
  const send = async (session, jid, content, options) => {
    const sock = session.socket()
    const acked = options?.messageId && sock.ws ? session.serverAck?.(options.messageId) : undefined
    const sent = await sock.sendMessage(jid, content, options)
    if (!sent) throw new RpcError(ERRORS.INTERNAL, 'Baileys sent nothing')
    await session.rememberSent(sent)
    if (acked && await acked && !(sent.status >= WAMessageStatus.SERVER_ACK)) sent.status = WAMessageStatus.SERVER_ACK
    return toWagate(sent, session)
  }
  return {
    'message.send': async (s, { message }) => {
      if (message.kind === 'pollVote') {
        const { engineType, ...vote } = await toWagate(await sendPollVote(s, message), s)
        return { ...vote, type: 'POLL_VOTE' }
      }
      if (message.kind === 'eventResponse') {
        const { engineType, ...response } = await toWagate(await sendEventResponse(s, message), s)
        return { ...response, type: 'EVENT_RESPONSE' }
      }
      // Java picks the id, so it knows the message before Baileys reports it back (see BaileysSession.send).
      const options = message.id ? { messageId: message.id } : {}
      const q = await quoted(message.replyTo, s)
      if (q) options.quoted = q
      const jid = await chatJid(s, message.chatId)
      // A 1:1 chat with disappearing messages on: the message disappears like the chat's others (known by
      // the phone-number chat or by its LID).
      const expiration = s.ephemeralFor(toJid(message.chatId)) ?? s.ephemeralFor(jid)
      if (expiration) options.ephemeralExpiration = expiration
      const content = messageContent(message)
      if (message.kind === 'event') Object.assign(options, eventSend(message.event).options)
      if (content.ptt) {
        const waveform = await audioWaveform(message.file.path, { logger: s.logger })
        if (waveform) content.waveform = waveform
      }
      return send(s, jid, content, options)
    },
    /**
     * Forwards a message as WhatsApp's apps do: Baileys' generateForwardMessageContent keeps the original's content
     * (media by its keys and URL, so nothing is uploaded again) and marks it forwarded. It needs the original's
     * content, which the session keeps for the messages it sent and received.
     */
    'message.forward': async (s, { chatId, original, id }) => {
      const key = baileysKey(original)
      key.remoteJid = await chatJid(s, original.chatId)
      const message = s.recent?.get(key.id) ?? await s.contents?.get(key)
      if (!message) throw new RpcError(ERRORS.NOT_FOUND, `the content of message ${key.id} is no longer known to this session`)
      const jid = await chatJid(s, chatId)
      const options = id ? { messageId: id } : {}
      const expiration = s.ephemeralFor(toJid(chatId)) ?? s.ephemeralFor(jid)
      if (expiration) options.ephemeralExpiration = expiration
      return send(s, jid, { forward: { key, message } }, options)
    },
    'message.react': async (s, { target, emoji }) => {
      const key = await commandKey(s, target)
      await s.socket().sendMessage(key.remoteJid, { react: { text: emoji ?? '', key } })
      return null
    },
    'message.revoke': async (s, { target }) => {
      const key = await commandKey(s, target)
      await s.socket().sendMessage(key.remoteJid, { delete: key })
      return null
    },
    'message.edit': async (s, { target, text }) => {
      const key = await commandKey(s, target)
      return send(s, key.remoteJid, { text, edit: key, linkPreview: null })
    },
    // Pins are messages to the chat (Baileys' pinInChatMessage), PIN_FOR_ALL with the duration or UNPIN_FOR_ALL.
    'message.pin': async (s, { target, pinned, duration }) => {
      const key = await commandKey(s, target)
      await s.socket().sendMessage(key.remoteJid, pinned ? { pin: key, type: 1, time: Number(duration) } : { pin: key, type: 2 })
      return null
    },
    'message.star': async (s, { target, starred }) => {
      const key = baileysKey(target)
      await s.socket().chatModify({ star: { messages: [{ id: key.id, fromMe: key.fromMe }], star: Boolean(starred) } }, key.remoteJid)
      return null
    },
    // Chat marks are app-state patches (chatModify); Baileys reports each back as chats.update (events.js).
    'chat.archive': async (s, { chatId, archived, last }) => {
      await modify(s, { archive: Boolean(archived), lastMessages: lastMessages(last) }, toJid(chatId))
      return null
    },
    'chat.pin': async (s, { chatId, pinned }) => {
      await modify(s, { pin: Boolean(pinned) }, toJid(chatId))
      return null
    },
    'chat.mute': async (s, { chatId, until }) => {
      // WhatsApp's mute end: epoch ms, -1 for always; null unmutes
      await modify(s, { mute: until ? Number(until) : null }, toJid(chatId))
      return null
    },
    'chat.unread': async (s, { chatId, last }) => {
      await modify(s, { markRead: false, lastMessages: lastMessages(last) }, toJid(chatId))
      return null
    },
    // A 1:1 chat's timer is a protocol message to the person; a group's, the group's setting. Baileys reports
    // either back as chats.update (ephemeralExpiration).
    'chat.disappearing': async (s, { chatId, seconds }) => {
      const jid = toJid(chatId)
      if (isGroup(jid)) await s.socket().groupToggleEphemeral(jid, Number(seconds))
      else await s.socket().sendMessage(await chatJid(s, chatId), { disappearingMessagesInChat: Number(seconds) || false })
      return null
    },
    'chat.delete': async (s, { chatId, last }) => {
      await modify(s, { delete: true, lastMessages: lastMessages(last) }, toJid(chatId))
      return null
    },
    'message.read': async (s, { keys }) => {
      await s.socket().readMessages((keys ?? []).map(baileysKey))
      return null
    },
    'presence.set': async (s, { presence, chatId }) => {
      const type = PRESENCES[presence]
      if (!type) throw new RpcError(ERRORS.INVALID_PARAMS, `unknown presence ${presence}`)
      await s.socket().sendPresenceUpdate(type, chatId ? await chatJid(s, chatId) : undefined)
      return null
    },
    'presence.subscribe': async (s, { chatId }) => {
      await s.socket().presenceSubscribe(await chatJid(s, chatId))
      return null
    },
    'contact.exists': async (s, { phone }) => {
      const [found] = (await s.socket().onWhatsApp(phone)) ?? []
      return { exists: Boolean(found?.exists), chatId: found?.jid ? toChatId(found.jid) : `${phone}@c.us` }
    },
    // Baileys' LID mapping store: what it learnt from envelopes, usync answers and history syncs; a number it
    // does not know is asked of WhatsApp (getLIDForPN's usync query).
    'lid.forPhone': async (s, { phone }) => {
      const lid = await s.socket().signalRepository?.lidMapping?.getLIDForPN(`${phone}@s.whatsapp.net`)
      return { lid: lid ? toChatId(jidNormalizedUser(lid)) : null }
    },
    'lid.forLid': async (s, { lid }) => {
      const pn = await s.socket().signalRepository?.lidMapping?.getPNForLID(lid)
      return { phone: pn ? toChatId(jidNormalizedUser(pn)) : null }
    },
    'call.reject': async (s, { callId, from }) => {
      await s.socket().rejectCall(callId, toJid(from))
      return null
    },
    'group.create': async (s, { subject, participants, description }) => {
      const sock = s.socket()
      const group = await sock.groupCreate(subject, participants.map(toJid))
      if (description) await sock.groupUpdateDescription(group.id, description)
      return groupOut(description ? { ...group, desc: description } : group)
    },
    // A community's parent group is no chat (see communities.js): WhatsApp lists it among the groups, wagate does not.
    'group.list': async s => Object.values(await s.socket().groupFetchAllParticipating()).filter(g => !g.isCommunity).map(groupOut),
    'group.get': notAMemberIsNotFound(async (s, { groupId }) => groupOut(await s.socket().groupMetadata(toJid(groupId)))),
    'group.leave': notAMemberIsNotFound(async (s, { groupId }) => {
      await s.socket().groupLeave(toJid(groupId))
      return null
    }),
    'group.subject': notAMemberIsNotFound(async (s, { groupId, subject }) => {
      await s.socket().groupUpdateSubject(toJid(groupId), subject)
      return null
    }),
    'group.description': notAMemberIsNotFound(async (s, { groupId, description }) => {
      await s.socket().groupUpdateDescription(toJid(groupId), description)
      return null
    }),
    'group.setting': notAMemberIsNotFound(async (s, { groupId, setting, adminsOnly }) => {
      const value = setting === 'MESSAGES_ADMIN_ONLY'
        ? (adminsOnly ? 'announcement' : 'not_announcement')
        : (adminsOnly ? 'locked' : 'unlocked')
      await s.socket().groupSettingUpdate(toJid(groupId), value)
      return null
    }),
    'group.participants': notAMemberIsNotFound(async (s, { groupId, action, participants }) => {
      const verb = PARTICIPANT_ACTIONS[action]
      if (!verb) throw new RpcError(ERRORS.INVALID_PARAMS, `unknown participant action ${action}`)
      const results = await s.socket().groupParticipantsUpdate(toJid(groupId), participants.map(toJid), verb)
      return results.map(r => ({ id: toChatId(r.jid), status: Number(r.status) || 500 }))
    }),
    'group.inviteCode': notAMemberIsNotFound(async (s, { groupId }) => ({ code: await s.socket().groupInviteCode(toJid(groupId)) })),
    'group.revokeInvite': notAMemberIsNotFound(async (s, { groupId }) => ({ code: await s.socket().groupRevokeInvite(toJid(groupId)) })),
    'group.join': async (s, { code }) => ({ groupId: toChatId(await s.socket().groupAcceptInvite(code)) })
  }
}

export function groupOut (g) {
  return {
    id: toChatId(g.id),
    subject: g.subject ?? '',
    description: g.desc ?? '',
    owner: g.owner ? toChatId(g.ownerPn ?? g.owner) : null,
    participants: (g.participants ?? []).map(p => ({
      id: toChatId(p.phoneNumber ?? p.id),
      role: p.admin === 'superadmin' ? 'SUPERADMIN' : p.admin === 'admin' ? 'ADMIN' : 'PARTICIPANT'
    })),
    messagesAdminOnly: Boolean(g.announce),
    infoAdminOnly: Boolean(g.restrict),
    createdAt: (g.creation ?? 0) * 1000
  }
}
