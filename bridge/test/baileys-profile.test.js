// The account's profile and privacy through Baileys' real socket (see baileys-socket.js): the IQ nodes its own
// functions send, and WhatsApp's answers read by its own parsers.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { profileHandlers } from '../src/profile.js'
import { realSocket } from './baileys-socket.js'
import { until } from './fakes.js'

const ME_JID = '15550000100:2@s.whatsapp.net'
const real = await realSocket({ me: { id: ME_JID, name: 'Desk' }, config: { defaultQueryTimeoutMs: 10_000 } })
after(() => real.close())
const handlers = profileHandlers()
const session = { socket: () => real.sock }

/** Runs a command, answering each query the socket sends with what {@code answer(node)} makes of it. */
async function run (command, params, answer) {
  const seen = real.sent.length
  let answered = seen
  const pending = handlers[command](session, params)
  let done = false
  pending.finally(() => { done = true }).catch(() => {})
  while (!done) {
    await until(() => done || real.sent.length > answered, 10_000)
    while (real.sent.length > answered) {
      const node = real.sent[answered++]
      if (node.tag === 'iq') real.answer(node.attrs.id, answer(node))
    }
  }
  return { result: await pending, sent: real.sent.slice(seen).filter(n => n.tag === 'iq') }
}

const result = (content = undefined) => ({ tag: 'iq', attrs: { type: 'result', from: 's.whatsapp.net' }, content })

/** WhatsApp's <privacy> answer: one <category name value/> per setting. */
const privacyAnswer = settings => result([{
  tag: 'privacy', attrs: {}, content: Object.entries(settings).map(([name, value]) => ({ tag: 'category', attrs: { name, value } }))
}])

test('privacy settings are WhatsApp\'s categories, read by Baileys\' fetchPrivacySettings', async () => {
  const { result: privacy, sent } = await run('privacy.get', {}, () => privacyAnswer({
    last: 'contacts', online: 'match_last_seen', profile: 'all', status: 'contact_blacklist', groupadd: 'contacts',
    readreceipts: 'none', calladd: 'all', messages: 'all'
  }))
  assert.equal(sent[0].attrs.xmlns, 'privacy')
  assert.equal(sent[0].attrs.type, 'get')
  assert.deepEqual(privacy, {
    lastSeen: 'contacts', online: 'match_last_seen', profilePhoto: 'all', about: 'contact_blacklist', groupAdd: 'contacts', readReceipts: 'none'
  })
})

test('changing privacy sends one set IQ per setting named, then reads them back', async () => {
  const { result: privacy, sent } = await run('privacy.set', { lastSeen: 'none', readReceipts: 'none', online: null },
    node => node.attrs.type === 'get' ? privacyAnswer({ last: 'none', online: 'all', profile: 'all', status: 'all', groupadd: 'all', readreceipts: 'none' }) : result())
  const sets = sent.filter(n => n.attrs.type === 'set').map(n => n.content[0].content[0].attrs)
  assert.deepEqual(sets, [{ name: 'last', value: 'none' }, { name: 'readreceipts', value: 'none' }])
  assert.equal(sent.at(-1).attrs.type, 'get')
  assert.equal(privacy.lastSeen, 'none')
  assert.equal(privacy.readReceipts, 'none')
})

test('the about text is a <status> IQ; the profile reads it back by usync and the picture URL by w:profile:picture', async () => {
  const { sent } = await run('profile.setAbout', { about: 'Open 9 to 5' }, () => result())
  assert.equal(sent[0].attrs.xmlns, 'status')
  assert.equal(Buffer.from(sent[0].content[0].content).toString(), 'Open 9 to 5')

  const { result: profile, sent: asked } = await run('profile.get', {}, node => {
    if (node.attrs.xmlns === 'usync') {
      return result([{ tag: 'usync', attrs: {}, content: [{ tag: 'list', attrs: {}, content: [{ tag: 'user', attrs: { jid: '15550000100@s.whatsapp.net' }, content: [{ tag: 'status', attrs: { t: '1700000000' }, content: Buffer.from('Open 9 to 5') }] }] }] }])
    }
    return result([{ tag: 'picture', attrs: { url: 'https://pps.whatsapp.net/v/me.jpg', id: '1' } }])
  })
  assert.deepEqual(asked.map(n => n.attrs.xmlns), ['usync', 'w:profile:picture'])
  assert.deepEqual(profile, { id: '15550000100@c.us', name: 'Desk', about: 'Open 9 to 5', picture: 'https://pps.whatsapp.net/v/me.jpg' })
})

test('no picture (WhatsApp answers item-not-found) is null', async () => {
  const { result: profile } = await run('profile.get', {}, node => node.attrs.xmlns === 'usync'
    ? result([{ tag: 'usync', attrs: {}, content: [{ tag: 'list', attrs: {}, content: [] }] }])
    : { tag: 'iq', attrs: { type: 'error' }, content: [{ tag: 'error', attrs: { code: '404', text: 'item-not-found' } }] })
  assert.equal(profile.picture, null)
  assert.equal(profile.about, '')
})

test('the picture is a w:profile:picture set IQ without a target (the account\'s own); removing sends none', async t => {
  const dir = await mkdtemp(join(tmpdir(), 'bridge-profile-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  const path = join(dir, 'me.jpg')
  // A real image: Baileys' generateProfilePicture decodes and re-encodes it (with sharp, which it finds here).
  await writeFile(path, await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } }).jpeg().toBuffer())
  let { sent } = await run('profile.setPicture', { file: { path } }, () => result())
  assert.equal(sent[0].attrs.xmlns, 'w:profile:picture')
  assert.equal(sent[0].attrs.target, undefined)
  assert.equal(sent[0].content[0].tag, 'picture');
  ({ sent } = await run('profile.removePicture', {}, () => result()))
  assert.equal(sent[0].attrs.xmlns, 'w:profile:picture')
  assert.equal(sent[0].content, undefined)
})

test('an IQ WhatsApp refuses fails the command with its error', async () => {
  await assert.rejects(run('profile.setAbout', { about: 'x' }, () => ({ tag: 'iq', attrs: { type: 'error' }, content: [{ tag: 'error', attrs: { code: '401', text: 'not-authorized' } }] })), /not-authorized/)
  await assert.rejects(handlers['profile.setName'](session, {}), /needs name/)
})
