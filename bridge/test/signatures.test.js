// The Noise certificate chain and the phone's account signature, checked by Baileys' own handshake and
// pairing code once the bridge has made Curve.verify real; signatures are made with libsignal's own curve.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createRequire } from 'node:module'
import {
  Curve, NOISE_WA_HEADER, WA_ADV_ACCOUNT_SIG_PREFIX, WA_CERT_DETAILS, configureSuccessfulPairing,
  hmacSign, initAuthCreds, makeNoiseHandler, proto
} from 'baileys'
import { hardenBaileys } from '../src/trust.js'
import { silentLogger } from './fakes.js'

const libsignal = createRequire(import.meta.resolve('baileys'))('libsignal/src/curve.js')
const keyPair = () => {
  const { pubKey, privKey } = libsignal.generateKeyPair()
  return { public: pubKey.subarray(1), private: privKey }
}
const sign = (key, message) => libsignal.calculateSignature(key.private, message)
const whatsappRoot = Buffer.from(WA_CERT_DETAILS.PUBLIC_KEY)

/**
 * The server's half of the Noise XX handshake, on Baileys' own handler (its symmetric state is the
 * same on both ends), carrying the certificate chain given; returns what the client's processHandshake says.
 */
function handshake ({ root, intermediateSigner = root, leafSigner }) {
  const clientEphemeral = Curve.generateKeyPair()
  const serverEphemeral = Curve.generateKeyPair()
  const serverStatic = Curve.generateKeyPair()
  const intermediate = keyPair()
  const client = makeNoiseHandler({ keyPair: clientEphemeral, NOISE_HEADER: NOISE_WA_HEADER, logger: silentLogger })
  const server = makeNoiseHandler({ keyPair: { private: serverEphemeral.private, public: clientEphemeral.public }, NOISE_HEADER: NOISE_WA_HEADER, logger: silentLogger })
  const Details = proto.CertChain.NoiseCertificate.Details
  const intermediateDetails = Details.encode({ serial: 1, issuerSerial: WA_CERT_DETAILS.SERIAL, key: intermediate.public, notBefore: 0, notAfter: 4102444800 }).finish()
  const leafDetails = Details.encode({ serial: 2, issuerSerial: 1, key: serverStatic.public, notBefore: 0, notAfter: 4102444800 }).finish()
  const chain = proto.CertChain.encode({
    intermediate: { details: intermediateDetails, signature: sign(intermediateSigner, intermediateDetails) },
    leaf: { details: leafDetails, signature: sign(leafSigner ?? intermediate, leafDetails) }
  }).finish()
  server.authenticate(serverEphemeral.public)
  server.mixIntoKey(Curve.sharedKey(serverEphemeral.private, clientEphemeral.public))
  const encryptedStatic = server.encrypt(serverStatic.public)
  server.mixIntoKey(Curve.sharedKey(serverStatic.private, clientEphemeral.public))
  const payload = server.encrypt(chain)
  const serverHello = { ephemeral: serverEphemeral.public, static: encryptedStatic, payload }
  return client.processHandshake({ serverHello }, Curve.generateKeyPair())
}

/** A pair-success stanza as WhatsApp sends it after the phone links: the device identity signed by the phone's account key. */
function pairSuccess (creds, { accountKey, signer = accountKey }) {
  const deviceDetails = proto.ADVDeviceIdentity.encode({ rawId: 7, timestamp: 1700000000, keyIndex: 1 }).finish()
  const accountSignature = sign(signer, Buffer.concat([WA_ADV_ACCOUNT_SIG_PREFIX, deviceDetails, creds.signedIdentityKey.public]))
  const details = proto.ADVSignedDeviceIdentity.encode({ details: deviceDetails, accountSignatureKey: accountKey.public, accountSignature }).finish()
  const hmac = hmacSign(details, Buffer.from(creds.advSecretKey, 'base64'))
  return {
    tag: 'iq',
    attrs: { id: 'pair-1', type: 'set', from: 's.whatsapp.net' },
    content: [{
      tag: 'pair-success',
      attrs: {},
      content: [
        { tag: 'device-identity', attrs: {}, content: proto.ADVSignedDeviceIdentityHMAC.encode({ details, hmac }).finish() },
        { tag: 'platform', attrs: { name: 'android' } },
        { tag: 'device', attrs: { jid: '15551234567:7@s.whatsapp.net', lid: '987654321:7@lid' } }
      ]
    }]
  }
}

