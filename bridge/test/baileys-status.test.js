// Statuses on Baileys' own code paths: what the status.* commands hand to sendMessage is made into the message
// WhatsApp gets by Baileys' generateWAMessage (background colour and font included), and others' statuses are
// fed to the real socket (see baileys-socket.js) as WhatsApp delivers them, to be received only when the
// session opted in.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { generateWAMessage, proto, STORIES_JID } from 'baileys'
import { bindEvents } from '../src/events.js'
import { toWagateMessage } from '../src/messages.js'
import { PollStore } from '../src/polls.js'
import { ignoredJid } from '../src/session.js'
import { statusHandlers } from '../src/status.js'
import { messageNode, realSocket } from './baileys-socket.js'
import { silentLogger, until } from './fakes.js'

const ME_JID = '15550000100:2@s.whatsapp.net'
const ME = '15550000100@c.us'
const BOB_JID = '15550000001@s.whatsapp.net'
const BOB = '15550000001@c.us'

const real = await realSocket({ me: { id: ME_JID }, config: { shouldIgnoreJid: jid => ignoredJid(jid, { statuses: true }) } })
after(() => real.close())
const events = []
bindEvents(real.sock.ev, { me: () => ME, emit: e => events.push(e), polls: new PollStore(), log: silentLogger })

const sends = []
const sock = {
  ...real.sock,
  // Baileys' sendMessage makes the message with generateWAMessage and relays it to statusJidList; the relay
  // (WhatsApp's network) is the part left out.
  sendMessage: async (jid, content, options = {}) => {
    const message = await generateWAMessage(jid, content, {
      ...options,
      userJid: ME_JID,
      upload: async () => { throw new Error('no uploads here') },
      logger: silentLogger
    })
    sends.push({ jid, options, message })
    return message
  }
}
const session = { socket: () => sock, rememberSent: async () => {}, logger: silentLogger }
const handlers = statusHandlers(message => toWagateMessage(message, { me: ME, sentByApi: () => true }))

test('a text status goes to status@broadcast for the recipients, with its background colour and font', async () => {
  const sent = await handlers['status.post'](session, {
    id: '3EB0STATUS1',
    recipients: [BOB],
    post: { kind: 'text', text: 'Out for lunch', backgroundColor: '#112233', font: 2 }
  })
  const { jid, options, message } = sends.at(-1)
  assert.equal(jid, STORIES_JID)
  assert.deepEqual(options.statusJidList, [BOB_JID])
  assert.equal(options.broadcast, true)
  assert.equal(message.key.id, '3EB0STATUS1')
  const text = message.message.extendedTextMessage
  assert.equal(text.text, 'Out for lunch')
  assert.equal(text.backgroundArgb, 0xFF112233)
  assert.equal(text.font, proto.Message.ExtendedTextMessage.FontType.FB_SCRIPT)
  assert.deepEqual(sent.key, { chatId: 'status@broadcast', fromMe: true, id: '3EB0STATUS1' })
  assert.deepEqual([sent.type, sent.body, sent.from, sent.to], ['TEXT', 'Out for lunch', ME, 'status@broadcast'])
})

test('deleting a status revokes it on status@broadcast for the same recipients', async () => {
  await handlers['status.delete'](session, { id: '3EB0STATUS1', recipients: [BOB, '15550000002@c.us'] })
  const { jid, options, message } = sends.at(-1)
  assert.equal(jid, STORIES_JID)
  assert.deepEqual(options.statusJidList, [BOB_JID, '15550000002@s.whatsapp.net'])
  const revoke = message.message.protocolMessage
  assert.equal(revoke.type, proto.Message.ProtocolMessage.Type.REVOKE)
  assert.deepEqual([revoke.key.remoteJid, revoke.key.fromMe, revoke.key.id], [STORIES_JID, true, '3EB0STATUS1'])
})

test('a status needs recipients and a known kind', async () => {
  await assert.rejects(handlers['status.post'](session, { recipients: [], post: { kind: 'text', text: 'x' } }), /recipients/)
  await assert.rejects(handlers['status.post'](session, { recipients: [BOB], post: { kind: 'sticker' } }), /unknown status kind/)
  await assert.rejects(handlers['status.post'](session, { recipients: [BOB], post: { kind: 'image' } }), /file.path/)
})

test('others\' statuses arrive as messages of status@broadcast from their poster, and their deletion as a revoke', async () => {
  real.feed(await messageNode({ from: STORIES_JID, participant: BOB_JID, id: 'STORY2' }, { text: 'my story' }))
  await until(() => events.some(e => e.type === 'message' && e.message.key.id === 'STORY2'), 5000)
  const { message } = events.find(e => e.type === 'message' && e.message.key.id === 'STORY2')
  assert.deepEqual(message.key, { chatId: 'status@broadcast', fromMe: false, id: 'STORY2', participant: BOB })
  assert.deepEqual([message.type, message.body, message.from], ['TEXT', 'my story', 'status@broadcast'])

  real.feed(await messageNode({ from: STORIES_JID, participant: BOB_JID, id: 'STORY2DEL' },
    { delete: { remoteJid: STORIES_JID, fromMe: false, id: 'STORY2', participant: BOB_JID } }))
  await until(() => events.some(e => e.type === 'revoked' && e.revoked.id === 'STORY2'), 5000)
  const { revoked } = events.find(e => e.type === 'revoked' && e.revoked.id === 'STORY2')
  assert.deepEqual([revoked.chatId, revoked.participant], ['status@broadcast', BOB])
})

test('without the opt-in, statuses are dropped before Baileys handles them', () => {
  assert.equal(ignoredJid(STORIES_JID), true)
  assert.equal(ignoredJid(STORIES_JID, { statuses: true }), false)
  assert.equal(ignoredJid(BOB_JID), false)
})
