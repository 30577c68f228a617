import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { encryptedStream } from 'baileys'
import { deserialize } from '../src/auth.js'
import { Host } from '../src/host.js'
import { mediaOf } from '../src/media.js'
import { ERRORS, RpcPeer } from '../src/rpc.js'
import { FakeRpc, fakeSockets, silentLogger, until } from './fakes.js'

const PLAIN = Buffer.from('a picture, as far as this test is concerned '.repeat(50))
const encrypted = await encryptedStream(PLAIN, 'image')
const ENC = await readFile(encrypted.encFilePath)
await rm(encrypted.encFilePath, { force: true })

// WhatsApp's media CDN, played by a local server: /fresh serves the file, /gone answers 410 (expired).
const served = []
const cdn = createServer((req, res) => {
  served.push(req.url)
  if (req.url === '/fresh' || req.url === '/again') {
    res.writeHead(200, { 'content-type': 'application/octet-stream' })
    res.end(ENC)
  } else {
    res.writeHead(req.url === '/gone' ? 410 : 404)
    res.end()
  }
})
await new Promise(resolve => cdn.listen(0, '127.0.0.1', resolve))
const CDN = `http://127.0.0.1:${cdn.address().port}`
const dataDir = await mkdtemp(join(tmpdir(), 'wagate-bridge-media-'))
after(async () => {
  cdn.close()
  await rm(dataDir, { recursive: true, force: true })
})

const imageMessage = url => ({
  key: { remoteJid: '111@lid', remoteJidAlt: '15550000001@s.whatsapp.net', fromMe: false, id: 'IMG1' },
  messageTimestamp: 1700000000,
  message: {
    viewOnceMessageV2: {
      message: {
        imageMessage: {
          url,
          mimetype: 'image/jpeg',
          caption: 'pic',
          mediaKey: encrypted.mediaKey,
          fileSha256: encrypted.fileSha256,
          fileEncSha256: encrypted.fileEncSha256,
          fileLength: encrypted.fileLength,
          jpegThumbnail: Buffer.alloc(2000, 7),
          contextInfo: { stanzaId: 'Q', quotedMessage: { conversation: 'a long quote' } }
        }
      }
    }
  }
})

/** A bridge host whose session is WORKING on a scripted socket; RPC methods are called as Java calls them. */
async function bridge () {
  const rpc = new RpcPeer({ write: () => {}, log: silentLogger })
  const auth = new FakeRpc()
  rpc.request = (method, params) => auth.request(method, params)
  const sockets = fakeSockets()
  const host = new Host({ rpc, makeSocket: sockets.makeSocket, logger: silentLogger, defaults: { mediaDir: dataDir } })
  const call = (method, params) => rpc.handlers.get(method)(params)
  await call('session.open', { session: 'ses_1', name: 'default' })
  sockets.last().user = { id: '15550000100:1@s.whatsapp.net' }
  sockets.last().ev.emit('connection.update', { connection: 'open' })
  await until(() => host.sessions.get('ses_1').status === 'WORKING')
  return { call, sock: sockets.last() }
}

test('received media becomes a ref with what the download needs, and no thumbnail or context', () => {
  const message = imageMessage(`${CDN}/fresh`)
  const media = mediaOf(message, 'imageMessage', message.message.viewOnceMessageV2.message.imageMessage)
  assert.deepEqual({ ...media, ref: undefined }, { mimetype: 'image/jpeg', filename: 'IMG1.jpeg', size: encrypted.fileLength, viewOnce: true, ref: undefined })
  const ref = deserialize(media.ref)
  assert.deepEqual(ref.key, message.key)
  assert.deepEqual(Object.keys(ref.message.imageMessage).sort(), ['fileEncSha256', 'fileLength', 'fileSha256', 'mediaKey', 'mimetype', 'url'])
  assert.deepEqual(Buffer.from(ref.message.imageMessage.mediaKey), Buffer.from(encrypted.mediaKey))
  assert.ok(media.ref.length < 1000, `ref is ${media.ref.length} characters`)
})

test('media.download fetches and decrypts the file into the session\'s media directory', async () => {
  const b = await bridge()
  const message = imageMessage(`${CDN}/fresh`)
  const { ref } = mediaOf(message, 'imageMessage', message.message.viewOnceMessageV2.message.imageMessage)
  const answer = await b.call('media.download', { session: 'ses_1', ref })
  assert.ok(answer.path.startsWith(join(dataDir, 'ses_1')), answer.path)
  assert.deepEqual(await readFile(answer.path), PLAIN)
  assert.equal(answer.size, PLAIN.length)
  assert.equal(answer.ref, undefined, 'no re-upload, no new ref')
  assert.ok(!b.sock.calls.some(([name]) => name === 'updateMediaMessage'))
})

test('media gone from the CDN is asked of the phone again (updateMediaMessage), then downloaded; the new ref comes back', async () => {
  const b = await bridge()
  const message = imageMessage(`${CDN}/gone`)
  const { ref } = mediaOf(message, 'imageMessage', message.message.viewOnceMessageV2.message.imageMessage)
  b.sock.answers.updateMediaMessage = m => {
    m.message.imageMessage.url = `${CDN}/again`
    return m
  }
  served.length = 0
  const answer = await b.call('media.download', { session: 'ses_1', ref })
  assert.deepEqual(served, ['/gone', '/again'])
  assert.deepEqual(await readFile(answer.path), PLAIN)
  const [name, asked] = b.sock.calls.find(([n]) => n === 'updateMediaMessage')
  assert.equal(name, 'updateMediaMessage')
  assert.deepEqual(asked.key, message.key)
  assert.equal(deserialize(answer.ref).message.imageMessage.url, `${CDN}/again`)
})

test('download failures say what happened: gone for good, CDN unreachable, not a ref, session not open', async () => {
  const b = await bridge()
  const gone = imageMessage(`${CDN}/gone`)
  const goneRef = mediaOf(gone, 'imageMessage', gone.message.viewOnceMessageV2.message.imageMessage).ref
  b.sock.answers.updateMediaMessage = m => m // the phone "uploads" it to where it is still gone
  await assert.rejects(b.call('media.download', { session: 'ses_1', ref: goneRef }), e => e.code === ERRORS.NOT_FOUND)

  const closed = createServer()
  await new Promise(resolve => closed.listen(0, '127.0.0.1', resolve))
  const port = closed.address().port
  await new Promise(resolve => closed.close(resolve))
  const away = imageMessage(`http://127.0.0.1:${port}/x`)
  const awayRef = mediaOf(away, 'imageMessage', away.message.viewOnceMessageV2.message.imageMessage).ref
  await assert.rejects(b.call('media.download', { session: 'ses_1', ref: awayRef }), e => e.code === ERRORS.UNAVAILABLE && /ECONNREFUSED/.test(e.message))

  await assert.rejects(b.call('media.download', { session: 'ses_1', ref: 'not json' }), e => e.code === ERRORS.INVALID_PARAMS)
  await assert.rejects(b.call('media.download', { session: 'ses_1', ref: '{"key":{"id":"x"}}' }), e => e.code === ERRORS.INVALID_PARAMS)
  await assert.rejects(b.call('media.download', { session: 'ses_other', ref: goneRef }), e => e.code === ERRORS.NOT_READY)
})
