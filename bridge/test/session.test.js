import { test } from 'node:test'
import assert from 'node:assert/strict'
import { DisconnectReason } from 'baileys'
import { Session, backoffDelay, closeVerdict } from '../src/session.js'
import { deserialize } from '../src/auth.js'
import { FakeRpc, fakeSockets, silentLogger, until } from './fakes.js'

function session (config = {}) {
  const rpc = new FakeRpc()
  const sockets = fakeSockets()
  const events = []
  const s = new Session({ id: 'ses_1', name: 'default', rpc, emit: e => events.push(e), makeSocket: sockets.makeSocket, logger: silentLogger, config, random: () => 0 })
  return { s, rpc, sockets, events, types: () => events.map(e => e.type === 'status' ? `status:${e.status}` : e.type) }
}

test('open loads the credentials through RPC and hands Baileys the configured socket URL', async () => {
  const { s, rpc, sockets } = session({ wsUrl: 'ws://127.0.0.1:9', qrTimeoutMs: 5000 })
  await s.open()
  assert.deepEqual(rpc.calls[0], ['auth.creds.load', { session: 'ses_1' }])
  const config = sockets.last().config
  assert.equal(config.waWebSocketUrl, 'ws://127.0.0.1:9')
  assert.equal(config.qrTimeout, 5000)
  assert.equal(typeof config.auth.creds.noiseKey, 'object')
  assert.equal(s.status, 'STARTING')
})

test('each QR rotation announces the QR and SCAN_QR_CODE again', async () => {
  const { s, sockets, events, types } = session()
  await s.open()
  sockets.last().ev.emit('connection.update', { connection: 'connecting' })
  sockets.last().ev.emit('connection.update', { qr: 'qr-1' })
  sockets.last().ev.emit('connection.update', { qr: 'qr-2' })
  await until(() => events.length === 4)
  assert.deepEqual(types(), ['qr', 'status:SCAN_QR_CODE', 'qr', 'status:SCAN_QR_CODE'])
  assert.equal(events[2].value, 'qr-2')
})

test('QR attempts running out is FAILED with a reason, not a reconnect', async () => {
  const { s, sockets, events } = session()
  await s.open()
  sockets.last().ev.emit('connection.update', { qr: 'qr-1' })
  sockets.last().closeWith(DisconnectReason.timedOut, 'QR refs attempts ended')
  await until(() => events.some(e => e.status === 'FAILED'))
  assert.match(events.at(-1).reason, /QR attempts ran out/)
  assert.equal(sockets.made.length, 1)
})

test('connection open is WORKING with me: id, pushName and lid', async () => {
  const { s, sockets, events } = session()
  await s.open()
  sockets.last().user = { id: '15551234567:3@s.whatsapp.net', name: 'Ann', lid: '987654321:3@lid' }
  sockets.last().ev.emit('connection.update', { connection: 'open' })
  await until(() => events.length === 1)
  assert.deepEqual(events[0], { type: 'status', status: 'WORKING', me: { id: '15551234567@c.us', pushName: 'Ann', lid: '987654321@lid' } })
})

test('logged out and banned clear the auth state through RPC, then FAILED', async () => {
  for (const code of [DisconnectReason.loggedOut, DisconnectReason.forbidden]) {
    const { s, rpc, sockets, events } = session()
    rpc.store.set('ses_1:creds', '{}')
    rpc.store.set('ses_1:key:session:x', '"y"')
    await s.open()
    sockets.last().closeWith(code)
    await until(() => events.some(e => e.status === 'FAILED'))
    assert.equal(rpc.store.size, 0)
    assert.equal(events.at(-1).authCleared, true)
    assert.equal(sockets.made.length, 1)
  }
})

test('replaced is FAILED but keeps the auth state', async () => {
  const { s, rpc, sockets, events } = session()
  await s.open()
  sockets.last().closeWith(DisconnectReason.connectionReplaced)
  await until(() => events.some(e => e.status === 'FAILED'))
  assert.match(events.at(-1).reason, /replaced/)
  assert.equal(events.at(-1).authCleared, false)
  assert.ok(!rpc.calls.some(([m]) => m === 'auth.clear'))
})

