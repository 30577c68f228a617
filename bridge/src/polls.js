// Poll creation messages this bridge saw, kept for decrypting votes (their messageSecret is the key).
// Memory only, bounded: a vote on a poll from before the bridge's last start cannot be decrypted.
export class PollStore {
  constructor (limit = 5000) {
    this.limit = limit
    this.byId = new Map()
  }

  remember (message) {
    const id = message?.key?.id
    if (!id) return
    this.byId.delete(id)
    this.byId.set(id, { message: message.message })
    if (this.byId.size > this.limit) this.byId.delete(this.byId.keys().next().value)
  }

  find (id) {
    return id ? this.byId.get(id) : undefined
  }
}
