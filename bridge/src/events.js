// Baileys events (sock.ev) → wagate events, as Java's EngineEvent records read them.
// Lifecycle (connection.update, creds.update) belongs to session.js; everything else is here.
import { decryptPollVote, getKeyAuthor, jidNormalizedUser, proto, sha256, toNumber, WAMessageStatus, WAMessageStubType } from 'baileys'
import { ackOfStatus, contentOf, sendError, toWagateMessage, wagateKey } from './messages.js'
import { isGroup, resolvePerson, toChatId } from './ids.js'
import { isSnapshot } from './groupcache.js'
import { plain } from './plain.js'
import { eventKeyHere, unreadableResponse } from './eventmsg.js'

const PRESENCES = { available: 'online', unavailable: 'offline', composing: 'typing', recording: 'recording', paused: 'paused' }
const PARTICIPANT_CHANGES = { add: 'JOIN', remove: 'LEAVE', promote: 'PROMOTE', demote: 'DEMOTE' }
const CALL_STATES = { offer: 'RECEIVED', accept: 'ACCEPTED', reject: 'REJECTED' }
const EVENT_ANSWERS = { 1: 'GOING', 2: 'NOT_GOING', 3: 'MAYBE' }
/** Events passed on as engine.event (opt-in) with their data; anything heavy is summarised. */
const RAW_EVENTS = ['contacts.upsert', 'contacts.update', 'blocklist.set',
  'blocklist.update', 'group.join-request', 'newsletter.reaction', 'newsletter.view',
  'newsletter-participants.update', 'newsletter-settings.update', 'chats.lock', 'settings.update',
  'lid-mapping.update', 'messages.delete', 'message-capping.update', 'group.member-tag.update']

/** Messages that failed to decrypt are reported once each; this many ids are remembered. */
const UNDECRYPTED_REMEMBERED = 5000

/**
 * What a Baileys chat (chats.update, chats.upsert, a history sync's chat) says of its state, as a chat.state
 * event's fields; null when nothing. Live updates count unread messages up (each message adds one), which
 * wagate counts itself from the messages: only their 0 (read) and -1 (marked unread) are taken. A whole chat
 * ({@code whole}: an upsert or history sync) has its count as it stands. Pins are a time (pinned) or null;
 * a mute ends at a time (ms; -1 always) or is null (not muted); disappearing messages have a timer (seconds) or
 * none (off).
 */
export function chatState (chat, whole) {
  const state = {}
  const name = chat.name || (whole ? chat.displayName : undefined)
  if (typeof name === 'string' && name) state.name = name
  if (chat.pinned !== undefined) state.pinned = Boolean(chat.pinned && toNumber(chat.pinned))
  if (chat.muteEndTime !== undefined) state.mutedUntil = muteEnd(chat.muteEndTime)
  if (typeof chat.unreadCount === 'number' && (whole ? chat.unreadCount >= -1 : chat.unreadCount <= 0)) {
    state.unreadCount = chat.unreadCount
  }
  if (chat.markedAsUnread === true) state.unreadCount = -1
  if ('ephemeralExpiration' in chat) state.disappearing = Number(chat.ephemeralExpiration) || 0
  if (whole && chat.conversationTimestamp) state.lastMessageAt = toNumber(chat.conversationTimestamp) * 1000
  return Object.keys(state).length ? state : null
}

/** Past any real time (year 9999, in ms): a history sync's "always", -1 read as the unsigned number it is there. */
const NEVER = 253402300799999

/** A mute's end in ms, -1 for always (as app-state's muteAction says it), 0 for none. */
function muteEnd (value) {
  const end = value ? toNumber(value) : 0
  return end < 0 || end > NEVER ? -1 : end
}

/** A bounded memory of ids: seen(id) is true when the id was seen before (and remembers it). */
function recentIds (limit) {
  const ids = new Set()
  return {
    seen (id) {
      if (ids.has(id)) return true
      ids.add(id)
      if (ids.size > limit) ids.delete(ids.values().next().value)
      return false
    }
  }
}

