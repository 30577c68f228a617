// Baileys' pairing pieces for PairingBaileysTest. requestPairingCode's generatePairingKey and the
// link_code_companion_reg handler are closures inside the socket, so their steps are repeated here with the
// same exported functions (derivePairingCodeKey, aesEncryptCTR/aesDecryptCTR, Curve, hkdf, aesEncryptGCM).
import { randomBytes } from 'node:crypto';
import { baileys, serve, hex, bytes, nodeToJson, nodeFromJson } from './harness.mjs';

const { Curve, hkdf, aesEncryptCTR, aesDecryptCTR, aesEncryptGCM, derivePairingCodeKey } = await baileys('Utils/crypto.js');
const { configureSuccessfulPairing } = await baileys('Utils/validate-connection.js');
const { buildPairingQRData } = await baileys('Utils/companion-reg-client-utils.js');
const { bytesToCrockford } = await baileys('Utils/generics.js');

const pair = (k) => ({ private: hex(k.private), public: hex(k.public) });
const keys = (j) => ({ private: bytes(j.private), public: bytes(j.public) });

serve({
    keyPair: () => pair(Curve.generateKeyPair()),
    crockford: ({ data }) => bytesToCrockford(bytes(data)),
    companionHello: async ({ code }) => {
        const ephemeral = Curve.generateKeyPair();
        const salt = randomBytes(32);
        const randomIv = randomBytes(16);
        const key = await derivePairingCodeKey(code, salt);
        const ciphered = aesEncryptCTR(ephemeral.public, key, randomIv);
        return { wrapped: hex(Buffer.concat([salt, randomIv, ciphered])), ephemeral: pair(ephemeral) };
    },
    companionFinish: async ({ code, wrappedPrimary, primaryIdentityPub, ephemeral, identity }) => {
        const buffer = bytes(wrappedPrimary);
        const secretKey = await derivePairingCodeKey(code, buffer.slice(0, 32));
        const codePairingPublicKey = aesDecryptCTR(buffer.slice(48, 80), secretKey, buffer.slice(32, 48));
        const companionSharedKey = Curve.sharedKey(keys(ephemeral).private, codePairingPublicKey);
        const random = randomBytes(32);
        const linkCodeSalt = randomBytes(32);
        const linkCodePairingExpanded = hkdf(companionSharedKey, 32, { salt: linkCodeSalt, info: 'link_code_pairing_key_bundle_encryption_key' });
        const primaryIdentityPublicKey = bytes(primaryIdentityPub);
        const encryptPayload = Buffer.concat([keys(identity).public, primaryIdentityPublicKey, random]);
        const encryptIv = randomBytes(12);
        const encrypted = aesEncryptGCM(encryptPayload, linkCodePairingExpanded, encryptIv, Buffer.alloc(0));
        const identitySharedKey = Curve.sharedKey(keys(identity).private, primaryIdentityPublicKey);
        const identityPayload = Buffer.concat([companionSharedKey, identitySharedKey, random]);
        return {
            wrappedKeyBundle: hex(Buffer.concat([linkCodeSalt, encryptIv, encrypted])),
            advSecret: hex(Buffer.from(hkdf(identityPayload, 32, { info: 'adv_secret' })))
        };
    },
    pairSuccess: ({ stanza, advSecret, identity }) => {
        const { creds, reply } = configureSuccessfulPairing(nodeFromJson(stanza), {
            advSecretKey: bytes(advSecret).toString('base64'), signedIdentityKey: keys(identity), signalIdentities: []
        });
        return { reply: nodeToJson(reply), me: creds.me, platform: creds.platform ?? null };
    },
    qr: ({ ref, noise, identity, adv }) => buildPairingQRData(ref, bytes(noise).toString('base64'),
        bytes(identity).toString('base64'), bytes(adv).toString('base64'), ['Ubuntu', 'Chrome', '22.04'])
});
