// A message Baileys' real socket cannot decrypt: Baileys asks the sender to retry and the session's own phone
// to resend it (its placeholder resend, a peer data operation), as the bridge relies on it to do.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { realSocket } from './baileys-socket.js'
import { until } from './fakes.js'

const asked = []
const kept = new Map()
// Baileys' placeholderResendCache (a SocketConfig option): requestPlaceholderResend notes each message here.
const placeholderResendCache = {
  get: async id => kept.get(id),
  set: async (id, value) => { asked.push(id); kept.set(id, value) },
  del: async id => { kept.delete(id) }
}
const real = await realSocket({ me: { id: '15550000100:2@s.whatsapp.net' }, config: { placeholderResendCache } })
after(() => real.close())

test('an undecryptable message makes Baileys ask the phone to resend it (placeholder resend)', async () => {
  real.feed({
    tag: 'message',
    attrs: { from: '15550000001@s.whatsapp.net', id: 'NOSESSION1', t: String(Math.floor(Date.now() / 1000)), type: 'text' },
    content: [{ tag: 'enc', attrs: { v: '2', type: 'msg' }, content: Buffer.from('not a signal message') }]
  })
  // Baileys schedules the phone request 3 s after its first retry receipt (message-retry-manager.js).
  await until(() => asked.includes('NOSESSION1'), 10000)
  assert.deepEqual(asked.filter(id => id === 'NOSESSION1'), ['NOSESSION1'])
})
