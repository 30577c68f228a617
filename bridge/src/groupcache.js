// Group metadata for sends (Baileys' cachedGroupMetadata): without it every group send asks WhatsApp
// for the group's metadata first. Full snapshots (a listing, a join, a fetch) fill it; a change
// notification drops the group's entry, so the next send fetches it anew.

/** A full snapshot (extractGroupMetadata's output), as opposed to a change notification's few fields. */
export const isSnapshot = group => Array.isArray(group?.participants) && typeof group?.subject === 'string' && group?.creation !== undefined

export class GroupCache {
  constructor ({ limit = 2000, ttlMs = 60 * 60 * 1000, now = Date.now } = {}) {
    Object.assign(this, { limit, ttlMs, now })
    this.byId = new Map()
  }

  get (jid) {
    const entry = this.byId.get(jid)
    if (!entry) return undefined
    if (this.now() - entry.at > this.ttlMs) {
      this.byId.delete(jid)
      return undefined
    }
    return entry.group
  }

  set (group) {
    if (!group?.id) return
    this.byId.delete(group.id)
    this.byId.set(group.id, { group, at: this.now() })
    if (this.byId.size > this.limit) this.byId.delete(this.byId.keys().next().value)
  }

  drop (jid) {
    this.byId.delete(jid)
  }

  /** Keeps the cache in step with a Baileys socket's group events. */
  bind (ev) {
    ev.on('groups.upsert', groups => groups?.forEach(g => this.set(g)))
    ev.on('groups.update', groups => groups?.forEach(g => (isSnapshot(g) ? this.set(g) : this.drop(g.id))))
    ev.on('group-participants.update', ({ id }) => this.drop(id))
    return this
  }

  /** Baileys' cachedGroupMetadata: the cached metadata, else fetched once (by groupMetadata) and kept. */
  lookup (fetch) {
    return async jid => {
      const known = this.get(jid)
      if (known) return known
      const group = await fetch(jid)
      this.set(group)
      return group
    }
  }
}
