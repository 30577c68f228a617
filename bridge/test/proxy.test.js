// config.proxy: Baileys' real socket (makeWASocket) and media downloads go through the session's proxy,
// shown by local proxies that count what they carried; a proxy that refuses is the session's stated reason.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { createServer } from 'node:http'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { WebSocketServer } from 'ws'
import pino from 'pino'
import makeWASocket, { encryptedStream } from 'baileys'
import { Host } from '../src/host.js'
import { mediaOf } from '../src/media.js'
import { ERRORS, RpcPeer } from '../src/rpc.js'
import { Session } from '../src/session.js'
import { closedPort, httpConnectProxy, socks5Proxy } from './proxies.js'
import { FakeRpc, fakeSockets, silentLogger, until } from './fakes.js'

const quiet = pino({ level: 'silent' })
// WhatsApp's side: a WebSocket server that accepts (the Noise handshake then waits).
const wa = new WebSocketServer({ host: '127.0.0.1', port: 0 })
await once(wa, 'listening')
const WA_PORT = wa.address().port
let waConnections = 0
wa.on('connection', () => { waConnections++ })

const PLAIN = Buffer.from('media through a proxy '.repeat(40))
const encrypted = await encryptedStream(PLAIN, 'image')
const ENC = await readFile(encrypted.encFilePath)
await rm(encrypted.encFilePath, { force: true })
const cdn = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/octet-stream' })
  res.end(ENC)
})
await new Promise(resolve => cdn.listen(0, '127.0.0.1', resolve))
const CDN_PORT = cdn.address().port
const dataDir = await mkdtemp(join(tmpdir(), 'wagate-bridge-proxy-'))

const proxies = { http: await httpConnectProxy(), socks5: await socks5Proxy() }
after(async () => {
  await Promise.all(Object.values(proxies).map(p => p.close()))
  await new Promise(resolve => wa.close(resolve))
  cdn.close()
  await rm(dataDir, { recursive: true, force: true })
})

function session (proxy, events = []) {
  return new Session({
    id: 'ses_proxy',
    name: 'proxy',
    rpc: new FakeRpc(),
    emit: e => events.push(e),
    makeSocket: config => makeWASocket({ ...config, logger: quiet, connectTimeoutMs: 2_000 }),
    logger: silentLogger,
    config: { wsUrl: `ws://127.0.0.1:${WA_PORT}`, proxy, backoff: { minMs: 50, maxMs: 100 } }
  })
}

for (const kind of ['http', 'socks5']) {
  test(`Baileys' WebSocket to WhatsApp goes through a ${kind} proxy`, async () => {
    const proxy = proxies[kind]
    const before = waConnections
    const s = session(proxy.url)
    try {
      await s.open()
      await until(() => proxy.carried.includes(`127.0.0.1:${WA_PORT}`) && waConnections > before, 10_000)
    } finally {
      await s.close()
    }
  })

  test(`media downloads go through a ${kind} proxy`, async () => {
    const proxy = proxies[kind]
    const rpc = new RpcPeer({ write: () => {}, log: silentLogger })
    const store = new FakeRpc()
    rpc.request = (method, params) => store.request(method, params)
    const host = new Host({ rpc, makeSocket: fakeSockets().makeSocket, logger: silentLogger, defaults: { mediaDir: dataDir } })
    const call = (method, params) => rpc.handlers.get(method)(params)
    await call('session.open', { session: `ses_${kind}`, name: kind, config: { proxy: proxy.url } })
    const message = {
      key: { remoteJid: '15550000001@s.whatsapp.net', fromMe: false, id: `IMG${kind}` },
      message: { imageMessage: { url: `http://127.0.0.1:${CDN_PORT}/m`, mimetype: 'image/jpeg', mediaKey: encrypted.mediaKey, fileSha256: encrypted.fileSha256, fileEncSha256: encrypted.fileEncSha256, fileLength: encrypted.fileLength } }
    }
    const { ref } = mediaOf(message, 'imageMessage', message.message.imageMessage)
    const tunnels = proxy.carried.filter(t => t === `127.0.0.1:${CDN_PORT}`).length
    const answer = await call('media.download', { session: `ses_${kind}`, ref })
    assert.deepEqual(await readFile(answer.path), PLAIN)
    assert.equal(proxy.carried.filter(t => t === `127.0.0.1:${CDN_PORT}`).length, tunnels + 1)
    await host.closeAll()
  })
}

test('a proxy that refuses connections is the reason the session gives while it retries', async () => {
  const port = await closedPort()
  const events = []
  const s = session(`http://user:secret@127.0.0.1:${port}`, events)
  try {
    await s.open()
    let status
    await until(() => (status = events.find(e => e.type === 'status' && e.reason)), 10_000)
    assert.equal(status.status, 'STARTING')
    assert.match(status.reason, new RegExp(`could not connect through the proxy http://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`))
    assert.doesNotMatch(status.reason, /secret/)
  } finally {
    await s.close()
  }
})

test('a proxy URL the bridge cannot use fails the open with the reason', async () => {
  const rpc = new RpcPeer({ write: () => {}, log: silentLogger })
  const host = new Host({ rpc, makeSocket: fakeSockets().makeSocket, logger: silentLogger })
  for (const proxy of ['ftp://127.0.0.1:21', 'not a url']) {
    await assert.rejects(host.open({ session: 'ses_bad', config: { proxy } }), e => e.code === ERRORS.INVALID_PARAMS && /config\.proxy/.test(e.message))
  }
})