test('restart required reconnects at once with the same credentials', async () => {
  const { s, sockets } = session()
  await s.open()
  const creds = sockets.last().config.auth.creds
  sockets.last().closeWith(DisconnectReason.restartRequired)
  await until(() => sockets.made.length === 2)
  assert.equal(sockets.last().config.auth.creds, creds)
})

test('network loss reconnects after growing delays and reports STARTING', async () => {
  const { s, sockets, events } = session({ backoff: { minMs: 5, maxMs: 40 } })
  await s.open()
  sockets.last().ev.emit('connection.update', { connection: 'open' })
  for (let i = 1; i <= 5; i++) {
    sockets.last().closeWith(DisconnectReason.connectionLost, 'WebSocket Error (connect ECONNREFUSED)')
    await until(() => sockets.made.length === i + 1)
  }
  const delays = events.filter(e => e.type === 'reconnecting').map(e => e.delayMs)
  assert.deepEqual(delays, [5, 10, 20, 40, 40])
  assert.ok(events.some(e => e.status === 'STARTING'))
  await s.close()
})

test('backoff is 1 s … 60 s with at most 25 % jitter', () => {
  assert.equal(backoffDelay(1, undefined, () => 0), 1000)
  assert.equal(backoffDelay(1, undefined, () => 1), 1250)
  assert.equal(backoffDelay(3, undefined, () => 0.5), 4500)
  assert.equal(backoffDelay(20, undefined, () => 1), 60000)
})

test('every close reason has a verdict', () => {
  const boom = (code, message = 'x') => Object.assign(new Error(message), { output: { statusCode: code } })
  assert.equal(closeVerdict(boom(401)).action, 'fail')
  assert.equal(closeVerdict(boom(515)).action, 'restart')
  assert.equal(closeVerdict(boom(408)).action, 'backoff')
  assert.equal(closeVerdict(boom(428)).action, 'backoff')
  assert.equal(closeVerdict(undefined).action, 'backoff')
})

test('close stops reconnecting and waits for the credentials write', async (t) => {
  const { s, rpc, sockets } = session({ backoff: { minMs: 5, maxMs: 5 } })
  await s.open()
  // The reconnect delay runs on a mocked clock, so the test can move past it instead of sleeping.
  t.mock.timers.enable({ apis: ['setTimeout'] })
  sockets.last().ev.emit('creds.update', { me: { id: '1@s.whatsapp.net' } })
  sockets.last().closeWith(408)
  await s.close()
  const made = sockets.made.length
  assert.ok(rpc.calls.some(([m]) => m === 'auth.creds.save'))
  t.mock.timers.tick(60_000) // far past the backoff: a reconnect still scheduled would start now
  await new Promise(resolve => setImmediate(resolve))
  assert.equal(sockets.made.length, made)
  assert.equal(s.status, 'STOPPED')
})

test('credentials written through RPC come back identical, Buffers included', async () => {
  const first = session()
  await first.s.open()
  const creds = first.sockets.last().config.auth.creds
  first.sockets.last().ev.emit('creds.update', {})
  await first.s.close()
  const stored = first.rpc.store.get('ses_1:creds')
  assert.deepEqual(deserialize(stored).noiseKey.private, creds.noiseKey.private)
  const second = new Session({ id: 'ses_1', name: 'd', rpc: first.rpc, emit: () => {}, makeSocket: first.sockets.makeSocket, logger: silentLogger })
  await second.open()
  assert.deepEqual(Buffer.from(first.sockets.last().config.auth.creds.noiseKey.public), Buffer.from(creds.noiseKey.public))
})

