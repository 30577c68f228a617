// Baileys' own noise handler as the client, for NoiseBaileysTest: the Java responder is the server.
import path from 'node:path';
import { baileys, fromBridge, serve, hex, bytes, nodeToJson, nodeFromJson } from './harness.mjs';

const { makeNoiseHandler } = await baileys('Utils/noise-handler.js');
const { Curve } = await baileys('Utils/crypto.js');
const { NOISE_WA_HEADER } = await baileys('Defaults/index.js');
const { encodeBinaryNode } = await baileys('WABinary/encode.js');
const { proto } = await fromBridge(path.join('baileys', 'WAProto', 'index.js'));

const logger = { level: 'info', child() { return this; }, trace() {}, debug() {}, info() {}, warn() {}, error() {} };
let noise, noiseKey;

const framesOf = async (data) => {
    const frames = [];
    await noise.decodeFrame(bytes(data), (f) => frames.push(f));
    return frames;
};

serve({
    start: ({ routingInfo }) => {
        const ephemeral = Curve.generateKeyPair();
        noiseKey = Curve.generateKeyPair();
        noise = makeNoiseHandler({
            keyPair: ephemeral, NOISE_HEADER: NOISE_WA_HEADER, logger,
            routingInfo: routingInfo ? bytes(routingInfo) : undefined
        });
        const hello = proto.HandshakeMessage.encode({ clientHello: { ephemeral: ephemeral.public } }).finish();
        return { data: hex(noise.encodeFrame(hello)), noiseKey: hex(noiseKey.public) };
    },
    // As Baileys' validateConnection: process the server hello, answer with the client finish, go to transport.
    serverHello: async ({ data }) => {
        const [frame] = await framesOf(data);
        const keyEnc = noise.processHandshake(proto.HandshakeMessage.decode(frame), noiseKey);
        const payload = proto.ClientPayload.encode(proto.ClientPayload.fromObject({
            username: 491701234567, passive: true, pull: true, device: 3, pushName: 'Ana',
            userAgent: { platform: 14, appVersion: { primary: 2, secondary: 3000, tertiary: 1029496320 }, osVersion: '0.1' }
        })).finish();
        const finish = proto.HandshakeMessage.encode({ clientFinish: { static: keyEnc, payload: noise.encrypt(payload) } }).finish();
        const out = noise.encodeFrame(finish);
        await noise.finishInit();
        return { data: hex(out), payload: hex(payload) };
    },
    send: ({ nodes }) => hex(Buffer.concat(nodes.map((n) => noise.encodeFrame(encodeBinaryNode(nodeFromJson(n)))))),
    recv: async ({ data }) => (await framesOf(data)).map(nodeToJson)
});
