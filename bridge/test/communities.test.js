// Communities on Baileys' real socket (see baileys-socket.js): the bridge's community.* commands call Baileys'
// community* functions, whose IQs are read here as WhatsApp's server would read them and answered with the nodes
// WhatsApp sends back, which Baileys' own parsing then reads.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { getBinaryNodeChild, getBinaryNodeChildren } from 'baileys'
import { communityHandlers } from '../src/communities.js'
import { ERRORS } from '../src/rpc.js'
import { realSocket } from './baileys-socket.js'

const ME = '15550000100@s.whatsapp.net'
const COMMUNITY = '120363000000000500'
const ANNOUNCE = '120363000000000501'
const GARDEN = '120363000000000502'
const OTHERS = '120363000000000503'

const real = await realSocket({ me: { id: '15550000100:2@s.whatsapp.net' }, config: { defaultQueryTimeoutMs: 2000 } })
after(() => real.close())
const session = { socket: () => real.sock }
const handlers = communityHandlers()

/** What WhatsApp's server knows: groups by id (no @g.us), each with what its <group> node says. */
const groups = new Map()
const iqs = []
const error = (code, text) => ({ tag: 'iq', attrs: { type: 'error' }, content: [{ tag: 'error', attrs: { code: String(code), text } }] })
const result = content => ({ tag: 'iq', attrs: { type: 'result', from: '@g.us' }, content })

function groupNode (id) {
  const g = groups.get(id)
  const content = [{ tag: 'participant', attrs: { jid: ME, type: 'superadmin' } },
    { tag: 'description', attrs: { id: 'D1' }, content: [{ tag: 'body', attrs: {}, content: Buffer.from(g.description ?? '') }] }]
  if (g.parent) content.push({ tag: 'parent', attrs: { default_membership_approval_mode: 'request_required' } })
  if (g.announce) content.push({ tag: 'default_sub_group', attrs: {} })
  if (g.linkedParent) content.push({ tag: 'linked_parent', attrs: { jid: `${g.linkedParent}@g.us` } })
  return { tag: 'group', attrs: { id, subject: g.subject, creation: '1700000000', creator: ME, s_t: '1700000000' }, content }
}

real.answerIqs(iq => {
  iqs.push(iq)
  const child = iq.content[0]
  const to = iq.attrs.to.split('@')[0]
  if (iq.attrs.type === 'get' && child.tag === 'participating') {
    return result([{ tag: 'groups', attrs: {}, content: [...groups.keys()].map(groupNode) }])
  }
  if (iq.attrs.type === 'get' && child.tag === 'query') {
    return groups.has(to) ? result([groupNode(to)]) : error(404, 'item-not-found')
  }
  if (child.tag === 'create') {
    groups.set(COMMUNITY, { subject: child.attrs.subject, parent: true, description: getBinaryNodeChild(getBinaryNodeChild(child, 'description'), 'body').content.toString() })
    groups.set(ANNOUNCE, { subject: child.attrs.subject, announce: true, linkedParent: COMMUNITY })
    return result([{ tag: 'group', attrs: { id: COMMUNITY } }])
  }
  if (child.tag === 'links') {
    const jid = getBinaryNodeChild(getBinaryNodeChild(child, 'link'), 'group').attrs.jid.split('@')[0]
    const g = groups.get(jid)
    if (!g) return error(404, 'item-not-found')
    if (g.linkedParent) return error(409, 'conflict')
    g.linkedParent = to
    return result([])
  }
  if (child.tag === 'unlink') {
    const g = groups.get(getBinaryNodeChild(child, 'group').attrs.jid.split('@')[0])
    if (g?.linkedParent !== to) return error(406, 'not-acceptable')
    delete g.linkedParent
    return result([])
  }
  if (child.tag === 'sub_groups') {
    const linked = [...groups.entries()].filter(([, g]) => g.linkedParent === to)
    return result([{ tag: 'sub_groups', attrs: {}, content: linked.map(([id, g]) => ({ tag: 'group', attrs: { id, subject: g.subject } })) }])
  }
  return undefined
})