test('signal keys are set and read back through RPC', async () => {
  const { s, rpc, sockets } = session()
  await s.open()
  const keys = sockets.last().config.auth.keys
  await keys.set({ 'pre-key': { 1: { public: Buffer.from([1, 2]), private: Buffer.from([3]) } } })
  assert.ok(rpc.store.has('ses_1:key:pre-key:1'))
  const fresh = new Session({ id: 'ses_1', name: 'd', rpc, emit: () => {}, makeSocket: sockets.makeSocket, logger: silentLogger })
  await fresh.open()
  const got = await sockets.last().config.auth.keys.get('pre-key', ['1', '2'])
  assert.deepEqual(Buffer.from(got['1'].public), Buffer.from([1, 2]))
  assert.equal(got['2'], undefined)
  await keys.set({ 'pre-key': { 1: null } })
  assert.ok(!rpc.store.has('ses_1:key:pre-key:1'))
})

test('a pairing code is only asked for while a QR is on offer, and comes formatted', async () => {
  const { s, sockets } = session()
  await s.open()
  await assert.rejects(s.pairingCode('15551234567'), e => /SCAN_QR_CODE/.test(e.message))
  sockets.last().ev.emit('connection.update', { qr: 'qr-1' })
  await until(() => s.status === 'SCAN_QR_CODE')
  sockets.last().answers.requestPairingCode = 'ABCDEFGH'
  assert.equal(await s.pairingCode('15551234567'), 'ABCD-EFGH')
  assert.deepEqual(sockets.last().calls.at(-1), ['requestPairingCode', '15551234567'])
})

test('logout of a WORKING session unlinks through Baileys and closes', async () => {
  const { s, sockets } = session()
  await s.open()
  sockets.last().ev.emit('connection.update', { connection: 'open' })
  await until(() => s.status === 'WORKING')
  await s.logout()
  assert.ok(sockets.last().calls.some(([m]) => m === 'logout'))
  assert.equal(s.status, 'STOPPED')
})

test('a reconnect after restart-required that fails is retried after backoff, not left hanging', async () => {
  const { s, sockets, events } = session({ backoff: { minMs: 5, maxMs: 5 } })
  await s.open()
  const makeSocket = s.makeSocket
  let refused = 0
  s.makeSocket = config => {
    if (refused++ === 0) throw new Error('socket refused')
    return makeSocket(config)
  }
  sockets.last().closeWith(DisconnectReason.restartRequired)
  await until(() => sockets.made.length === 2)
  const reconnects = events.filter(e => e.type === 'reconnecting')
  assert.equal(reconnects[0].delayMs, 0)
  assert.match(reconnects[1].reason, /could not reconnect after restart-required: socket refused/)
  await s.close()
})

test('a send waits for WhatsApp\'s server ack: acked, refused, or not heard of in time', async () => {
  const { s, sockets } = session()
  await s.open()
  const ev = sockets.last().ev
  const acked = s.serverAck('3EB0AA', 5000)
  const refused = s.serverAck('3EB0BB', 5000)
  const silent = s.serverAck('3EB0CC', 20)
  ev.emit('messages.update', [{ key: { id: '3EB0AA', fromMe: true }, update: { status: 2 } }, { key: { id: '3EB0BB', fromMe: true }, update: { status: 0 } }])
  assert.deepEqual(await Promise.all([acked, refused, silent]), [true, false, false])
  assert.equal(s.serverAcks.size, 0)
})

test('a closed socket is not kept while the session waits to reconnect (its caches are freed)', async () => {
  const { setFlagsFromString } = await import('node:v8')
  const { runInNewContext } = await import('node:vm')
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc')
  const refs = []
  const made = fakeSockets()
  const makeSocket = config => {
    const sock = made.makeSocket(config)
    made.made.length = 0 // the test keeps only a weak reference
    refs.push(new WeakRef(sock))
    return sock
  }
  const s = new Session({ id: 'ses_gc', name: 'gc', rpc: new FakeRpc(), emit: () => {}, makeSocket, logger: silentLogger, config: { backoff: { minMs: 60000, maxMs: 60000 } }, random: () => 0 })
  await s.open()
  refs[0].deref().closeWith(DisconnectReason.connectionLost, 'connection refused')
  await until(() => s.sock === undefined)
  await until(() => {
    gc()
    return refs[0].deref() === undefined
  })
  assert.equal(refs.length, 1, 'no reconnect yet: the backoff is a minute')
  await s.close()
})
