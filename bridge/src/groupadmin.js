// Group pictures and group deletion: the group.picture*, group.delete commands → Baileys calls.
import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { getHttpStream, jidNormalizedUser } from 'baileys'
import { ERRORS, RpcError } from './rpc.js'
import { toChatId, toJid } from './ids.js'

/** WhatsApp's profile pictures are small JPEGs; anything far larger is not one. */
export const MAX_PICTURE_BYTES = 10 * 1024 * 1024

const isNotFound = err => err?.output?.statusCode === 404 || /item-not-found/.test(err?.message ?? '')

/** Stops a download past {@code max} bytes. */
function capped (max) {
  let total = 0
  return new Transform({
    transform (chunk, _encoding, done) {
      total += chunk.length
      done(total > max ? new RpcError(ERRORS.INVALID, `the picture is larger than ${max} bytes`) : null, chunk)
    }
  })
}

/**
 * Downloads a picture WhatsApp linked to into the session's media directory: media crosses to Java
 * as a file, and Java deletes it once read.
 */
export async function downloadPicture (session, url) {
  if (!session.config.mediaDir) throw new RpcError(ERRORS.INTERNAL, 'the bridge has no media directory')
  const dir = join(session.config.mediaDir, session.id.replace(/[^A-Za-z0-9_-]/g, '_'))
  await mkdir(dir, { recursive: true })
  const path = join(dir, `picture-${randomBytes(8).toString('hex')}.jpg`)
  try {
    await pipeline(await getHttpStream(url), capped(MAX_PICTURE_BYTES), createWriteStream(path))
  } catch (err) {
    await rm(path, { force: true })
    throw err
  }
  return { path, size: (await stat(path)).size }
}

/** Whether a group participant is the session's own account (by phone number or LID). */
function isMe (participant, user) {
  const mine = [user.id, user.lid].filter(Boolean).map(jidNormalizedUser)
  return [participant.id, participant.phoneNumber, participant.lid].filter(Boolean).map(jidNormalizedUser)
    .some(jid => mine.includes(jid))
}

export function groupAdminHandlers () {
  return {
    /** {found: false}, or the picture as a file: {found: true, path, size}. */
    'group.picture': async (s, { groupId }) => {
      let url
      try {
        url = await s.socket().profilePictureUrl(toJid(groupId), 'image')
      } catch (err) {
        if (isNotFound(err)) return { found: false }
        throw err
      }
      if (!url) return { found: false }
      return { found: true, ...await downloadPicture(s, url) }
    },
    'group.setPicture': async (s, { groupId, file }) => {
      if (!file?.path) throw new RpcError(ERRORS.INVALID_PARAMS, 'group.setPicture needs file.path')
      await s.socket().updateProfilePicture(toJid(groupId), { url: file.path })
      return null
    },
    'group.removePicture': async (s, { groupId }) => {
      await s.socket().removeProfilePicture(toJid(groupId))
      return null
    },
    /**
     * WhatsApp has no call that deletes a group: its apps let the owner remove every other member and
     * then leave, which is what this does. Only the owner (the superadmin) may; when a removal fails
     * the session stays in the group, so the delete can be tried again.
     */
    'group.delete': async (s, { groupId }) => {
      const sock = s.socket()
      const jid = toJid(groupId)
      const group = await sock.groupMetadata(jid)
      const me = (group.participants ?? []).find(p => isMe(p, sock.user))
      if (me?.admin !== 'superadmin') {
        throw new RpcError(ERRORS.REFUSED, `only the owner of group ${groupId} can delete it`)
      }
      const others = group.participants.filter(p => p !== me).map(p => p.id)
      if (others.length) {
        const results = await sock.groupParticipantsUpdate(jid, others, 'remove')
        const failed = results.filter(r => String(r.status) !== '200')
        if (failed.length) {
          throw new RpcError(ERRORS.CONFLICT, `group ${groupId} was not deleted: WhatsApp did not remove ` +
            failed.map(r => `${toChatId(r.jid)} (${r.status})`).join(', ') + '; you are still in the group')
        }
      }
      await sock.groupLeave(jid)
      return { removed: others.length }
    }
  }
}
