// The content of the messages a session sent and received, for Baileys' getMessage: it asks for a message
// again to send it once more when a recipient's device could not decrypt it (a retry receipt), and for an
// event's message to decrypt the responses to it. Kept in wagate's store (so a restart loses nothing, within
// the store's retention) with the last ones in memory, which answer the retries that come within seconds.
import { proto } from 'baileys'

const RECENT_LIMIT = 2000
/** Matches the store's cap (MessageContentStore.MAX_CHARS): a larger content is kept in memory only. */
const STORED_MAX_CHARS = 64 * 1024

/** A message's content as the store keeps it: the WhatsApp Message protobuf, base64. */
export const encodeContent = content => Buffer.from(proto.Message.encode(proto.Message.fromObject(content)).finish()).toString('base64')
export const decodeContent = text => proto.Message.decode(Buffer.from(text, 'base64'))

export class MessageContents {
  /**
   * @param {object} opts
   * @param {{request: Function}} opts.rpc
   * @param {string} opts.session
   * @param {{warn: Function}} opts.log
   */
  constructor ({ rpc, session, log }) {
    Object.assign(this, { rpc, session, log })
    this.recent = new Map()
  }

  /** Keeps a WAMessage's content (sent or received); the store write is not awaited. */
  remember (message) {
    const id = message?.key?.id
    if (!id || !message.message) return
    this.recent.set(id, message.message)
    if (this.recent.size > RECENT_LIMIT) this.recent.delete(this.recent.keys().next().value)
    let value
    try {
      value = encodeContent(message.message)
    } catch (err) {
      this.log.warn({ err, id }, 'could not encode a message for the store')
      return
    }
    if (value.length > STORED_MAX_CHARS) return
    this.rpc.request('message.content.save', { session: this.session, id, chat: message.key.remoteJid ?? '', value })
      .catch(err => this.log.warn({ err, id }, 'could not store a message\'s content'))
  }

  /** What was kept in memory only (no store look-up): for a reply's quote, which must not wait. */
  cached (id) {
    return this.recent.get(id)
  }

  /** Baileys' getMessage: the content of the message with this key's id, from memory or the store. */
  async get (key) {
    const id = key?.id
    if (!id) return undefined
    const cached = this.recent.get(id)
    if (cached) return cached
    try {
      const answer = await this.rpc.request('message.content.get', { session: this.session, id })
      return answer?.value ? decodeContent(answer.value) : undefined
    } catch (err) {
      this.log.warn({ err, id }, 'could not read a message\'s content from the store')
      return undefined
    }
  }
}
