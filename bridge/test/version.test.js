// The WhatsApp Web version a session logs in with, and WhatsApp's refusals of a login as Baileys reports them.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Boom } from '@hapi/boom'
import { DEFAULT_CONNECTION_CONFIG } from 'baileys'
import { Session } from '../src/session.js'
import { FakeRpc, fakeSockets, silentLogger, until } from './fakes.js'

function session (config = {}) {
  const rpc = new FakeRpc()
  const sockets = fakeSockets()
  const events = []
  const s = new Session({ id: 'ses_1', name: 'default', rpc, emit: e => events.push(e), makeSocket: sockets.makeSocket, logger: silentLogger, config, random: () => 0 })
  return { s, rpc, sockets, events }
}

/** What Baileys' socket emits on <failure reason="…"/> (Socket/socket.js 'CB:failure' → end(new Boom(…))). */
function loginFailure (sock, reason) {
  const error = new Boom('Connection Failure', { statusCode: +reason, data: { reason: String(reason), location: 'odn' } })
  sock.ev.emit('connection.update', { connection: 'close', lastDisconnect: { error, date: new Date() } })
}

test('the version Java passes is the one Baileys logs in with; without one, Baileys\' compiled version', async () => {
  const given = session({ waVersion: [2, 3000, 1099999999] })
  await given.s.open()
  assert.deepEqual(given.sockets.last().config.version, [2, 3000, 1099999999])
  const plain = session()
  await plain.s.open()
  assert.deepEqual(plain.sockets.last().config.version, DEFAULT_CONNECTION_CONFIG.version)
})

test('405 (client outdated) is FAILED once, naming the version and what to do, never a reconnect loop', async () => {
  const { s, sockets, events, rpc } = session({ waVersion: [2, 3000, 1000000001], backoff: { minMs: 5, maxMs: 5 } })
  await s.open()
  loginFailure(sockets.last(), 405)
  await until(() => events.some(e => e.status === 'FAILED'))
  const failed = events.at(-1)
  assert.match(failed.reason, /2\.3000\.1000000001/)
  assert.match(failed.reason, /update wagate/)
  assert.match(failed.reason, /WAGATE_WA_VERSION/)
  assert.equal(failed.authCleared, false)
  assert.ok(!events.some(e => e.type === 'reconnecting'))
  assert.ok(!rpc.calls.some(([m]) => m === 'auth.clear'))
  await new Promise(resolve => setImmediate(resolve))
  assert.equal(sockets.made.length, 1)
})

test('402, 406 and 409 are terminal with their reasons; only 406 (logged out) clears the auth state', async () => {
  for (const [code, pattern, cleared] of [[402, /banned this account for a while/, false], [406, /logged this device out/, true], [409, /user agent/, false]]) {
    const { s, sockets, events } = session({ backoff: { minMs: 5, maxMs: 5 } })
    await s.open()
    loginFailure(sockets.last(), code)
    await until(() => events.some(e => e.status === 'FAILED'))
    assert.match(events.at(-1).reason, pattern)
    assert.match(events.at(-1).reason, new RegExp(`\\(${code}\\)`))
    assert.equal(events.at(-1).authCleared, cleared)
    assert.ok(!events.some(e => e.type === 'reconnecting'), `no reconnect after ${code}`)
  }
})
