// libsignal's curve (what Baileys' Utils/crypto Curve calls) and Baileys' key helpers, for CryptoBaileysTest.
import { baileys, fromBridge, serve, hex, bytes } from './harness.mjs';

const curve = await fromBridge('libsignal/src/curve.js');
const { Curve, hkdf } = await baileys('Utils/crypto.js');

serve({
    keyPair: () => { const k = Curve.generateKeyPair(); return { private: hex(k.private), public: hex(k.public) }; },
    sharedKey: ({ priv, pub }) => hex(Curve.sharedKey(bytes(priv), bytes(pub))),
    sign: ({ priv, msg }) => hex(curve.calculateSignature(bytes(priv), bytes(msg))),
    // libsignal's verifySignature returns the check's result (Baileys' Curve.verify drops it; see the engine issue).
    verify: ({ pub, msg, sig }) => curve.verifySignature(Buffer.concat([Buffer.from([5]), bytes(pub)]), bytes(msg), bytes(sig)),
    hkdf: ({ ikm, salt, info, length }) => hex(hkdf(bytes(ikm), length, { salt: salt ? bytes(salt) : undefined, info }))
});
