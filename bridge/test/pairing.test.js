// A pairing code asked for and never typed in, on Baileys' real socket: the connection drops before the
// phone links, and the next connect must register again rather than log in (which WhatsApp answers with 401).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import { once } from 'node:events'
import makeWASocket from 'baileys'
import pino from 'pino'
import { Session } from '../src/session.js'
import { deserialize, resetUnfinishedPairing } from '../src/auth.js'
import { FakeRpc, until } from './fakes.js'

test('a connection closing before the pairing code was typed resets the unregistered credentials', async () => {
  // Accepts the WebSocket's TCP connection and never answers it, so Baileys' socket stays connecting
  // until the test drops the connection.
  const held = []
  const server = createServer(socket => held.push(socket))
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const rpc = new FakeRpc()
  const configs = []
  const sockets = []
  const events = []
  const s = new Session({
    id: 'ses_1',
    name: 'default',
    rpc,
    emit: e => events.push(e),
    makeSocket: config => {
      configs.push({ me: config.auth.creds.me })
      const sock = makeWASocket(config)
      sockets.push(sock)
      return sock
    },
    logger: pino({ level: 'silent' }),
    config: { wsUrl: `ws://127.0.0.1:${server.address().port}/ws/chat`, backoff: { minMs: 10, maxMs: 10 } }
  })
  try {
    await s.open()
    await until(() => held.length === 1)
    // What Baileys' requestPairingCode does before it sends anything: stores `me` and emits creds.update.
    await sockets[0].requestPairingCode('15551234567').catch(() => {})
    await until(() => deserialize(rpc.store.get('ses_1:creds') ?? '{}').me?.id === '15551234567@s.whatsapp.net')
    held[0].destroy()
    await until(() => configs.length === 2)
    assert.equal(configs[1].me, undefined, 'the second connect registers (Baileys logs in only with a me)')
    await until(() => !deserialize(rpc.store.get('ses_1:creds')).me)
    const stored = deserialize(rpc.store.get('ses_1:creds'))
    assert.equal(stored.pairingCode, undefined)
    assert.equal(stored.registered, false)
    assert.ok(stored.noiseKey, 'the device keys are kept')
    assert.ok(!events.some(e => e.status === 'FAILED'))
  } finally {
    await s.close()
    for (const socket of held) socket.destroy()
    server.close()
  }
})

test('a linked device (pair-success gave it an account) is never reset', async () => {
  const { initAuthCreds } = await import('baileys')
  const creds = { ...initAuthCreds(), me: { id: '15551234567:3@s.whatsapp.net' }, account: { details: Buffer.alloc(1) } }
  assert.equal(resetUnfinishedPairing(creds), false)
  assert.equal(creds.me.id, '15551234567:3@s.whatsapp.net')
  assert.equal(resetUnfinishedPairing(initAuthCreds()), false)
})
