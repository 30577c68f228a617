// Restriction signals as Baileys' real socket (see baileys-socket.js) reads them from WhatsApp's mex
// notifications: the reach-out timelock and the new-chat cap become the bridge's 'restrictions' events.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { askRestrictions, bindRestrictions, newChatCapOf, timelockOf, timelockOnRefusal } from '../src/restrictions.js'
import { mexNotification, realSocket } from './baileys-socket.js'
import { until } from './fakes.js'

const real = await realSocket({ me: { id: '15550000100:2@s.whatsapp.net' } })
after(() => real.close())
const events = []
bindRestrictions(real.sock.ev, e => events.push(e))

test('a reach-out timelock WhatsApp sets, and lifts, is the session\'s restriction with its end', async () => {
  const ends = Math.floor(Date.now() / 1000) + 3600
  real.feed(mexNotification('NotificationUserReachoutTimelockUpdate', {
    xwa2_notify_account_reachout_timelock: { is_active: true, time_enforcement_ends: String(ends), enforcement_type: 'BIZ_QUALITY' }
  }))
  await until(() => events.length === 1, 5000)
  assert.deepEqual(events[0], { type: 'restrictions', restrictions: { reachoutTimelock: { active: true, until: ends * 1000, enforcementType: 'BIZ_QUALITY' } } })

  real.feed(mexNotification('NotificationUserReachoutTimelockUpdate', { xwa2_notify_account_reachout_timelock: { is_active: false } }))
  await until(() => events.length === 2, 5000)
  assert.deepEqual(events[1].restrictions, { reachoutTimelock: { active: false, enforcementType: 'DEFAULT' } })
})

test('a new-chat cap update carries WhatsApp\'s quota, use, status and cycle end', async () => {
  const before = events.length
  const cycleEnd = Math.floor(Date.now() / 1000) + 86400
  real.feed(mexNotification('MessageCappingInfoNotification', {
    xwa2_notify_new_chat_messages_capping_info_update: { total_quota: 250, used_quota: 250, capping_status: 'CAPPED', cycle_end_timestamp: String(cycleEnd) }
  }))
  await until(() => events.length > before, 5000)
  assert.deepEqual(events[before].restrictions, { newChatCap: { status: 'CAPPED', used: 250, total: 250, cycleEndsAt: cycleEnd * 1000 } })
})

test('what fetchAccountReachoutTimelock reports (a Date, or no end) maps the same way', () => {
  const at = new Date(Date.now() + 60000)
  assert.deepEqual(timelockOf({ isActive: true, timeEnforcementEnds: at, enforcementType: 'DEFAULT' }), { active: true, until: at.getTime(), enforcementType: 'DEFAULT' })
  assert.deepEqual(timelockOf({ isActive: true }), { active: true, enforcementType: 'DEFAULT' })
  assert.deepEqual(newChatCapOf({}), { status: 'NONE' })
})

test('asked at connect, queries WhatsApp leaves unanswered report nothing and fail nothing', async () => {
  const before = events.length
  const asked = []
  await askRestrictions(real.sock, e => asked.push(e), { info: (fields, msg) => asked.push(msg) })
  assert.deepEqual(asked, ['WhatsApp did not answer the reach-out timelock query', 'WhatsApp did not answer the new-chat cap query'])
  assert.equal(events.length, before)
})

test('a burst of 463 refusals asks Baileys\' real socket for the timelock once per interval', async () => {
  const logged = []
  let clock = 0
  const refused = timelockOnRefusal(real.sock, { info: (fields, msg) => logged.push(msg) }, { intervalMs: 1000, now: () => clock })
  refused()
  refused()
  clock = 500
  refused()
  await until(() => logged.length === 1, 5000)
  clock = 1500
  refused()
  await until(() => logged.length === 2, 5000)
  assert.deepEqual(logged, ['WhatsApp did not answer the reach-out timelock query', 'WhatsApp did not answer the reach-out timelock query'])
})
