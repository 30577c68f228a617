// Baileys' signature checks made to check, and the one test-only way to trust another Noise root.
//
// Baileys' Curve.verify treats a throw from libsignal's verifySignature as "invalid" and anything else as
// "valid"; libsignal 6 (the version Baileys rc14 asks for) returns false instead of throwing, so every
// well-formed signature passed: the Noise server certificate chain and the phone's account signature in
// pairing went unchecked. Both call Curve.verify through the exported object at the time of the check,
// so replacing that one property at start makes them real without touching Baileys' files.
import { createRequire } from 'node:module'
import { Curve, WA_CERT_DETAILS, generateSignalPubKey } from 'baileys'

// The very libsignal copy Baileys loads (resolved from Baileys' own directory), not whichever one is hoisted.
const curve = createRequire(import.meta.resolve('baileys'))('libsignal/src/curve.js')

/** true only for a signature libsignal confirms; false for a bad one, whether libsignal returns false or throws. */
export function verifySignature (pubKey, message, signature) {
  try {
    return curve.verifySignature(generateSignalPubKey(pubKey), message, signature) === true
  } catch {
    return false
  }
}

/** A 32-byte Curve25519 public key in hex (a 33-byte one with libsignal's 05 prefix is accepted too). */
export function parsePublicKey (hex) {
  const text = String(hex).trim()
  if (!/^(05)?[0-9a-fA-F]{64}$/.test(text)) {
    throw new Error('WAGATE_BAILEYS_TRUST_ROOT must be a Curve25519 public key in hex (64 hex digits)')
  }
  return Buffer.from(text.slice(-64), 'hex')
}

/**
 * Makes Curve.verify real and proves it on a signature of its own (a bridge whose check cannot tell a
 * forged signature from a genuine one does not start). trustRoot (hex), tests only: the Noise root
 * certificate key Baileys accepts instead of WhatsApp's, so a local WhatsApp stand-in can complete the
 * handshake; logged loudly, as a server that trusts it would trust anyone holding that key.
 */
export function hardenBaileys ({ trustRoot, logger }) {
  Curve.verify = verifySignature
  const { private: privateKey, public: publicKey } = Curve.generateKeyPair()
  const message = Buffer.from('wagate signature self-check')
  const signature = Curve.sign(privateKey, message)
  const forged = Buffer.from(signature)
  forged[0] ^= 1
  if (!Curve.verify(publicKey, message, signature) || Curve.verify(publicKey, message, forged) ||
      Curve.verify(publicKey, Buffer.from('another message'), signature)) {
    throw new Error('the bridge cannot check signatures with this libsignal; refusing to start')
  }
  if (trustRoot) {
    WA_CERT_DETAILS.PUBLIC_KEY = parsePublicKey(trustRoot)
    logger.warn({ trustRoot: WA_CERT_DETAILS.PUBLIC_KEY.toString('hex') },
      'TEST SETTING: WAGATE_BAILEYS_TRUST_ROOT replaces WhatsApp\'s Noise root key; this bridge cannot tell WhatsApp from anyone holding that key. Never use it in production')
  }
}
