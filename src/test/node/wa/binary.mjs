// Baileys' own WABinary for NodeCodecTest.
import { deflateSync } from 'node:zlib';
import { baileys, serve, hex, bytes, nodeToJson, nodeFromJson } from './harness.mjs';

const { encodeBinaryNode } = await baileys('WABinary/encode.js');
const { decodeBinaryNode } = await baileys('WABinary/decode.js');
const C = await baileys('WABinary/constants.js');
const { jidDecode, jidEncode } = await baileys('WABinary/jid-utils.js');

const str = (s) => { const b = Buffer.from(s, 'utf8'); return [C.TAGS.BINARY_8, b.length, ...b]; };

serve({
    jids: ({ jids }) => jids.map((j) => {
        const d = jidDecode(j);
        return d ? { ...d, device: d.device === undefined ? null : String(d.device), encoded: jidEncode(d.user, d.server, d.device) } : null;
    }),
    tokens: () => ({ single: C.SINGLE_BYTE_TOKENS, double: C.DOUBLE_BYTE_TOKENS }),
    encode: ({ nodes }) => nodes.map((n) => hex(encodeBinaryNode(nodeFromJson(n)))),
    decode: async ({ frames }) => Promise.all(frames.map(async (f) => nodeToJson(await decodeBinaryNode(bytes(f))))),
    // A frame as WhatsApp may send it: flags byte 2, then the zlib-deflated node.
    compress: ({ nodes }) => nodes.map((n) => {
        const plain = encodeBinaryNode(nodeFromJson(n)).subarray(1);
        return hex(Buffer.concat([Buffer.from([2]), deflateSync(plain)]));
    }),
    // Baileys never writes FB and interop JIDs but reads them; these frames are built from its tag constants.
    foreignJids: () => [
        [0, C.TAGS.LIST_8, 3, ...str('iq'), ...str('from'), C.TAGS.FB_JID, ...str('100012345'), 0x01, 0x02, ...str('msgr')],
        [0, C.TAGS.LIST_8, 3, ...str('iq'), ...str('from'), C.TAGS.INTEROP_JID, ...str('4477'), 0x00, 0x03, 0x00, 0x07, ...str('interop')],
        [0, C.TAGS.LIST_8, 2, ...str('iq'), C.TAGS.INTEROP_JID, ...str('4477'), 0x00, 0x03, 0x00, 0x07]
    ].map((b) => hex(Buffer.from(b)))
});
