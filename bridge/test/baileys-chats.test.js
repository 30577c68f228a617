// Chat marks (archive, pin, mute, mark unread, delete) from the bridge's commands to its events, through
// Baileys' own app-state code: the mod a command hands to chatModify is made into a patch by Baileys'
// chatModificationToAppPatch (what chatModify does), encrypted by encodeSyncdPatch (what appPatch sends),
// decrypted by decodeSyncdPatch and applied by processSyncAction on the real socket's events, as the
// account's other device (or this one, with emitOwnEvents) does. No WhatsApp server serves app-state
// here, so the network leg between encode and decode is the only part left out.
// History sync chats go through Baileys' processHistoryMessage.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { generateWAMessageContent, processHistoryMessage, proto } from 'baileys'
import { appStateDevice } from './app-state.js'
import { commandHandlers } from '../src/commands.js'
import { bindEvents } from '../src/events.js'
import { PollStore } from '../src/polls.js'
import { messageNode, realSocket } from './baileys-socket.js'
import { silentLogger, until } from './fakes.js'

const ME_JID = '15550000100:2@s.whatsapp.net'
const ME = '15550000100@c.us'
const BOB = '15550000001@c.us'
const BOB_JID = '15550000001@s.whatsapp.net'
const GROUP = '120363000000000042@g.us'

const real = await realSocket({ me: { id: ME_JID, lid: '990000000000100:2@lid' } })
after(() => real.close())

const events = []
bindEvents(real.sock.ev, {
  me: () => ME,
  meLid: () => '990000000000100@lid',
  meJid: () => ME_JID,
  emit: e => events.push(e),
  pnForLid: lid => real.sock.signalRepository.lidMapping.getPNForLID(lid),
  lidForPn: pn => real.sock.signalRepository.lidMapping.getLIDForPN(pn),
  sentByApi: () => false,
  polls: new PollStore(),
  log: silentLogger
})

// What chatModify does with a mod, and what a device that receives the patch makes of it.
const applyAsAnotherDevice = appStateDevice(real.sock)

// The socket's chatModify needs a WhatsApp server to send the patch to; it is recorded here, and applied as
// WhatsApp delivers it to the account's devices.
const modified = []
const sock = {
  ...real.sock,
  chatModify: async (mod, jid) => {
    modified.push([structuredClone(mod), jid])
    await applyAsAnotherDevice(mod, jid)
  }
}
const session = { socket: () => sock }

// Disappearing messages are no app state: what the commands hand to Baileys is recorded, and what the other
// side's client sends (or WhatsApp's group notification) is fed to the real socket.
const toggled = []
sock.groupToggleEphemeral = async (jid, seconds) => { toggled.push(['groupToggleEphemeral', jid, seconds]) }
sock.sendMessage = async (jid, content) => { toggled.push(['sendMessage', jid, content]) }
const handlers = commandHandlers(() => { throw new Error('no sends here') })

async function eventFor (predicate) {
  let found
  await until(() => (found = events.find(predicate)), 5000)
  events.splice(events.indexOf(found), 1)
  return found
}

const LAST = { key: { chatId: BOB, fromMe: false, id: '3EB0LAST1' }, timestamp: 1765000000 }

test('archiving names the chat\'s newest message and comes back as chat.archive', async () => {
  await handlers['chat.archive'](session, { chatId: BOB, archived: true, last: LAST })
  assert.deepEqual(modified.at(-1), [{ archive: true, lastMessages: [{ key: { remoteJid: BOB_JID, fromMe: false, id: '3EB0LAST1' }, messageTimestamp: 1765000000 }] }, BOB_JID])
  const archived = await eventFor(e => e.type === 'chat.archive' && e.chatId === BOB)
  assert.equal(archived.archived, true)
  await handlers['chat.archive'](session, { chatId: BOB, archived: false })
  assert.equal((await eventFor(e => e.type === 'chat.archive' && e.chatId === BOB)).archived, false)
})

test('a pin and an unpin come back as chat.state pinned', async () => {
  await handlers['chat.pin'](session, { chatId: GROUP, pinned: true })
  assert.deepEqual(modified.at(-1), [{ pin: true }, GROUP])
  const pinned = await eventFor(e => e.type === 'chat.state' && e.chatId === GROUP && 'pinned' in e)
  assert.equal(pinned.pinned, true)
  await handlers['chat.pin'](session, { chatId: GROUP, pinned: false })
  assert.equal((await eventFor(e => e.type === 'chat.state' && e.chatId === GROUP && 'pinned' in e)).pinned, false)
})

