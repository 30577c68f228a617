// Received media is not fetched as it arrives: a message carries a "ref", the few fields Baileys needs to
// download and decrypt the file later (its key, url/directPath and mediaKey), which Java stores with the
// message and hands back when a client asks for the file.
import { createWriteStream } from 'node:fs'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { downloadMediaMessage, extensionForMediaMessage, toNumber } from 'baileys'
import { deserialize, serialize } from './auth.js'
import { ERRORS, RpcError } from './rpc.js'

/** What downloadMediaMessage and updateMediaMessage read of a media message; thumbnails and context stay out. */
const DOWNLOAD_FIELDS = ['url', 'directPath', 'mediaKey', 'mimetype', 'fileEncSha256', 'fileSha256', 'fileLength',
  'mediaKeyTimestamp']
/** The CDN's answers for media it no longer holds: the phone is asked to upload it again. */
const REUPLOAD_STATUSES = [404, 410]
const VIEW_ONCE_WRAPPERS = ['viewOnceMessage', 'viewOnceMessageV2', 'viewOnceMessageV2Extension']

/**
 * The wagate media of a received media message: {mimetype, filename, size, ref, viewOnce?, gif?}.
 * @param {object} message the WAMessage
 * @param {string} contentType e.g. 'imageMessage' (wrappers already removed)
 * @param {object} inner the media message itself
 */
export function mediaOf (message, contentType, inner) {
  const mimetype = inner.mimetype || 'application/octet-stream'
  const ext = inner.mimetype ? extensionForMediaMessage({ [contentType]: inner }) : 'bin'
  const download = {}
  for (const field of DOWNLOAD_FIELDS) {
    if (inner[field] !== undefined && inner[field] !== null) {
      download[field] = field === 'fileLength' || field === 'mediaKeyTimestamp' ? toNumber(inner[field]) : inner[field]
    }
  }
  const out = {
    mimetype,
    filename: inner.fileName || `${message.key.id}.${ext || 'bin'}`,
    size: toNumber(inner.fileLength ?? 0),
    ref: serialize({ key: message.key, message: { [contentType]: download } })
  }
  const raw = message.message ?? {}
  if (inner.viewOnce || VIEW_ONCE_WRAPPERS.some(w => raw[w])) out.viewOnce = true
  if (contentType === 'videoMessage' && inner.gifPlayback) out.gif = true
  return out
}

const statusOf = err => err?.output?.statusCode ?? err?.status

/**
 * Downloads and decrypts the media a ref names into {@code dir}; when WhatsApp's CDN no longer has it,
 * asks the phone to upload it again (sock.updateMediaMessage) and downloads that. Baileys' own
 * reuploadRequest path is not used: rc14 looks for error.status, which its Boom errors do not have
 * (WhiskeySockets/Baileys#2767), so a 404/410 never reaches it.
 * @returns {Promise<{path: string, size: number, ref?: string}>} ref: the updated ref after a re-upload
 */
export async function downloadMedia ({ ref, dir, sock, dispatcher, logger }) {
  let message
  try {
    message = deserialize(ref)
  } catch {
    throw new RpcError(ERRORS.INVALID_PARAMS, 'ref is not a media reference of this bridge')
  }
  if (!message?.key?.id || !message.message) throw new RpcError(ERRORS.INVALID_PARAMS, 'ref names no media message')
  let reuploaded = false
  let stream
  try {
    stream = await downloadMediaMessage(message, 'stream', { options: { dispatcher } })
  } catch (err) {
    if (!REUPLOAD_STATUSES.includes(statusOf(err))) throw downloadError(err)
    if (!sock?.updateMediaMessage) {
      throw new RpcError(ERRORS.NOT_READY, 'the media expired on WhatsApp\'s servers; the session must be connected to ask the phone for it again')
    }
    logger?.info({ id: message.key.id }, 'media expired on the CDN: asking the phone to upload it again')
    try {
      message = await sock.updateMediaMessage(message)
      stream = await downloadMediaMessage(message, 'stream', { options: { dispatcher } })
    } catch (again) {
      throw downloadError(again)
    }
    reuploaded = true
  }
  await mkdir(dir, { recursive: true })
  const name = String(message.key.id).replace(/[^A-Za-z0-9_-]/g, '_')
  const partial = join(dir, `${name}.${process.pid}.${Date.now()}.part`)
  const path = partial.slice(0, -'.part'.length)
  try {
    await pipeline(stream, createWriteStream(partial))
    await rename(partial, path)
  } catch (err) {
    await rm(partial, { force: true })
    throw downloadError(err)
  }
  const { size } = await stat(path)
  return reuploaded ? { path, size, ref: serialize({ key: message.key, message: message.message }) } : { path, size }
}

function downloadError (err) {
  if (err instanceof RpcError) return err
  const status = statusOf(err)
  if (REUPLOAD_STATUSES.includes(status)) {
    return new RpcError(ERRORS.NOT_FOUND, `the media is gone from WhatsApp and the phone did not upload it again (${status})`)
  }
  // fetch() fails with a TypeError whose cause carries the socket's error code.
  const network = err?.cause?.code ?? err?.code
  if (status === undefined && typeof network === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(network)) {
    return new RpcError(ERRORS.UNAVAILABLE, `WhatsApp's media servers could not be reached (${network})`)
  }
  return new RpcError(ERRORS.INTERNAL, `the media could not be downloaded: ${err?.message ?? err}${status ? ` (${status})` : ''}`)
}
