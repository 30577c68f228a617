// Group metadata and status broadcasts on Baileys' real socket (see baileys-socket.js).
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { extractGroupMetadata } from 'baileys/lib/Socket/groups.js'
import { bindEvents } from '../src/events.js'
import { GroupCache, lidPairs } from '../src/groupcache.js'
import { toChatId } from '../src/ids.js'
import { PollStore } from '../src/polls.js'
import { ignoredJid } from '../src/session.js'
import { messageNode, realSocket } from './baileys-socket.js'
import { silentLogger, until } from './fakes.js'

const ME_JID = '15550000100:2@s.whatsapp.net'
const GROUP = '120363000000000077@g.us'
const BOB = '15550000001@s.whatsapp.net'

const real = await realSocket({ me: { id: ME_JID }, config: { shouldIgnoreJid: ignoredJid } })
after(() => real.close())
const events = []
bindEvents(real.sock.ev, { me: () => '15550000100@c.us', emit: e => events.push(e), polls: new PollStore(), log: silentLogger })
const fetched = []
const cache = new GroupCache().bind(real.sock.ev)
const cachedGroupMetadata = cache.lookup(async jid => {
  fetched.push(jid)
  return snapshot(jid, 'Fetched')
})

/** A group as WhatsApp describes it in a <group> node, read by Baileys' own extractGroupMetadata. */
function snapshot (id, subject) {
  return extractGroupMetadata({
    tag: 'result',
    attrs: {},
    content: [{
      tag: 'group',
      attrs: { id: id.split('@')[0], subject, s_t: '1700000000', creation: '1700000000', creator: BOB },
      content: [{ tag: 'participant', attrs: { jid: BOB, type: 'superadmin' } }, { tag: 'participant', attrs: { jid: '15550000100@s.whatsapp.net' } }]
    }]
  })
}

test('group sends ask WhatsApp for a group\'s metadata once, until a change notification drops it', async () => {
  assert.equal((await cachedGroupMetadata(GROUP)).subject, 'Fetched')
  assert.equal((await cachedGroupMetadata(GROUP)).participants.length, 2)
  assert.deepEqual(fetched, [GROUP])
  // Bob changes the subject: Baileys' notification handling reports the change, which drops the entry.
  real.feed({ tag: 'notification', attrs: { from: GROUP, type: 'w:gp2', id: 'N1', participant: BOB, t: '1700000100' }, content: [{ tag: 'subject', attrs: { subject: 'Renamed' } }] })
  await until(() => events.some(e => e.type === 'group' && e.group.subject === 'Renamed'), 5000)
  await cachedGroupMetadata(GROUP)
  assert.deepEqual(fetched, [GROUP, GROUP])
  real.feed({ tag: 'notification', attrs: { from: GROUP, type: 'w:gp2', id: 'N2', participant: BOB, t: '1700000200' }, content: [{ tag: 'add', attrs: {}, content: [{ tag: 'participant', attrs: { jid: '15550000005@s.whatsapp.net' } }] }] })
  await until(() => events.some(e => e.type === 'group.participants' && e.change === 'JOIN'), 5000)
  await cachedGroupMetadata(GROUP)
  assert.deepEqual(fetched, [GROUP, GROUP, GROUP])
})

test('listing groups fills the cache and fires no group event per group', async () => {
  const before = events.length
  // What groupFetchAllParticipating emits after reading WhatsApp's answer.
  real.sock.ev.emit('groups.update', [snapshot('120363000000000078@g.us', 'Listed A'), snapshot('120363000000000079@g.us', 'Listed B')])
  assert.equal((await cachedGroupMetadata('120363000000000078@g.us')).subject, 'Listed A')
  assert.equal(fetched.filter(j => j === '120363000000000078@g.us').length, 0)
  real.feed({ tag: 'notification', attrs: { from: GROUP, type: 'w:gp2', id: 'N3', participant: BOB, t: '1700000300' }, content: [{ tag: 'subject', attrs: { subject: 'After' } }] })
  await until(() => events.some(e => e.type === 'group' && e.group.subject === 'After'), 5000)
  assert.deepEqual(events.slice(before).filter(e => e.type === 'group').map(e => e.group.subject), ['After'])
})

test('status broadcasts are dropped before Baileys handles them', async () => {
  real.feed(await messageNode({ from: 'status@broadcast', participant: BOB, id: 'STORY1' }, { text: 'my story' }))
  real.feed(await messageNode({ from: BOB, id: 'AFTERSTORY' }, { text: 'a real message' }))
  await until(() => events.some(e => e.type === 'message' && e.message.key.id === 'AFTERSTORY'), 5000)
  assert.equal(events.some(e => e.message?.key.id === 'STORY1'), false)
})

test('a LID-addressed group\'s snapshot teaches the LID mapping of its members (receipts then name them by number)', async () => {
  const lidGroup = '120363000000000080@g.us'
  let stored
  const learning = new GroupCache({ onSnapshot: g => { stored = real.sock.signalRepository.lidMapping.storeLIDPNMappings(lidPairs(g)) } })
  const metadata = extractGroupMetadata({
    tag: 'result',
    attrs: {},
    content: [{
      tag: 'group',
      attrs: { id: lidGroup.split('@')[0], subject: 'LIDs', s_t: '1700000000', creation: '1700000000', addressing_mode: 'lid', creator: '880000000000001@lid' },
      content: [{ tag: 'participant', attrs: { jid: '880000000000001@lid', phone_number: BOB, type: 'superadmin' } },
        { tag: 'participant', attrs: { jid: '880000000000002@lid', phone_number: '15550000100@s.whatsapp.net' } }]
    }]
  })
  assert.deepEqual(lidPairs(metadata), [{ lid: '880000000000001@lid', pn: BOB }, { lid: '880000000000002@lid', pn: '15550000100@s.whatsapp.net' }])
  await learning.lookup(async () => metadata)(lidGroup)
  await stored
  assert.equal(toChatId(await real.sock.signalRepository.lidMapping.getPNForLID('880000000000001@lid')), '15550000001@c.us')
})