test('a mute until a time, always, and an unmute come back as chat.state mutedUntil (ms, -1, 0)', async () => {
  const until = Date.now() + 3_600_000
  await handlers['chat.mute'](session, { chatId: BOB, until })
  assert.deepEqual(modified.at(-1), [{ mute: until }, BOB_JID])
  assert.equal((await eventFor(e => e.type === 'chat.state' && 'mutedUntil' in e)).mutedUntil, until)
  await handlers['chat.mute'](session, { chatId: BOB, until: -1 })
  assert.equal((await eventFor(e => e.type === 'chat.state' && 'mutedUntil' in e)).mutedUntil, -1)
  await handlers['chat.mute'](session, { chatId: BOB, until: 0 })
  assert.deepEqual(modified.at(-1), [{ mute: null }, BOB_JID])
  assert.equal((await eventFor(e => e.type === 'chat.state' && 'mutedUntil' in e)).mutedUntil, 0)
})

test('marking unread comes back as unreadCount -1; a read on the phone as 0', async () => {
  await handlers['chat.unread'](session, { chatId: BOB, last: LAST })
  assert.equal(modified.at(-1)[0].markRead, false)
  assert.equal((await eventFor(e => e.type === 'chat.state' && e.chatId === BOB && 'unreadCount' in e)).unreadCount, -1)
  await applyAsAnotherDevice({ markRead: true, lastMessages: [{ key: { remoteJid: BOB_JID, fromMe: false, id: '3EB0LAST1' }, messageTimestamp: 1765000000 }] }, BOB_JID)
  assert.equal((await eventFor(e => e.type === 'chat.state' && e.chatId === BOB && 'unreadCount' in e)).unreadCount, 0)
})

test('deleting a chat comes back as chat.deleted', async () => {
  await handlers['chat.delete'](session, { chatId: BOB, last: LAST })
  assert.equal(modified.at(-1)[0].delete, true)
  assert.deepEqual(modified.at(-1)[0].lastMessages[0].key, { remoteJid: BOB_JID, fromMe: false, id: '3EB0LAST1' })
  await eventFor(e => e.type === 'chat.deleted' && e.chatId === BOB)
})

test('a message Baileys counts as unread is no chat.state: wagate counts the messages itself', async () => {
  real.feed(await messageNode({ from: BOB_JID, id: 'UNREAD1' }, { text: 'hello' }))
  await eventFor(e => e.type === 'message' && e.message.key.id === 'UNREAD1')
  assert.equal(events.some(e => e.type === 'chat.state' && 'unreadCount' in e), false)
})

test('the chats of a history sync come with their names, marks, unread counts and times', async () => {
  const history = proto.HistorySync.fromObject({
    syncType: proto.HistorySync.HistorySyncType.INITIAL_BOOTSTRAP,
    conversations: [
      { id: BOB_JID, name: 'Bob', unreadCount: 3, archived: true, pinned: 1765000000, muteEndTime: -1, conversationTimestamp: 1765000100 },
      { id: GROUP, name: 'Team', unreadCount: 0, markedAsUnread: true, conversationTimestamp: 1765000200 }
    ]
  })
  real.sock.ev.emit('messaging-history.set', { ...processHistoryMessage(history), isLatest: true })
  const bob = await eventFor(e => e.type === 'chat.state' && e.chatId === BOB && e.name === 'Bob')
  assert.deepEqual([bob.unreadCount, bob.archived, bob.pinned, bob.mutedUntil, bob.lastMessageAt], [3, true, true, -1, 1765000100000])
  const team = await eventFor(e => e.type === 'chat.state' && e.chatId === GROUP && e.name === 'Team')
  assert.deepEqual([team.unreadCount, team.pinned, team.lastMessageAt], [-1, false, 1765000200000])
})

test('a mark before the phone shared its app-state keys is NOT_READY, from Baileys\' own refusal', async () => {
  // The real socket's chatModify, whose credentials hold no app-state key yet.
  await assert.rejects(handlers['chat.pin']({ socket: () => real.sock }, { chatId: BOB, pinned: true }),
    err => err.code === -32001 && /app-state keys/.test(err.message))
})

