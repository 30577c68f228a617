// The account's own profile and privacy: the profile.* and privacy.* commands → Baileys calls.
import { jidNormalizedUser } from 'baileys'
import { ERRORS, RpcError } from './rpc.js'
import { toChatId } from './ids.js'

/** wagate's privacy names → WhatsApp's categories (what Baileys' privacyQuery and fetchPrivacySettings use). */
const CATEGORIES = Object.freeze({
  lastSeen: 'last',
  online: 'online',
  profilePhoto: 'profile',
  about: 'status',
  groupAdd: 'groupadd',
  readReceipts: 'readreceipts'
})

/** The Baileys call that changes each setting (each sends WhatsApp one <privacy><category name value/> IQ). */
const UPDATES = Object.freeze({
  lastSeen: 'updateLastSeenPrivacy',
  online: 'updateOnlinePrivacy',
  profilePhoto: 'updateProfilePicturePrivacy',
  about: 'updateStatusPrivacy',
  groupAdd: 'updateGroupsAddPrivacy',
  readReceipts: 'updateReadReceiptsPrivacy'
})

const isNotFound = err => err?.output?.statusCode === 404 || /item-not-found/.test(err?.message ?? '')

/** WhatsApp's privacy dictionary (category → value) in wagate's names; a category WhatsApp left out is null. */
export function privacyOf (settings) {
  return Object.fromEntries(Object.entries(CATEGORIES).map(([name, category]) => [name, settings?.[category] ?? null]))
}

function me (sock) {
  if (!sock.user?.id) throw new RpcError(ERRORS.NOT_READY, 'the session is not linked')
  return jidNormalizedUser(sock.user.id)
}

export function profileHandlers () {
  return {
    /** {id, name, about, picture}: the push name Baileys keeps, the about text and picture URL WhatsApp has. */
    'profile.get': async s => {
      const sock = s.socket()
      const jid = me(sock)
      const [status] = (await sock.fetchStatus(jid)) ?? []
      let picture = null
      try {
        picture = (await sock.profilePictureUrl(jid, 'image')) ?? null
      } catch (err) {
        if (!isNotFound(err)) throw err
      }
      return { id: toChatId(jid), name: sock.user.name ?? '', about: status?.status?.status ?? '', picture }
    },
    'profile.setName': async (s, { name }) => {
      if (typeof name !== 'string' || !name) throw new RpcError(ERRORS.INVALID_PARAMS, 'profile.setName needs name')
      await s.socket().updateProfileName(name)
      return null
    },
    'profile.setAbout': async (s, { about }) => {
      if (typeof about !== 'string') throw new RpcError(ERRORS.INVALID_PARAMS, 'profile.setAbout needs about')
      await s.socket().updateProfileStatus(about)
      return null
    },
    'profile.setPicture': async (s, { file }) => {
      if (!file?.path) throw new RpcError(ERRORS.INVALID_PARAMS, 'profile.setPicture needs file.path')
      const sock = s.socket()
      await sock.updateProfilePicture(me(sock), { url: file.path })
      return null
    },
    'profile.removePicture': async s => {
      const sock = s.socket()
      await sock.removeProfilePicture(me(sock))
      return null
    },
    /** Asked of WhatsApp each time (Baileys caches the first answer, which a change from the phone makes stale). */
    'privacy.get': async s => privacyOf(await s.socket().fetchPrivacySettings(true)),
    /** One IQ per setting named, in a fixed order; then the settings as WhatsApp has them. */
    'privacy.set': async (s, changes) => {
      const sock = s.socket()
      for (const [name, update] of Object.entries(UPDATES)) {
        const value = changes?.[name]
        if (value !== undefined && value !== null) await sock[update](value)
      }
      return privacyOf(await sock.fetchPrivacySettings(true))
    }
  }
}
