// What Java stores depends on: the id of a message before it is sent, signal keys in one write, the no-op.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Host } from '../src/host.js'
import { RpcPeer } from '../src/rpc.js'
import { Session } from '../src/session.js'
import { rpcAuthState } from '../src/auth.js'
import { FakeRpc, fakeSockets, silentLogger, until } from './fakes.js'

async function host () {
  const rpc = new RpcPeer({ write: () => {}, log: silentLogger })
  const auth = new FakeRpc()
  rpc.request = (method, params) => auth.request(method, params)
  const sockets = fakeSockets()
  const h = new Host({ rpc, makeSocket: sockets.makeSocket, logger: silentLogger })
  const call = (method, params) => rpc.handlers.get(method)(params)
  await call('session.open', { session: 'ses_1', name: 'default' })
  const sock = sockets.last()
  sock.user = { id: '15550000100:1@s.whatsapp.net' }
  sock.ev.emit('connection.update', { connection: 'open' })
  await until(() => h.sessions.get('ses_1').status === 'WORKING')
  return { call, sock }
}

test('a send with the id Java chose passes it to Baileys as messageId, and answers with that id', async () => {
  const b = await host()
  b.sock.answers.sendMessage = (jid, content, options) => ({
    key: { remoteJid: jid, fromMe: true, id: options.messageId ?? 'BAILEYS' }, messageTimestamp: 1700000000, message: { conversation: content.text }
  })
  const sent = await b.call('message.send', { session: 'ses_1', message: { chatId: '15550000001@c.us', kind: 'text', text: 'hi', mentions: [], id: '3EB0AABBCCDDEEFF001122' } })
  assert.deepEqual(b.sock.calls.at(-1), ['sendMessage', '15550000001@s.whatsapp.net', { text: 'hi', linkPreview: null }, { messageId: '3EB0AABBCCDDEEFF001122' }])
  assert.equal(sent.key.id, '3EB0AABBCCDDEEFF001122')
  await b.call('message.send', { session: 'ses_1', message: { chatId: '15550000001@c.us', kind: 'text', text: 'no id', mentions: [] } })
  assert.deepEqual(b.sock.calls.at(-1)[3], {}, 'without an id Baileys makes one')
})

test('many signal keys set at once are one auth.keys.set request, answered before set() returns', async () => {
  const rpc = new FakeRpc()
  let release
  const stored = new Promise(resolve => { release = resolve })
  const original = rpc.request.bind(rpc)
  let asked = 0
  rpc.request = async (method, params) => {
    if (method === 'auth.keys.set') {
      asked++
      await stored
    }
    return original(method, params)
  }
  const sockets = fakeSockets()
  const s = new Session({ id: 'ses_1', name: 'd', rpc, emit: () => {}, makeSocket: sockets.makeSocket, logger: silentLogger })
  await s.open()
  const keys = sockets.last().config.auth.keys
  const preKeys = {}
  for (let i = 1; i <= 150; i++) preKeys[i] = { public: Buffer.from([i]), private: Buffer.from([i, i]) }
  let done = false
  const setting = keys.set({ 'pre-key': preKeys, session: { 'a.0': Buffer.from([1]), 'b.0': null }, 'sender-key-memory': { g: { x: true } } })
    .then(() => { done = true })
  await until(() => asked === 1)
  assert.equal(done, false, 'set() waits for Java to have stored the keys')
  release()
  await setting
  const writes = rpc.calls.filter(([m]) => m === 'auth.keys.set')
  assert.equal(writes.length, 1)
  assert.equal(writes[0][1].items.length, 153)
  assert.deepEqual(writes[0][1].items.find(i => i.id === 'b.0'), { type: 'session', id: 'b.0', value: null })
  assert.ok(rpc.store.has('ses_1:key:pre-key:150'))
})

test('noop answers nothing at once', async () => {
  const b = await host()
  assert.equal(await b.call('noop', {}), null)
})

test('a session\'s auth writes go one at a time in order: a newer one is sent only after an older one timed out', async () => {
  const lines = []
  const rpc = new RpcPeer({ write: line => lines.push(JSON.parse(line)), log: silentLogger, timeoutMs: 50 })
  const answer = (id, result) => rpc.receive(JSON.stringify({ jsonrpc: '2.0', id, result }))
  const loading = rpcAuthState(rpc, 'ses_1')
  await until(() => lines.length === 1)
  assert.equal(lines[0].method, 'auth.creds.load')
  answer(lines[0].id, { value: null })
  const auth = await loading
  const first = auth.saveCreds()
  const second = auth.state.keys.set({ session: { 'a.0': Buffer.from([1]) } })
  await until(() => lines.length === 2)
  assert.equal(lines[1].method, 'auth.creds.save')
  // Java does not answer the first write: it times out, and only then does the second one go out.
  await assert.rejects(first)
  await until(() => lines.length === 3)
  assert.equal(lines[2].method, 'auth.keys.set')
  answer(lines[2].id, null)
  await second
  assert.equal(lines.length, 3)
})

test('a send to a 1:1 chat with disappearing messages carries its ephemeralExpiration; groups and other chats do not', async () => {
  const b = await host()
  b.sock.answers.sendMessage = (jid, content, options) => ({ key: { remoteJid: jid, fromMe: true, id: options.messageId ?? 'X' }, messageTimestamp: 1700000000, message: { conversation: content.text } })
  // The chat update Baileys' processMessage makes of an EPHEMERAL_SETTING protocol message.
  b.sock.ev.emit('chats.update', [{ id: '15550000001@s.whatsapp.net', ephemeralSettingTimestamp: 1700000000, ephemeralExpiration: 604800 }])
  b.sock.ev.emit('chats.update', [{ id: '123-456@g.us', ephemeralExpiration: 86400 }])
  const text = chatId => ({ session: 'ses_1', message: { chatId, kind: 'text', text: 'hi', mentions: [] } })
  await b.call('message.send', text('15550000001@c.us'))
  assert.equal(b.sock.calls.at(-1)[3].ephemeralExpiration, 604800)
  await b.call('message.send', text('15550000002@c.us'))
  assert.equal(b.sock.calls.at(-1)[3].ephemeralExpiration, undefined)
  await b.call('message.send', text('123-456@g.us'))
  assert.equal(b.sock.calls.at(-1)[3].ephemeralExpiration, undefined)
  // Turned off in the chat (Baileys: ephemeralExpiration null): sends stop carrying it.
  b.sock.ev.emit('chats.update', [{ id: '15550000001@s.whatsapp.net', ephemeralSettingTimestamp: 1700000100, ephemeralExpiration: null }])
  await b.call('message.send', text('15550000001@c.us'))
  assert.equal(b.sock.calls.at(-1)[3].ephemeralExpiration, undefined)
})
