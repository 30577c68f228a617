// The polls a session sent or saw, kept for their messageSecret: it decrypts the votes on them and
// encrypts the session's own votes. Recent ones are in memory; each is also written to the wagate
// store (the poll.secret.* RPC calls), so votes on a poll from before the bridge's last start still work.
import { normalizeMessageContent } from 'baileys'

/** A poll creation message → what votes need: {secret, options, creator, chatJid}; undefined when not a poll. */
export function pollRecord (message) {
  const content = normalizeMessageContent(message?.message)
  const poll = content?.pollCreationMessage ?? content?.pollCreationMessageV2 ?? content?.pollCreationMessageV3
  const secret = content?.messageContextInfo?.messageSecret ?? message?.message?.messageContextInfo?.messageSecret
  if (!poll || !secret?.length || !message.key?.id) return undefined
  const key = message.key
  return {
    secret: Buffer.from(secret),
    options: (poll.options ?? []).map(o => o.optionName ?? ''),
    // 'me' stands for the session's own id, whichever form (phone or LID) a vote on it uses. Baileys'
    // cleanMessage leaves a 1:1 message's participant '' (not undefined): the sender is then the chat.
    creator: key.fromMe ? 'me' : (key.participant || key.remoteJid),
    chatJid: key.remoteJid
  }
}

const toText = record => JSON.stringify({ ...record, secret: record.secret.toString('base64') })
const fromText = text => {
  const value = JSON.parse(text)
  return { ...value, secret: Buffer.from(value.secret, 'base64') }
}

export class PollStore {
  /**
   * @param {object} [opts]
   * @param {{request: Function}} [opts.rpc] the channel to Java; without it, polls live in memory only
   * @param {string} [opts.session] the wagate session id the polls are stored under
   * @param {{warn: Function}} [opts.log]
   */
  constructor ({ rpc, session, log, limit = 5000 } = {}) {
    Object.assign(this, { rpc, session, log, limit })
    this.byId = new Map()
  }

  /** Keeps a poll creation message (others are ignored) and writes it through to the store. */
  remember (message) {
    const record = pollRecord(message)
    if (!record) return Promise.resolve()
    const id = message.key.id
    this.keep(id, record)
    if (!this.rpc) return Promise.resolve()
    return this.rpc.request('poll.secret.save', { session: this.session, id, value: toText(record) })
      .catch(err => this.log?.warn({ err, id }, 'could not store a poll\'s secret'))
  }

  /** The poll's record: from memory, else from the store; undefined when neither has it. */
  async find (id) {
    if (!id) return undefined
    const known = this.byId.get(id)
    if (known || !this.rpc) return known
    let answer
    try {
      answer = await this.rpc.request('poll.secret.get', { session: this.session, id })
    } catch (err) {
      this.log?.warn({ err, id }, 'could not read a poll\'s secret from the store')
      return undefined
    }
    if (!answer?.value) return undefined
    const record = fromText(answer.value)
    this.keep(id, record)
    return record
  }

  keep (id, record) {
    this.byId.delete(id)
    this.byId.set(id, record)
    if (this.byId.size > this.limit) this.byId.delete(this.byId.keys().next().value)
  }
}

/** Polls in history sync are kept too: votes on them may arrive later. */
export function bindPollHistory (ev, polls) {
  ev.on('messaging-history.set', ({ messages }) => {
    for (const message of messages ?? []) polls.remember(message)
  })
}
