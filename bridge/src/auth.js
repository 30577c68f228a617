// Baileys' auth state kept in the wagate store: every read and write is an RPC call to Java.
// Values cross as BufferJSON text (Buffers survive the round trip); Java stores them opaquely.
import { BufferJSON, initAuthCreds, proto } from 'baileys'

export const serialize = value => JSON.stringify(value, BufferJSON.replacer)
export const deserialize = text => JSON.parse(text, BufferJSON.reviver)

/**
 * Undoes a pairing that never finished. Baileys' requestPairingCode stores a `me` (the phone number) before
 * the phone has done anything; with a `me`, the next connect logs in instead of registering, and WhatsApp
 * answers 401, which reads as "unlinked on the phone". A pairing finished once WhatsApp's pair-success
 * gave the device its `account` (Utils/validate-connection.js configureSuccessfulPairing); without one,
 * `me`, the pairing code and `registered` (set when the phone typed the code) are reset.
 * @returns {boolean} whether anything was reset
 */
export function resetUnfinishedPairing (creds) {
  if (!creds?.me || creds.account) return false
  delete creds.me
  creds.pairingCode = undefined
  creds.registered = false
  return true
}

/**
 * Loads the session's credentials (fresh ones when the store has none) and returns Baileys'
 * AuthenticationState whose key store asks Java, plus saveCreds for 'creds.update' and write, the queue itself
 * (for what must be stored in order with the keys: inbox.js).
 * A write returns only once Java has stored it, so nothing Baileys was told is saved can be lost.
 * Writes go one at a time, in the order Baileys made them: the next is sent only once the previous one
 * was answered or timed out, and Java applies a session's writes in the order they arrive, so a write
 * that timed out here is still applied before, never after, a newer one.
 */
export async function rpcAuthState (rpc, session) {
  let last = Promise.resolve()
  /** params: an object, or a function making it when the write's turn comes. */
  const write = (method, params) => {
    const next = last.then(() => rpc.request(method, typeof params === 'function' ? params() : params))
    last = next.catch(() => {})
    return next
  }
  const loaded = await rpc.request('auth.creds.load', { session })
  const creds = loaded?.value ? deserialize(loaded.value) : initAuthCreds()
  const keys = {
    async get (type, ids) {
      const answer = await rpc.request('auth.keys.get', { session, type, ids })
      const found = {}
      for (const [id, text] of Object.entries(answer?.values ?? {})) {
        let value = deserialize(text)
        if (type === 'app-state-sync-key' && value) {
          value = proto.Message.AppStateSyncKeyData.fromObject(value)
        }
        found[id] = value
      }
      return found
    },
    async set (data) {
      const items = []
      for (const [type, byId] of Object.entries(data)) {
        for (const [id, value] of Object.entries(byId ?? {})) {
          items.push({ type, id, value: value ? serialize(value) : null })
        }
      }
      if (items.length) await write('auth.keys.set', { session, items })
    }
  }
  // Serialized when its turn comes: a queued save writes the newest state.
  const saveCreds = () => write('auth.creds.save', () => ({ session, value: serialize(creds) }))
  const clear = () => write('auth.clear', { session })
  return { state: { creds, keys }, saveCreds, clear, write, isNew: !loaded?.value }
}
