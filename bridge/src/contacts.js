// Contacts: what Baileys learns of people (contacts.upsert from the address book's app state and history
// sync, contacts.update from push names on messages, messaging-history.set's contacts) → 'contacts' events;
// the contact.* commands → profilePictureUrl, fetchStatus, updateBlockStatus and fetchBlocklist.
import { isLidUser, isPnUser, jidNormalizedUser } from 'baileys'
import { ERRORS, RpcError } from './rpc.js'
import { toChatId, toJid } from './ids.js'

/** A picture larger than this is no profile picture (WhatsApp's are a few hundred kB at most). */
export const MAX_PICTURE_BYTES = 5 * 1024 * 1024

/**
 * A Baileys Contact ({id, lid?, phoneNumber?, name?, notify?, verifiedName?}) as wagate's: {id, name?,
 * pushName?, lid?}, id the phone-number id where known (from the contact, or the LID mapping), else the LID.
 * Null for what is no person (groups, channels, broadcasts) and for reports that tell nothing of the person
 * (a picture change only).
 */
export async function contactOut (contact, pnForLid) {
  if (!contact?.id) return null
  const id = jidNormalizedUser(contact.id)
  const lid = isLidUser(id) ? id : contact.lid && isLidUser(contact.lid) ? jidNormalizedUser(contact.lid) : undefined
  let pn = isPnUser(id) ? id : contact.phoneNumber && isPnUser(contact.phoneNumber) ? jidNormalizedUser(contact.phoneNumber) : undefined
  if (!pn && lid && pnForLid) pn = (await pnForLid(lid).catch(() => null)) ?? undefined
  const primary = pn ? jidNormalizedUser(pn) : lid
  if (!primary) return null
  const out = { id: toChatId(primary) }
  if (contact.name) out.name = contact.name
  const push = contact.notify || contact.verifiedName
  if (push) out.pushName = push
  if (lid) out.lid = toChatId(lid)
  return out.name || out.pushName || out.lid ? out : null
}

/**
 * Emits {type: 'contacts', contacts} for what Baileys reports of people on this emitter, in its order.
 * @param {object} ev Baileys' sock.ev
 * @param {(event: object) => void} emit
 * @param {(lid: string) => Promise<string|null>} [pnForLid]
 * @param {{warn: Function}} [log]
 */
export function bindContactEvents (ev, emit, pnForLid, log) {
  let queue = Promise.resolve()
  const report = list => {
    queue = queue.then(async () => {
      const contacts = []
      for (const contact of list ?? []) {
        const out = await contactOut(contact, pnForLid)
        if (out) contacts.push(out)
      }
      if (contacts.length) emit({ type: 'contacts', contacts })
    }).catch(err => log?.warn({ err }, 'could not map contacts'))
  }
  ev.on('contacts.upsert', report)
  ev.on('contacts.update', report)
  ev.on('messaging-history.set', ({ contacts }) => report(contacts))
}

/** A person's jid for a command: <number>@s.whatsapp.net or <id>@lid. */
function personJid (contactId) {
  const jid = toJid(contactId)
  if (!isPnUser(jid) && !isLidUser(jid)) throw new RpcError(ERRORS.INVALID_PARAMS, `not a person: ${contactId}`)
  return jid
}

/** WhatsApp's "none" for a picture: item-not-found (404), or not-authorized (401) when privacy hides it. */
const noPicture = err => err?.isBoom && (err.data === 404 || err.data === 401 || err.output?.statusCode === 404)

/** The blocked jids as wagate ids: phone-number ids where the LID mapping knows them. */
async function blockedIds (jids, pnForLid) {
  const out = []
  for (const jid of jids ?? []) {
    const pn = isLidUser(jid) && pnForLid ? await pnForLid(jid).catch(() => null) : null
    out.push(toChatId(pn ? jidNormalizedUser(pn) : jid))
  }
  return out
}

export function contactHandlers () {
  return {
    'contact.picture': async (s, { contactId }) => {
      try {
        return { url: (await s.socket().profilePictureUrl(personJid(contactId), 'image')) ?? null }
      } catch (err) {
        if (noPicture(err)) return { url: null }
        throw err
      }
    },
    'contact.picture.download': async (s, { url }) => {
      if (!/^https?:\/\//.test(url ?? '')) throw new RpcError(ERRORS.INVALID_PARAMS, `not a picture URL: ${url}`)
      // Through the session's proxy, as its WebSocket and media go.
      const response = await fetch(url, { dispatcher: s.proxy?.dispatcher, signal: AbortSignal.timeout(30_000) })
      if (response.status === 404) throw new RpcError(ERRORS.NOT_FOUND, 'the picture is gone')
      if (!response.ok) throw new RpcError(ERRORS.UNAVAILABLE, `the picture's server answered ${response.status}`)
      const bytes = Buffer.from(await response.arrayBuffer())
      if (bytes.length > MAX_PICTURE_BYTES) throw new RpcError(ERRORS.INVALID, 'the picture is larger than a profile picture can be')
      return { data: bytes.toString('base64') }
    },
    'contact.about': async (s, { contactId }) => {
      const [found] = (await s.socket().fetchStatus(personJid(contactId))) ?? []
      const status = found?.status
      return status?.status ? { text: status.status, setAt: status.setAt?.getTime?.() || null } : { text: null }
    },
    'contact.block': async (s, { contactId, blocked }) => {
      await s.socket().updateBlockStatus(personJid(contactId), blocked ? 'block' : 'unblock')
      return {}
    },
    'contact.blocklist': async s => ({
      ids: await blockedIds(await s.socket().fetchBlocklist(), lid => s.pnForLid?.(lid))
    })
  }
}