test('disappearing messages: a 1:1 timer is a protocol message, a group\'s a setting; both come back as chat.state', async () => {
  await handlers['chat.disappearing'](session, { chatId: BOB, seconds: 86400 })
  assert.deepEqual(toggled.at(-1), ['sendMessage', BOB_JID, { disappearingMessagesInChat: 86400 }])
  await handlers['chat.disappearing'](session, { chatId: BOB, seconds: 0 })
  assert.deepEqual(toggled.at(-1), ['sendMessage', BOB_JID, { disappearingMessagesInChat: false }])
  await handlers['chat.disappearing'](session, { chatId: GROUP, seconds: 604800 })
  assert.deepEqual(toggled.at(-1), ['groupToggleEphemeral', GROUP, 604800])

  // Bob's client turning the timer on, as Baileys' generateWAMessageContent makes it
  real.feed(await messageNode({ from: BOB_JID, id: 'EPH1', type: 'text' }, { disappearingMessagesInChat: 604800 }))
  assert.equal((await eventFor(e => e.type === 'chat.state' && e.chatId === BOB && 'disappearing' in e)).disappearing, 604800)
  real.feed(await messageNode({ from: BOB_JID, id: 'EPH2', type: 'text' }, { disappearingMessagesInChat: false }))
  assert.equal((await eventFor(e => e.type === 'chat.state' && e.chatId === BOB && 'disappearing' in e)).disappearing, 0)

  // WhatsApp's notification of a group's new timer
  real.feed({
    tag: 'notification',
    attrs: { type: 'w:gp2', from: GROUP, participant: BOB_JID, id: 'EPHG1', t: String(Math.floor(Date.now() / 1000)) },
    content: [{ tag: 'ephemeral', attrs: { expiration: '7776000' } }]
  })
  assert.equal((await eventFor(e => e.type === 'chat.state' && e.chatId === GROUP && 'disappearing' in e)).disappearing, 7776000)
})

test('a pin is a pinInChatMessage as Baileys makes it; one from the other side names the message by our key', async () => {
  await handlers['message.pin']({ ...session, socket: () => sock }, { target: { chatId: BOB, fromMe: true, id: 'OWNPIN1' }, pinned: true, duration: 604800 })
  const [, jid, content] = toggled.at(-1)
  assert.equal(jid, BOB_JID)
  const made = await generateWAMessageContent(content, { upload: async () => { throw new Error('no uploads') } })
  assert.deepEqual([made.pinInChatMessage.key, made.pinInChatMessage.type, made.messageContextInfo.messageAddOnDurationInSecs],
    [{ remoteJid: BOB_JID, fromMe: true, id: 'OWNPIN1' }, 1, 604800])
  await handlers['message.pin']({ ...session, socket: () => sock }, { target: { chatId: BOB, fromMe: true, id: 'OWNPIN1' }, pinned: false })
  assert.deepEqual(toggled.at(-1)[2], { pin: { remoteJid: BOB_JID, fromMe: true, id: 'OWNPIN1' }, type: 2 })

  // Bob pins our message: his client names it as not his, in his chat with us
  real.feed(await messageNode({ from: BOB_JID, id: 'PIN1' }, { pin: { remoteJid: ME_JID.replace(':2', ''), fromMe: false, id: 'OWNPIN1' }, type: 1, time: 86400 }))
  const pin = await eventFor(e => e.type === 'message.pin' && e.target.id === 'OWNPIN1')
  assert.deepEqual([pin.target, pin.by, pin.pinned, pin.duration], [{ chatId: BOB, fromMe: true, id: 'OWNPIN1' }, BOB, true, 86400])
  // a member unpins our group message (his key names us as its author); it is no stored message
  real.feed(await messageNode({ from: GROUP, participant: BOB_JID, id: 'PIN2' }, { pin: { remoteJid: GROUP, fromMe: false, id: 'OWNG7', participant: '15550000100@s.whatsapp.net' }, type: 2 }))
  const unpin = await eventFor(e => e.type === 'message.pin' && e.target.id === 'OWNG7')
  assert.deepEqual([unpin.target, unpin.by, unpin.pinned, unpin.duration], [{ chatId: GROUP, fromMe: true, id: 'OWNG7' }, BOB, false, 0])
  // Bob pins his own message
  real.feed(await messageNode({ from: BOB_JID, id: 'PIN3' }, { pin: { remoteJid: ME_JID.replace(':2', ''), fromMe: true, id: 'BOBS1' }, type: 1, time: 2592000 }))
  const his = await eventFor(e => e.type === 'message.pin' && e.target.id === 'BOBS1')
  assert.deepEqual(his.target, { chatId: BOB, fromMe: false, id: 'BOBS1' })
  assert.equal(events.some(e => e.type === 'message' && ['PIN1', 'PIN2', 'PIN3'].includes(e.message.key.id)), false)
})