/**
 * Listens on a Baileys event emitter and emits wagate events.
 * @param {object} ev Baileys' sock.ev (or a scripted EventEmitter in tests)
 * @param {object} ctx
 * @param {() => string} ctx.me the session's own chat id
 * @param {() => string|undefined} ctx.meLid
 * @param {(event: object) => void} ctx.emit
 * @param {(lid: string) => Promise<string|null>} [ctx.pnForLid]
 * @param {(id: string) => boolean} [ctx.sentByApi]
 * @param {import('./polls.js').PollStore} ctx.polls
 * @param {import('./contents.js').MessageContents} [ctx.contents] keeps received messages' content for getMessage
 * @param {(id: string) => void} [ctx.reported] told of each upserted message once its events were emitted
 * @param {{warn: Function}} ctx.log
 */
export function bindEvents (ev, ctx) {
  const messageCtx = () => ({ me: ctx.me(), meLid: ctx.meLid?.(), pnForLid: ctx.pnForLid, sentByApi: ctx.sentByApi })
  // Mapping may wait (LID look-ups); one queue keeps wagate events in Baileys' order.
  let queue = Promise.resolve()
  const guard = (name, fn) => payload => {
    queue = queue.then(() => fn(payload)).catch(err => {
      ctx.log.warn({ err, event: name }, 'could not map a Baileys event')
      ctx.emit({ type: 'raw', name, data: { error: String(err?.message ?? err) } })
    })
  }
  const on = (name, fn) => ev.on(name, guard(name, fn))
  const undecrypted = recentIds(UNDECRYPTED_REMEMBERED)

  on('messages.upsert', async ({ messages, type }) => {
    for (const message of messages ?? []) {
      try {
        await onMessage(message, type)
      } finally {
        // Reported (or nothing to report): the bridge's copy of it (inbox.js) is no longer needed.
        if (message?.key?.id) ctx.reported?.(message.key.id)
      }
    }
  })

  async function onMessage (message, upsertType) {
    const content = contentOf(message)
    if (!content) {
      // Not decrypted (yet): Baileys asks the sender to retry and upserts the message again when it arrives.
      if (message.messageStubType === WAMessageStubType.CIPHERTEXT && message.key) {
        // Baileys asks the sender for a retry, and the phone for the message (placeholder resend), and
        // upserts the stub again at each failed retry: one event per message, however many bursts.
        if (undecrypted.seen(message.key.id)) return
        const reason = String(message.messageStubParameters?.[0] ?? 'the message could not be decrypted')
        ctx.emit({ type: 'waiting', key: (await wagateKey(message.key, ctx.pnForLid)).key, reason })
      } else if (!message.messageStubType) {
        ctx.emit({ type: 'raw', name: 'messages.upsert', data: plain({ key: message.key, upsertType }) })
      }
      return
    }
    if (content.encEventResponseMessage) {
      await onEventResponse(message, content.encEventResponseMessage)
      return
    }
    // Baileys reports these through messages.update and messages.reaction as well: one event each.
    if (content.protocolMessage || content.reactionMessage) return
    if (content.pollUpdateMessage) {
      await onPollVote(message, content.pollUpdateMessage)
      return
    }
    if (content.pinInChatMessage) {
      await onPin(message, content.pinInChatMessage, message.message?.messageContextInfo)
      return
    }
    if (content.pollCreationMessage || content.pollCreationMessageV2 || content.pollCreationMessageV3) {
      ctx.polls.remember(message)
    }
    // An API send's echo: its content was kept when it was sent.
    if (!(message.key?.fromMe && ctx.sentByApi?.(message.key.id))) ctx.contents?.remember(message)
    ctx.emit({ type: 'message', message: await toWagateMessage(message, messageCtx()) })
    // A status update Baileys held in its event buffer together with its own report of a sent message is
    // merged into that report (Utils/event-buffer.js) and comes as no messages.update: WhatsApp's error ack
    // of the send, or a delivery, would be lost with the echo wagate drops. Reported as an ack here.
    if (message.key?.fromMe && (message.status === WAMessageStatus.ERROR || message.status > WAMessageStatus.SERVER_ACK)) {
      await onMessageUpdate(message.key, { status: message.status, messageStubParameters: message.messageStubParameters })
    }
  }

  // A pin names the message by the pinner's key for it; wagate names it by this session's.
  async function onPin (message, pin, context) {
    const key = message.key
    let target = pin.key ?? {}
    if (!key.fromMe) {
      const chat = key.remoteJid
      const pinner = key.participant ?? chat
      if (!isGroup(chat)) {
        target = { remoteJid: chat, remoteJidAlt: key.remoteJidAlt, fromMe: !target.fromMe, id: target.id }
      } else if (target.fromMe) {
        target = { remoteJid: chat, fromMe: false, id: target.id, participant: pinner, participantAlt: key.participantAlt }
      } else if (target.participant && isMe(target.participant)) {
        target = { remoteJid: chat, fromMe: true, id: target.id }
      } else {
        target = { ...target, remoteJid: chat }
      }
    }
    const pinKey = await wagateKey(key, ctx.pnForLid)
    const pinned = pin.type === proto.Message.PinInChatMessage.Type.PIN_FOR_ALL
    ctx.emit({
      type: 'message.pin',
      target: (await wagateKey(target, ctx.pnForLid)).key,
      by: pinKey.key.fromMe ? ctx.me() : (pinKey.key.participant ?? pinKey.key.chatId),
      pinned,
      duration: pinned ? Number(context?.messageAddOnDurationInSecs ?? 0) : 0,
      timestamp: toNumber(pin.senderTimestampMs ?? 0) || Date.now()
    })
  }

  function isMe (jid) {
    const id = toChatId(jid)
    return id === ctx.me() || id === ctx.meLid?.()
  }

  async function onPollVote (message, update) {
    const voteKey = await wagateKey(message.key, ctx.pnForLid)
    const pollKey = await wagateKey(update.pollCreationMessageKey ?? {}, ctx.pnForLid)
    const from = voteKey.key.fromMe ? ctx.me() : (voteKey.key.participant ?? voteKey.key.chatId)
    const poll = await ctx.polls.find(update.pollCreationMessageKey?.id)
    if (!poll) {
      ctx.emit({ type: 'poll.vote.failed', vote: voteKey.key, from, poll: pollKey.key, reason: 'the poll is not known to this session (it was sent before the session was linked here), so the vote cannot be decrypted' })
      return
    }
    try {
      const vote = await decryptVote(update, message.key, poll.secret)
      const names = new Map(poll.options.map(name => [sha256(Buffer.from(name)).toString('hex'), name]))
      const selectedOptions = (vote.selectedOptions ?? []).map(hash => names.get(Buffer.from(hash).toString('hex')) ?? 'Unknown')
      ctx.emit({
        type: 'poll.vote',
        vote: voteKey.key,
        from,
        // As on the sandbox: a vote in a group is to the group, a 1:1 vote to whoever it was cast to.
        to: voteKey.key.fromMe || voteKey.key.participant ? voteKey.key.chatId : ctx.me(),
        poll: pollKey.key,
        selectedOptions,
        timestamp: toNumber(update.senderTimestampMs ?? 0) || toNumber(message.messageTimestamp ?? 0) * 1000
      })
    } catch (err) {
      ctx.emit({ type: 'poll.vote.failed', vote: voteKey.key, from, poll: pollKey.key, reason: `the vote could not be decrypted: ${err?.message ?? err}` })
    }
  }

  /**
   * A vote is encrypted with its voter's and the poll creator's ids in whichever form (phone number or LID) the
   * voter's client used, which the vote does not say: each combination is tried (a wrong one fails GCM's check).
   */
  async function decryptVote (update, voteKey, secret) {
    const meIds = [jidNormalizedUser(ctx.meJid?.() ?? ''), ctx.meLidJid?.()].filter(Boolean).map(jidNormalizedUser)
    const creators = await identities(update.pollCreationMessageKey, meIds)
    const voters = await identities(voteKey, meIds)
    let failure
    for (const voterJid of voters) {
      for (const pollCreatorJid of creators) {
        try {
          return decryptPollVote(update.vote, { pollEncKey: secret, pollCreatorJid, pollMsgId: update.pollCreationMessageKey.id, voterJid })
        } catch (err) {
          failure = err
        }
      }
    }
    throw failure ?? new Error('no voter or creator id to try')
  }

  /** The author of a key in every form known: the one Baileys picks first, then its LID or phone number. */
  async function identities (key, meIds) {
    if (key?.fromMe) return meIds
    const primary = key?.participant || key?.remoteJid
    const alt = key?.participantAlt || key?.remoteJidAlt
    const out = [getKeyAuthor(key), primary, alt]
    if (primary && !alt) {
      try {
        out.push(primary.endsWith('@lid') ? await ctx.pnForLid?.(primary) : await ctx.lidForPn?.(primary))
      } catch {
        // no other form known: the ones above are tried
      }
    }
    return [...new Set(out.filter(Boolean).map(jidNormalizedUser))]
  }

  on('messages.update', async updates => {
    for (const { key, update } of updates ?? []) {
      await onMessageUpdate(key, update ?? {})
    }
  })

  /**
   * A response Baileys cannot decrypt it only logs: found here by its own decryption (a readable one it reports as
   * messages.update eventResponses, handled below), and reported as a failed event.response.
   */
  async function onEventResponse (message, enc) {
    const reason = await unreadableResponse(message, enc, ctx)
    if (!reason) return
    const rkey = await wagateKey(message.key, ctx.pnForLid)
    ctx.emit({
      type: 'event.response',
      response: rkey.key,
      event: eventKeyHere(enc.eventCreationMessageKey ?? {}, rkey.key, ctx.me()),
      from: rkey.key.fromMe ? ctx.me() : (rkey.key.participant ?? rkey.key.chatId),
      answer: 'UNKNOWN',
      failed: true,
      reason,
      timestamp: toNumber(message.messageTimestamp ?? 0) * 1000
    })
  }

  async function onMessageUpdate (key, update) {
    const { key: wkey, participantLid } = await wagateKey(key, ctx.pnForLid)
    let handled = false
    const ack = ackOfStatus(update.status)
    if (ack) {
      handled = true
      const event = { type: 'ack', key: wkey, from: wkey.fromMe ? ctx.me() : (wkey.participant ?? wkey.chatId), to: wkey.fromMe ? wkey.chatId : ctx.me(), ack }
      if (ack === 'ERROR') event.error = sendError(update.messageStubParameters)
      ctx.emit(event)
    }
    if (update.message === null && update.messageStubType === WAMessageStubType.REVOKE) {
      handled = true
      const revocation = update.key ?? key
      const after = await toWagateMessage({ key: revocation, message: { protocolMessage: { type: 0, key } }, messageTimestamp: Math.floor(Date.now() / 1000) }, messageCtx())
      ctx.emit({ type: 'revoked', revoked: wkey, after })
    }
    const edited = update.message?.editedMessage?.message
    if (edited) {
      handled = true
      const inner = edited.protocolMessage?.editedMessage ?? edited
      const message = await toWagateMessage({ key, message: inner, messageTimestamp: update.messageTimestamp }, messageCtx())
      ctx.emit({ type: 'edited', edited: wkey, message })
    }
    for (const response of update.eventResponses ?? []) {
      handled = true
      const rkey = await wagateKey(response.eventResponseMessageKey ?? {}, ctx.pnForLid)
      ctx.emit({
        type: 'event.response',
        response: rkey.key,
        // Baileys names the event by the key the responder wrote: made this session's own here.
        event: eventKeyHere(key, rkey.key, ctx.me()),
        from: rkey.key.fromMe ? ctx.me() : (rkey.key.participant ?? rkey.key.chatId),
        answer: EVENT_ANSWERS[response.response?.response] ?? 'UNKNOWN',
        failed: false,
        timestamp: toNumber(response.senderTimestampMs ?? 0)
      })
    }
    if (!handled) ctx.emit({ type: 'raw', name: 'messages.update', data: plain({ key: wkey, participantLid, update }) })
  }

  on('message-receipt.update', async receipts => {
    for (const { key, receipt } of receipts ?? []) {
      const { key: wkey } = await wagateKey(key, ctx.pnForLid)
      const ack = receipt.playedTimestamp ? 'PLAYED' : receipt.readTimestamp ? 'READ' : receipt.receiptTimestamp ? 'DEVICE' : undefined
      if (!ack) continue
      // Group (and status) receipts, one per member: the ack is of the message's sender, the member its reader.
      const reader = await resolvePerson(receipt.userJid, undefined, ctx.pnForLid)
      ctx.emit({ type: 'ack', key: wkey, from: wkey.fromMe ? ctx.me() : reader.id, to: wkey.chatId, ack, reader: reader.id })
    }
  })

  on('messages.reaction', async reactions => {
    for (const { key, reaction } of reactions ?? []) {
      const target = await wagateKey(key, ctx.pnForLid)
      const own = await wagateKey(reaction.key ?? key, ctx.pnForLid)
      ctx.emit({
        type: 'reaction',
        key: own.key,
        // As a message: from its chat (the group, the reactor being the key's participant) to the session.
        from: own.key.fromMe ? ctx.me() : own.key.chatId,
        to: own.key.fromMe ? own.key.chatId : ctx.me(),
        target: target.key,
        text: reaction.text ?? '',
        timestamp: toNumber(reaction.senderTimestampMs ?? 0) || Date.now()
      })
    }
  })

  on('presence.update', async ({ id, presences }) => {
    const chat = await resolvePerson(id, undefined, ctx.pnForLid)
    const list = []
    for (const [participant, data] of Object.entries(presences ?? {})) {
      const person = await resolvePerson(participant, undefined, ctx.pnForLid)
      const entry = { participant: person.id, lastKnownPresence: PRESENCES[data.lastKnownPresence] ?? String(data.lastKnownPresence) }
      if (data.lastSeen) entry.lastSeen = data.lastSeen * 1000
      list.push(entry)
    }
    ctx.emit({ type: 'presence', chatId: chat.id, presences: list })
  })

  on('groups.upsert', async groups => {
    for (const group of groups ?? []) {
      ctx.emit({ type: 'group', change: 'JOIN', group: await groupInfo(group), timestamp: Date.now() })
    }
  })

  on('groups.update', async groups => {
    // Full snapshots come from listing the groups (group.list, or Baileys' own after a reconnect), not
    // from a change: they fill the group cache (groupcache.js) and are no event.
    for (const group of (groups ?? []).filter(g => !isSnapshot(g))) {
      ctx.emit({ type: 'group', change: 'UPDATE', group: await groupInfo(group), timestamp: Date.now() })
    }
  })

  on('group-participants.update', async ({ id, participants, action }) => {
    const change = PARTICIPANT_CHANGES[action]
    const people = await Promise.all((participants ?? []).map(p => participantInfo(typeof p === 'string' ? { id: p } : p)))
    if (!change) {
      ctx.emit({ type: 'raw', name: 'group-participants.update', data: plain({ id, action, participants: people }) })
      return
    }
    const groupId = toChatId(id)
    ctx.emit({ type: 'group.participants', groupId, change, participants: people, timestamp: Date.now() })
    const me = ctx.me()
    const meLid = ctx.meLid?.()
    if ((change === 'JOIN' || change === 'LEAVE') && people.some(p => p.id === me || (meLid && p.lid === meLid))) {
      ctx.emit({ type: 'group', change, group: { id: groupId }, timestamp: Date.now() })
    }
  })

  on('call', async calls => {
    for (const call of calls ?? []) {
      const state = CALL_STATES[call.status]
      const caller = await resolvePerson(call.from, call.callerPn, ctx.pnForLid)
      if (!state) {
        ctx.emit({ type: 'raw', name: 'call', data: plain({ ...call, from: caller.id }) })
        continue
      }
      ctx.emit({
        type: 'call',
        state,
        callId: call.id,
        from: caller.id,
        video: Boolean(call.isVideo),
        group: Boolean(call.isGroup),
        timestamp: call.date instanceof Date ? call.date.getTime() : Date.now()
      })
    }
  })

  on('chats.update', async chats => {
    for (const chat of chats ?? []) {
      const who = await resolvePerson(chat.id, undefined, ctx.pnForLid)
      if (typeof chat.archived === 'boolean') {
        ctx.emit({ type: 'chat.archive', chatId: who.id, archived: chat.archived, timestamp: Date.now() })
      }
      const state = chatState(chat, false)
      if (state) ctx.emit({ type: 'chat.state', chatId: who.id, ...state, timestamp: Date.now() })
    }
  })

  // A chat Baileys learns of outside a message (a group created): its name and time.
  on('chats.upsert', async chats => {
    for (const chat of chats ?? []) {
      const state = chatState(chat, true)
      if (state) ctx.emit({ type: 'chat.state', chatId: (await resolvePerson(chat.id, undefined, ctx.pnForLid)).id, ...state, timestamp: Date.now() })
    }
  })

  on('chats.delete', async ids => {
    for (const id of ids ?? []) {
      ctx.emit({ type: 'chat.deleted', chatId: (await resolvePerson(id, undefined, ctx.pnForLid)).id, timestamp: Date.now() })
    }
  })

  on('labels.edit', async label => {
    const plainLabel = { id: String(label.id), name: label.name ?? '', color: label.color ?? 0 }
    ctx.emit({ type: label.deleted ? 'label.deleted' : 'label.upsert', label: plainLabel })
  })

  on('labels.association', async ({ association, type }) => {
    if (association?.type === 'label_jid') {
      const who = await resolvePerson(association.chatId, undefined, ctx.pnForLid)
      ctx.emit({ type: 'label.chat', labelId: String(association.labelId), chatId: who.id, added: type === 'add' })
    } else {
      ctx.emit({ type: 'raw', name: 'labels.association', data: plain({ association, type }) })
    }
  })

  on('messaging-history.set', async ({ chats, contacts, messages, isLatest, progress, syncType }) => {
    // The phone's chats, as they stand: their names, marks and unread counts are absolute here.
    for (const chat of chats ?? []) {
      const state = chatState(chat, true)
      if (!state) continue
      if (typeof chat.archived === 'boolean') state.archived = chat.archived
      const who = await resolvePerson(chat.id, chat.pnJid ?? undefined, ctx.pnForLid)
      ctx.emit({ type: 'chat.state', chatId: who.id, ...state, timestamp: Date.now() })
    }
    ctx.emit({ type: 'raw', name: 'messaging-history.set', data: { chats: chats?.length ?? 0, contacts: contacts?.length ?? 0, messages: messages?.length ?? 0, isLatest: Boolean(isLatest), progress: progress ?? null, syncType: syncType ?? null } })
  })

  for (const name of RAW_EVENTS) {
    on(name, async data => ctx.emit({ type: 'raw', name, data: plain(data) }))
  }

  async function participantInfo (p) {
    const person = await resolvePerson(p.id, p.phoneNumber, ctx.pnForLid)
    const role = p.admin === 'superadmin' || p.isSuperAdmin ? 'SUPERADMIN' : p.admin === 'admin' || p.isAdmin ? 'ADMIN' : 'PARTICIPANT'
    return person.lid ? { id: person.id, lid: person.lid, role } : { id: person.id, role }
  }

  async function groupInfo (g) {
    const out = { id: toChatId(g.id) }
    if (g.subject !== undefined) out.subject = g.subject
    if (g.desc !== undefined) out.description = g.desc ?? ''
    if (g.owner) out.owner = (await resolvePerson(g.owner, g.ownerPn, ctx.pnForLid)).id
    if (g.participants) out.participants = await Promise.all(g.participants.map(participantInfo))
    if (typeof g.announce === 'boolean') out.messagesAdminOnly = g.announce
    if (typeof g.restrict === 'boolean') out.infoAdminOnly = g.restrict
    if (g.creation) out.createdAt = g.creation * 1000
    return out
  }
}
