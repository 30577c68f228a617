// Communities: the community.* commands → Baileys' community* socket functions (rc14 has them). A community is a
// parent group (a <group> with a <parent> child); its announcement group is the group with <default_sub_group>
// whose <linked_parent> names the community.
import { ERRORS, RpcError } from './rpc.js'
import { isGroup, toChatId, toJid } from './ids.js'

/** WhatsApp's refusals of a community IQ, as wagate's errors (Baileys throws a Boom whose data is the code). */
const REFUSALS = {
  401: ERRORS.REFUSED,
  403: ERRORS.REFUSED,
  404: ERRORS.NOT_FOUND,
  406: ERRORS.INVALID,
  409: ERRORS.CONFLICT
}

const refusalsMapped = handler => async (s, params) => {
  try {
    return await handler(s, params)
  } catch (err) {
    const code = err?.isBoom ? REFUSALS[err.data] : undefined
    if (code) throw new RpcError(code, `WhatsApp refused: ${err.message} (${err.data})`)
    throw err
  }
}

function requireGroupIds (groups) {
  if (!Array.isArray(groups) || groups.length === 0 || !groups.every(isGroup)) {
    throw new RpcError(ERRORS.INVALID_PARAMS, 'groups must be group ids (…@g.us)')
  }
  return groups
}

/** A community as Java's CommunityInfo reads it; {@code announcement}: the announcement group's jid, if known. */
export function communityOut (meta, announcement) {
  return {
    id: toChatId(meta.id),
    name: meta.subject ?? '',
    description: meta.desc ?? '',
    owner: meta.owner ? toChatId(meta.ownerPn ?? meta.owner) : null,
    announcementGroup: announcement ? toChatId(announcement) : null,
    createdAt: (meta.creation ?? 0) * 1000
  }
}

/** The announcement group of each community among the groups the account is in. */
function announcements (participating) {
  const byParent = new Map()
  for (const g of participating) {
    if (g.isCommunityAnnounce && g.linkedParent) byParent.set(g.linkedParent, g)
  }
  return byParent
}

async function requireCommunity (sock, jid) {
  const meta = await sock.groupMetadata(jid)
  if (!meta?.isCommunity) throw new RpcError(ERRORS.NOT_FOUND, `community ${toChatId(jid)} not found (it is a group)`)
  return meta
}

export function communityHandlers () {
  return {
    'community.create': refusalsMapped(async (s, { name, description }) => {
      const sock = s.socket()
      const meta = await sock.communityCreate(name, description ?? '')
      if (!meta) throw new RpcError(ERRORS.INTERNAL, 'WhatsApp did not answer with the new community')
      const announcement = announcements(Object.values(await sock.groupFetchAllParticipating())).get(meta.id)
      return communityOut(meta, announcement?.id)
    }),
    'community.list': refusalsMapped(async s => {
      const groups = Object.values(await s.socket().groupFetchAllParticipating())
      const byParent = announcements(groups)
      return groups.filter(g => g.isCommunity).map(g => communityOut(g, byParent.get(g.id)?.id))
    }),
    'community.get': refusalsMapped(async (s, { communityId }) => {
      const sock = s.socket()
      const meta = await requireCommunity(sock, toJid(communityId))
      const announcement = announcements(Object.values(await sock.groupFetchAllParticipating())).get(meta.id)
      return communityOut(meta, announcement?.id)
    }),
    'community.link': refusalsMapped((s, params) => eachGroup(s, params, 'linked',
      (sock, group, parent) => sock.communityLinkGroup(group, parent))),
    'community.unlink': refusalsMapped((s, params) => eachGroup(s, params, 'unlinked',
      (sock, group, parent) => sock.communityUnlinkGroup(group, parent))),
    /** The announcement group first (where the account is in it), then the linked groups WhatsApp lists. */
    'community.groups': refusalsMapped(async (s, { communityId }) => {
      const sock = s.socket()
      const jid = toJid(communityId)
      await requireCommunity(sock, jid)
      const { linkedGroups } = await sock.communityFetchLinkedGroups(jid)
      const announcement = announcements(Object.values(await sock.groupFetchAllParticipating())).get(jid)
      const out = announcement ? [{ id: toChatId(announcement.id), subject: announcement.subject ?? '', announcement: true }] : []
      for (const g of linkedGroups ?? []) {
        if (g.id && g.id !== announcement?.id) out.push({ id: toChatId(g.id), subject: g.subject ?? '', announcement: false })
      }
      return out
    })
  }
}

/**
 * WhatsApp links (and unlinks) one group per IQ: the groups go in order, and a refusal stops there (the message
 * names the ones done before it), since an IQ already answered cannot be taken back.
 */
async function eachGroup (s, { communityId, groups }, done, change) {
  const sock = s.socket()
  const parent = toJid(communityId)
  await requireCommunity(sock, parent)
  const before = []
  for (const group of requireGroupIds(groups)) {
    try {
      await change(sock, toJid(group), parent)
    } catch (err) {
      if (before.length && err?.isBoom) err.message += `; ${done} before it: ${before.join(', ')}`
      throw err
    }
    before.push(group)
  }
  return null
}