test('a community is created with its announcement group, and lists its linked groups after it', async () => {
  const created = await handlers['community.create'](session, { name: 'Neighbours', description: 'our street' })
  assert.deepEqual(created, {
    id: `${COMMUNITY}@g.us`,
    name: 'Neighbours',
    description: 'our street',
    owner: '15550000100@c.us',
    announcementGroup: `${ANNOUNCE}@g.us`,
    createdAt: 1700000000000
  })
  const create = iqs.find(iq => iq.content[0].tag === 'create')
  assert.equal(create.attrs.to, '@g.us')
  assert.equal(create.attrs.xmlns, 'w:g2')

  groups.set(GARDEN, { subject: 'Garden' })
  groups.set(OTHERS, { subject: 'Others', linkedParent: '120363000000000999' })
  assert.equal(await handlers['community.link'](session, { communityId: `${COMMUNITY}@g.us`, groups: [`${GARDEN}@g.us`] }), null)
  const link = iqs.findLast(iq => iq.content[0].tag === 'links')
  assert.equal(link.attrs.to, `${COMMUNITY}@g.us`)
  assert.equal(link.attrs.type, 'set')
  assert.equal(getBinaryNodeChildren(link.content[0], 'link')[0].attrs.link_type, 'sub_group')

  assert.deepEqual(await handlers['community.groups'](session, { communityId: `${COMMUNITY}@g.us` }), [
    { id: `${ANNOUNCE}@g.us`, subject: 'Neighbours', announcement: true },
    { id: `${GARDEN}@g.us`, subject: 'Garden', announcement: false }
  ])
  const listed = await handlers['community.list'](session, {})
  assert.deepEqual(listed.map(c => [c.id, c.announcementGroup]), [[`${COMMUNITY}@g.us`, `${ANNOUNCE}@g.us`]])
})

test('WhatsApp\'s refusals come back as wagate\'s errors, and a group is not a community', async () => {
  await assert.rejects(handlers['community.link'](session, { communityId: `${COMMUNITY}@g.us`, groups: [`${OTHERS}@g.us`] }),
    err => err.code === ERRORS.CONFLICT)
  await assert.rejects(handlers['community.link'](session, { communityId: `${COMMUNITY}@g.us`, groups: ['120363000000000404@g.us'] }),
    err => err.code === ERRORS.NOT_FOUND)
  await assert.rejects(handlers['community.groups'](session, { communityId: `${GARDEN}@g.us` }),
    err => err.code === ERRORS.NOT_FOUND && /it is a group/.test(err.message))
  await assert.rejects(handlers['community.get'](session, { communityId: '120363000000000404@g.us' }),
    err => err.code === ERRORS.NOT_FOUND)
  await assert.rejects(handlers['community.link'](session, { communityId: `${COMMUNITY}@g.us`, groups: ['15550000001@c.us'] }),
    err => err.code === ERRORS.INVALID_PARAMS)
})

test('unlinking sends WhatsApp\'s unlink IQ, and the group leaves the list', async () => {
  await handlers['community.unlink'](session, { communityId: `${COMMUNITY}@g.us`, groups: [`${GARDEN}@g.us`] })
  const unlink = iqs.findLast(iq => iq.content[0].tag === 'unlink')
  assert.equal(unlink.content[0].attrs.unlink_type, 'sub_group')
  assert.equal(getBinaryNodeChild(unlink.content[0], 'group').attrs.jid, `${GARDEN}@g.us`)
  assert.deepEqual((await handlers['community.groups'](session, { communityId: `${COMMUNITY}@g.us` })).map(g => g.id),
    [`${ANNOUNCE}@g.us`])
  await assert.rejects(handlers['community.unlink'](session, { communityId: `${COMMUNITY}@g.us`, groups: [`${GARDEN}@g.us`] }),
    err => err.code === ERRORS.INVALID)
})
