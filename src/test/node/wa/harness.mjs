// Line-delimited JSON over stdin/stdout for the Java protocol tests: each line {"op", ...} gets one line back,
// {"ok": result} or {"error": message}. Bytes travel as hex. Baileys is loaded from the project's bridge.
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const baileys = (p) => import(path.join(root, 'bridge/node_modules/baileys/lib', p));
export const fromBridge = (p) => import(path.join(root, 'bridge/node_modules', p));

export const hex = (b) => Buffer.from(b).toString('hex');
export const bytes = (h) => Buffer.from(h, 'hex');

/** A node as JSON: content null, {bytes: hex}, {string: s} or a list of nodes. */
export const nodeToJson = (n) => ({
    tag: n.tag,
    attrs: n.attrs || {},
    content: n.content === undefined ? null
        : Array.isArray(n.content) ? n.content.map(nodeToJson)
        : typeof n.content === 'string' ? { string: n.content }
        : { bytes: hex(n.content) }
});
export const nodeFromJson = (j) => ({
    tag: j.tag,
    attrs: j.attrs,
    content: j.content === null ? undefined
        : Array.isArray(j.content) ? j.content.map(nodeFromJson)
        : j.content.string !== undefined ? j.content.string
        : bytes(j.content.bytes)
});

export function serve(handlers) {
    const rl = createInterface({ input: process.stdin });
    let chain = Promise.resolve();
    rl.on('line', (line) => {
        chain = chain.then(async () => {
            let out;
            try {
                const req = JSON.parse(line);
                const handler = handlers[req.op];
                if (!handler) throw new Error('unknown op ' + req.op);
                out = { ok: (await handler(req)) ?? null };
            } catch (e) {
                out = { error: String(e?.message || e) };
            }
            process.stdout.write(JSON.stringify(out) + '\n');
        });
    });
}
