// Received messages kept from their decryption until wagate has them, so that a kill -9 of the bridge loses none.
// Baileys commits a message's signal state (ratchet, used pre-key, sender key) to the store as it decrypts it,
// then sends WhatsApp its receipt, and only then reports the message. A bridge that dies in between leaves a
// message that cannot be decrypted again (its keys are used) or that WhatsApp will not send again (it had its
// receipt). So each decrypted plaintext is stored (with the stanza it came in) BEFORE the key state, in the
// same ordered write queue: a stanza delivered again is answered from that copy instead of decrypted, and one
// never reported (receipt sent, bridge gone) is handed to Baileys again when the session next connects.
// Once the bridge has reported the message, its copy is dropped.
import { createHash } from 'node:crypto'
import { existsSync, writeFileSync } from 'node:fs'
import { DEFAULT_CONNECTION_CONFIG, proto, unpadRandomMax16 } from 'baileys'
import { deserialize, serialize } from './auth.js'

/** A copy older than this (a message Baileys decrypted but never reported, even when handed again) is dropped. */
export const INBOX_MAX_AGE_MS = 7 * 24 * 3600 * 1000

const digest = bytes => createHash('sha256').update(bytes).digest('base64url')

/**
 * Tests only: WAGATE_BRIDGE_TEST_DIE="decrypted:<text>" makes the bridge kill itself (SIGKILL) right after the
 * key state of a received text <text> was committed, before its receipt and report; "reporting:<text>" right
 * before its report (its receipt sent). Several, one a line. Each once per WAGATE_BRIDGE_TEST_DIE_MARKER
 * (files <marker>-<line number> made as it dies), so the restarted bridge lives. Unset in production:
 * returns undefined.
 */
export function testDie (env = process.env, kill = () => process.kill(process.pid, 'SIGKILL')) {
  const specs = (env.WAGATE_BRIDGE_TEST_DIE ?? '').split('\n').map(line => /^(decrypted|reporting):(.+)$/.exec(line))
  if (!specs.some(Boolean)) return undefined
  const marker = env.WAGATE_BRIDGE_TEST_DIE_MARKER
  return (phase, text) => {
    const index = specs.findIndex(spec => spec?.[1] === phase && spec[2] === text)
    if (index < 0) return
    const file = marker && `${marker}-${index}`
    if (file && existsSync(file)) return
    if (file) writeFileSync(file, String(process.pid))
    kill()
  }
}

const textOf = plain => {
  try {
    const message = proto.Message.decode(unpadRandomMax16(plain))
    return message.conversation ?? message.extendedTextMessage?.text
  } catch {
    return undefined
  }
}

export class Inbox {
  /**
   * @param {object} opts
   * @param {import('./rpc.js').RpcPeer} opts.rpc reads the copies at start
   * @param {string} opts.session
   * @param {(method: string, params: object) => Promise<unknown>} opts.write the session's ordered store writes
   *   (auth.js), so that a copy is stored before the key writes that follow it
   * @param {object} opts.log
   * @param {Function} [opts.die] the test-only hook of testDie
   */
  constructor ({ rpc, session, write, log, die = testDie(), now = Date.now }) {
    Object.assign(this, { rpc, session, write, log, die, now })
    /** digest of a ciphertext → {node, plain, at} */
    this.copies = new Map()
    /** message id → digests of its ciphertexts */
    this.byMessage = new Map()
    /** ciphertext (the stanza's own bytes) → its stanza, noted as the stanza arrives */
    this.stanzas = new WeakMap()
  }

  /** Reads the copies left by an earlier bridge (too old ones are dropped). */
  async load () {
    const answer = await this.rpc.request('inbox.list', { session: this.session })
    const stale = []
    for (const [hash, text] of Object.entries(answer?.values ?? {})) {
      let copy
      try {
        copy = deserialize(text)
      } catch {
        copy = undefined
      }
      if (!copy?.node?.attrs?.id || !copy.plain || this.now() - (copy.at ?? 0) > INBOX_MAX_AGE_MS) {
        stale.push(hash)
        continue
      }
      this.note(hash, { node: copy.node, plain: Buffer.from(copy.plain), at: copy.at })
    }
    if (stale.length) await this.write('inbox.done', { session: this.session, ids: stale })
  }

  note (hash, copy) {
    this.copies.set(hash, copy)
    const id = copy.node.attrs.id
    if (!this.byMessage.has(id)) this.byMessage.set(id, new Set())
    this.byMessage.get(id).add(hash)
  }

  /** Notes each <message> stanza's ciphertexts as it arrives (before Baileys decrypts them). */
  watch (ws) {
    const onMessage = node => {
      for (const child of Array.isArray(node?.content) ? node.content : []) {
        if (child?.tag === 'enc' && child.content instanceof Uint8Array) this.stanzas.set(child.content, node)
      }
    }
    if (typeof ws?.prependListener === 'function') ws.prependListener('CB:message', onMessage)
    else ws?.on?.('CB:message', onMessage)
  }

  /** Baileys' makeSignalRepository (a SocketConfig option) whose decryptions go through this inbox. */
  repository (makeBase = DEFAULT_CONNECTION_CONFIG.makeSignalRepository) {
    return (auth, logger, pnToLid) => {
      const base = makeBase(auth, logger, pnToLid)
      return {
        ...base,
        decryptMessage: args => this.decrypt(args.ciphertext, args.jid, auth.keys, () => base.decryptMessage(args)),
        decryptGroupMessage: args => this.decrypt(args.msg, args.group, auth.keys, () => base.decryptGroupMessage(args))
      }
    }
  }

  /**
   * A ciphertext decrypted before is answered from its copy (its keys are used up); else it is decrypted in a
   * key transaction (Baileys' own nests into it) that commits only after the copy is stored.
   */
  async decrypt (ciphertext, transactionKey, keys, decrypt) {
    const hash = digest(ciphertext)
    const kept = this.copies.get(hash)
    if (kept) return kept.plain
    const node = this.stanzas.get(ciphertext)
    const plain = await keys.transaction(async () => {
      const plain = await decrypt()
      if (node?.attrs?.id && plain) await this.keep(hash, node, Buffer.from(plain))
      return plain
    }, transactionKey)
    if (this.die && plain) this.die('decrypted', textOf(plain))
    return plain
  }

  async keep (hash, node, plain) {
    const copy = { node, plain, at: this.now() }
    await this.write('inbox.keep', { session: this.session, id: hash, value: serialize(copy) })
    this.note(hash, copy)
  }

  /** Called before an event is reported (the test-only hook). */
  reporting (event) {
    if (this.die && event?.type === 'message') this.die('reporting', event.message?.body)
  }

  /** The message was reported to wagate (or there was nothing to report of it): its copies go. */
  reported (id) {
    const hashes = this.byMessage.get(id)
    if (!hashes) return
    this.byMessage.delete(id)
    for (const hash of hashes) this.copies.delete(hash)
    this.write('inbox.done', { session: this.session, ids: [...hashes] })
      .catch(err => this.log.warn({ err }, 'could not drop the copy of a reported message'))
  }

  /** The stanzas of messages kept but never reported, handed to Baileys again as WhatsApp's socket would. */
  replay (ws) {
    if (typeof ws?.emit !== 'function') return
    const seen = new Set()
    for (const { node } of [...this.copies.values()]) {
      const key = `${node.attrs.from}/${node.attrs.id}`
      if (seen.has(key)) continue
      seen.add(key)
      this.log.info({ id: node.attrs.id }, 'handing a message kept but not reported to Baileys again')
      ws.emit('CB:message', node)
    }
  }
}
