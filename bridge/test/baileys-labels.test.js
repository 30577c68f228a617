// Labels from the bridge's commands to its events through Baileys' own app-state code (see app-state.js): the
// mod each command hands to chatModify is what Baileys' addLabel, addChatLabel and removeChatLabel hand it,
// and the patch Baileys makes of it comes back as labels.edit and labels.association on the real socket.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { bindEvents } from '../src/events.js'
import { labelHandlers } from '../src/labels.js'
import { PollStore } from '../src/polls.js'
import { appStateDevice } from './app-state.js'
import { realSocket } from './baileys-socket.js'
import { silentLogger, until } from './fakes.js'

const ME_JID = '15550000200:2@s.whatsapp.net'
const BOB = '15550000001@c.us'
const BOB_JID = '15550000001@s.whatsapp.net'
const GROUP = '120363000000000043@g.us'

const real = await realSocket({ me: { id: ME_JID, lid: '990000000000200:2@lid' } })
after(() => real.close())

const events = []
bindEvents(real.sock.ev, {
  me: () => '15550000200@c.us',
  meLid: () => '990000000000200@lid',
  meJid: () => ME_JID,
  emit: e => events.push(e),
  pnForLid: lid => real.sock.signalRepository.lidMapping.getPNForLID(lid),
  lidForPn: pn => real.sock.signalRepository.lidMapping.getLIDForPN(pn),
  sentByApi: () => false,
  polls: new PollStore(),
  log: silentLogger
})

const apply = appStateDevice(real.sock)
const modified = []
/** The account's phone runs {@code platform}; chatModify's patch is applied as WhatsApp hands it to the devices. */
const on = platform => ({
  socket: () => ({
    ...real.sock,
    authState: { ...real.sock.authState, creds: { ...real.sock.authState.creds, platform } },
    chatModify: async (mod, jid) => {
      modified.push([structuredClone(mod), jid])
      await apply(mod, jid)
    }
  })
})
const business = on('smba')
const handlers = labelHandlers()

async function eventFor (predicate) {
  let found
  await until(() => (found = events.find(predicate)), 5000)
  events.splice(events.indexOf(found), 1)
  return found
}

test('a new or changed label is Baileys\' addLabel mod and comes back as label.upsert', async () => {
  await handlers['label.upsert'](business, { id: '7', name: 'Lead', color: 3 })
  assert.deepEqual(modified.at(-1), [{ addLabel: { id: '7', name: 'Lead', color: 3, deleted: false } }, ''])
  const upserted = await eventFor(e => e.type === 'label.upsert' && e.label.id === '7')
  assert.deepEqual(upserted.label, { id: '7', name: 'Lead', color: 3 })
  await handlers['label.upsert'](business, { id: '7', name: 'Hot lead', color: 13 })
  assert.deepEqual((await eventFor(e => e.type === 'label.upsert' && e.label.id === '7')).label,
    { id: '7', name: 'Hot lead', color: 13 })
})

test('a deleted label is addLabel with deleted and comes back as label.deleted', async () => {
  await handlers['label.delete'](business, { id: '8', name: 'Old', color: 1 })
  assert.equal(modified.at(-1)[0].addLabel.deleted, true)
  const deleted = await eventFor(e => e.type === 'label.deleted' && e.label.id === '8')
  assert.equal(deleted.label.name, 'Old')
})

test('a label put on and taken off a chat or a group comes back as label.chat', async () => {
  await handlers['label.chat'](business, { chatId: BOB, labelId: '7', added: true })
  assert.deepEqual(modified.at(-1), [{ addChatLabel: { labelId: '7' } }, BOB_JID])
  assert.deepEqual(await eventFor(e => e.type === 'label.chat' && e.chatId === BOB),
    { type: 'label.chat', labelId: '7', chatId: BOB, added: true })
  await handlers['label.chat'](business, { chatId: BOB, labelId: '7', added: false })
  assert.deepEqual(modified.at(-1), [{ removeChatLabel: { labelId: '7' } }, BOB_JID])
  assert.equal((await eventFor(e => e.type === 'label.chat' && e.chatId === BOB)).added, false)
  await handlers['label.chat'](business, { chatId: GROUP, labelId: '2', added: true })
  assert.equal((await eventFor(e => e.type === 'label.chat' && e.chatId === GROUP)).labelId, '2')
})

test('an account whose phone runs WhatsApp, not WhatsApp Business, is REFUSED; one of unknown platform is not', async () => {
  const before = modified.length
  for (const [method, params] of [['label.upsert', { id: '9', name: 'X', color: 0 }], ['label.delete', { id: '9' }],
    ['label.chat', { chatId: BOB, labelId: '9', added: true }]]) {
    await assert.rejects(handlers[method](on('android'), params), err => err.code === -32002 && /WhatsApp Business/.test(err.message))
  }
  assert.equal(modified.length, before)
  await handlers['label.upsert'](on(undefined), { id: '9', name: 'X', color: 0 })
  await eventFor(e => e.type === 'label.upsert' && e.label.id === '9')
  await assert.rejects(handlers['label.upsert'](business, { name: 'no id' }), err => err.code === -32602)
})

test('a label before the phone shared its app-state keys is NOT_READY, from Baileys\' own refusal', async () => {
  await assert.rejects(handlers['label.upsert']({ socket: () => real.sock }, { id: '10', name: 'Y', color: 0 }),
    err => err.code === -32001 && /app-state keys/.test(err.message))
})
