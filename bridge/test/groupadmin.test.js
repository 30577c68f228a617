import { test } from 'node:test'
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ERRORS } from '../src/rpc.js'
import { fakeBridge } from './fakes.js'

const G = '1-2@g.us'
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9])

/** A local stand-in for WhatsApp's picture CDN (no internet in tests). */
async function pictureServer () {
  const server = createServer((req, res) => {
    if (req.url === '/pic.jpg') {
      res.writeHead(200, { 'content-type': 'image/jpeg' })
      res.end(JPEG)
    } else {
      res.writeHead(404)
      res.end()
    }
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return { url: path => `http://127.0.0.1:${server.address().port}${path}`, close: () => server.close() }
}

test('the group picture is profilePictureUrl, downloaded into the media directory for Java to read', async t => {
  const mediaDir = await mkdtemp(join(tmpdir(), 'bridge-media-'))
  const cdn = await pictureServer()
  t.after(async () => {
    cdn.close()
    await rm(mediaDir, { recursive: true, force: true })
  })
  const b = await fakeBridge({ config: { mediaDir } })
  b.sock.answers.profilePictureUrl = cdn.url('/pic.jpg')
  const got = await b.call('group.picture', { session: 'ses_1', groupId: G })
  assert.deepEqual(b.sock.calls.at(-1), ['profilePictureUrl', G, 'image'])
  assert.equal(got.result.found, true)
  assert.equal(got.result.size, JPEG.length)
  assert.ok(got.result.path.startsWith(join(mediaDir, 'ses_1')), got.result.path)
  assert.deepEqual(await readFile(got.result.path), JPEG)

  b.sock.answers.profilePictureUrl = undefined
  assert.deepEqual((await b.call('group.picture', { session: 'ses_1', groupId: G })).result, { found: false })
  b.sock.answers.profilePictureUrl = () => { throw Object.assign(new Error('item-not-found'), { output: { statusCode: 404 } }) }
  assert.deepEqual((await b.call('group.picture', { session: 'ses_1', groupId: G })).result, { found: false })
  b.sock.answers.profilePictureUrl = cdn.url('/gone.jpg')
  assert.equal((await b.call('group.picture', { session: 'ses_1', groupId: G })).error.code, ERRORS.NOT_FOUND)
})

test('setting and removing the picture are updateProfilePicture (the file by its path) and removeProfilePicture', async () => {
  const b = await fakeBridge()
  await b.call('group.setPicture', { session: 'ses_1', groupId: G, file: { path: '/data/tmp/p.jpg', mimetype: 'image/jpeg' } })
  assert.deepEqual(b.sock.calls.at(-1), ['updateProfilePicture', G, { url: '/data/tmp/p.jpg' }])
  await b.call('group.removePicture', { session: 'ses_1', groupId: G })
  assert.deepEqual(b.sock.calls.at(-1), ['removeProfilePicture', G])
  assert.equal((await b.call('group.setPicture', { session: 'ses_1', groupId: G })).error.code, ERRORS.INVALID_PARAMS)
})

const meta = participants => ({ id: G, subject: 'G', participants, creation: 1700000000 })
const ME = { id: '15550000100@s.whatsapp.net', admin: 'superadmin' }
const A = { id: '15550000001@s.whatsapp.net', admin: 'admin' }
const B = { id: '15550000002@s.whatsapp.net', admin: null }

test('deleting a group removes every other member, then leaves: what WhatsApp\'s apps do', async () => {
  const b = await fakeBridge()
  b.sock.answers.groupMetadata = meta([ME, A, B])
  b.sock.answers.groupParticipantsUpdate = (jid, ps) => ps.map(p => ({ status: '200', jid: p }))
  const answer = await b.call('group.delete', { session: 'ses_1', groupId: G })
  assert.deepEqual(answer.result, { removed: 2 })
  assert.deepEqual(b.sock.calls.slice(-3), [
    ['groupMetadata', G],
    ['groupParticipantsUpdate', G, [A.id, B.id], 'remove'],
    ['groupLeave', G]
  ])

  // Alone in the group: nothing to remove, it just leaves. Members by LID are matched by our LID.
  b.sock.user.lid = '99887766:1@lid'
  b.sock.answers.groupMetadata = meta([{ id: '99887766@lid', phoneNumber: ME.id, admin: 'superadmin' }])
  assert.deepEqual((await b.call('group.delete', { session: 'ses_1', groupId: G })).result, { removed: 0 })
  assert.deepEqual(b.sock.calls.slice(-2), [['groupMetadata', G], ['groupLeave', G]])
})

test('only the owner deletes; a member WhatsApp does not remove keeps the session in the group', async () => {
  const b = await fakeBridge()
  b.sock.answers.groupMetadata = meta([{ ...ME, admin: 'admin' }, { ...A, admin: 'superadmin' }])
  const refused = await b.call('group.delete', { session: 'ses_1', groupId: G })
  assert.equal(refused.error.code, ERRORS.REFUSED)
  assert.match(refused.error.message, /only the owner/)
  assert.deepEqual(b.sock.calls.at(-1), ['groupMetadata', G])

  b.sock.answers.groupMetadata = meta([ME, A, B])
  b.sock.answers.groupParticipantsUpdate = (jid, ps) => ps.map(p => ({ status: p === B.id ? '403' : '200', jid: p }))
  const failed = await b.call('group.delete', { session: 'ses_1', groupId: G })
  assert.equal(failed.error.code, ERRORS.CONFLICT)
  assert.match(failed.error.message, /15550000002@c\.us \(403\)/)
  assert.ok(!b.sock.calls.some(([m]) => m === 'groupLeave'))
})
