// Group metadata for sends (Baileys' cachedGroupMetadata): without it every group send asks WhatsApp
// for the group's metadata first. Full snapshots (a listing, a join, a fetch) fill it; a change
// notification drops the group's entry, so the next send fetches it anew.

/** A full snapshot (extractGroupMetadata's output), as opposed to a change notification's few fields. */
export const isSnapshot = group => Array.isArray(group?.participants) && typeof group?.subject === 'string' && group?.creation !== undefined

/**
 * The LID ↔ phone-number pairs a snapshot names ({lid, pn} user jids): WhatsApp gives each participant's other
 * address beside it (phone_number in LID-addressed groups, lid in PN-addressed ones), which Baileys reads but
 * does not store, so receipts and reactions of members never met otherwise would stay named by LID.
 */
export const lidPairs = group => (group?.participants ?? []).flatMap(p => {
  if (p.id?.endsWith('@lid') && p.phoneNumber?.endsWith('@s.whatsapp.net')) return [{ lid: p.id, pn: p.phoneNumber }]
  if (p.id?.endsWith('@s.whatsapp.net') && p.lid?.endsWith('@lid')) return [{ lid: p.lid, pn: p.id }]
  return []
})

export class GroupCache {
  /** @param {object} [options] onSnapshot: called with each full snapshot kept (to learn its LID pairs) */
  constructor ({ limit = 2000, ttlMs = 60 * 60 * 1000, now = Date.now, onSnapshot = () => {} } = {}) {
    Object.assign(this, { limit, ttlMs, now, onSnapshot })
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
    this.onSnapshot(group)
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