// Node's test runner runs these in order in this one process: the trust root is installed last.
test('made real at start: a signature libsignal confirms passes, a forged or misplaced one does not', () => {
  hardenBaileys({ logger: silentLogger })
  const key = keyPair()
  const message = Buffer.from('hello')
  const signature = sign(key, message)
  assert.equal(Curve.verify(key.public, message, signature), true)
  assert.equal(Curve.verify(keyPair().public, message, signature), false)
  assert.equal(Curve.verify(key.public, Buffer.from('hullo'), signature), false)
  assert.equal(Curve.verify(key.public, message, Buffer.alloc(12)), false)
  assert.deepEqual(WA_CERT_DETAILS.PUBLIC_KEY, whatsappRoot)
})

test('the phone\'s account signature: genuine pairing accepted, a forged one refused', () => {
  const creds = initAuthCreds()
  const accountKey = keyPair()
  const { creds: update, reply } = configureSuccessfulPairing(pairSuccess(creds, { accountKey }), creds)
  assert.equal(update.me.id, '15551234567:7@s.whatsapp.net')
  assert.equal(reply.content[0].tag, 'pair-device-sign')
  assert.throws(() => configureSuccessfulPairing(pairSuccess(creds, { accountKey, signer: keyPair() }), creds),
    /Failed to verify account signature/)
})

test('without a trust root, a certificate chain not signed by WhatsApp\'s root is refused', () => {
  assert.throws(() => handshake({ root: keyPair() }), /noise intermediate certificate signature invalid/)
})

test('with WAGATE_BAILEYS_TRUST_ROOT, a chain from that root is accepted; a forged leaf or intermediate is not', () => {
  const root = keyPair()
  hardenBaileys({ trustRoot: root.public.toString('hex'), logger: silentLogger })
  assert.deepEqual(WA_CERT_DETAILS.PUBLIC_KEY, root.public)
  assert.ok(Buffer.isBuffer(Buffer.from(handshake({ root }))))
  assert.throws(() => handshake({ root, leafSigner: keyPair() }), /noise certificate signature invalid/)
  assert.throws(() => handshake({ root, intermediateSigner: keyPair() }), /noise intermediate certificate signature invalid/)
  assert.throws(() => hardenBaileys({ trustRoot: 'abc', logger: silentLogger }), /64 hex digits/)
})

test('the bridge process logs a trust root as a test setting, and refuses a malformed one', async () => {
  const root = keyPair().public.toString('hex')
  const run = async trustRoot => {
    const child = spawn(process.execPath, ['src/main.js'], {
      cwd: new URL('..', import.meta.url),
      env: { ...process.env, WAGATE_BAILEYS_TRUST_ROOT: trustRoot, WAGATE_BRIDGE_SCRIPTED_SOCKET: '' },
      stdio: ['pipe', 'ignore', 'pipe']
    })
    let log = ''
    child.stderr.on('data', d => { log += d })
    child.stdin.end()
    const [code] = await once(child, 'exit')
    return { code, log }
  }
  const good = await run(root)
  assert.equal(good.code, 0)
  assert.match(good.log, /TEST SETTING: WAGATE_BAILEYS_TRUST_ROOT/)
  assert.match(good.log, new RegExp(root))
  const bad = await run('not-a-key')
  assert.equal(bad.code, 1)
  assert.match(bad.log, /must be a Curve25519 public key/)
})
