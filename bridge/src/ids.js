// WhatsApp ids as wagate writes them: people are <digits>@c.us, Baileys says @s.whatsapp.net.

/** A Baileys jid in wagate's form: device suffixes dropped, @s.whatsapp.net read as @c.us. */
export function toChatId (jid) {
  if (!jid) return jid
  const at = jid.indexOf('@')
  if (at < 0) return jid
  let user = jid.slice(0, at)
  const server = jid.slice(at + 1)
  const colon = user.indexOf(':')
  if (colon >= 0 && server !== 'g.us') user = user.slice(0, colon)
  const underscore = user.indexOf('_')
  if (underscore >= 0 && (server === 'lid' || server === 's.whatsapp.net')) user = user.slice(0, underscore)
  return `${user}@${server === 's.whatsapp.net' ? 'c.us' : server}`
}

/** A wagate chat id as Baileys wants it. */
export function toJid (chatId) {
  if (typeof chatId !== 'string' || !chatId.includes('@')) {
    throw new TypeError(`not a chat id: ${chatId}`)
  }
  return chatId.endsWith('@c.us') ? chatId.slice(0, -'@c.us'.length) + '@s.whatsapp.net' : chatId
}

export const isLid = jid => typeof jid === 'string' && jid.endsWith('@lid')
export const isGroup = jid => typeof jid === 'string' && jid.endsWith('@g.us')
export const isPhone = jid => typeof jid === 'string' && (jid.endsWith('@s.whatsapp.net') || jid.endsWith('@c.us'))

/**
 * Resolves a person to a phone id where the LID mapping knows it: returns {id, lid}, id being
 * the phone id when known (else the LID itself), lid the LID when there is one.
 * @param {string} primary what the key says (may be a LID)
 * @param {string} [alt] Baileys' alternative address for it (remoteJidAlt / participantAlt)
 * @param {(lid: string) => Promise<string|null>} [pnForLid] the session's LID → phone lookup
 */
export async function resolvePerson (primary, alt, pnForLid) {
  if (!primary) return { id: primary, lid: undefined }
  if (!isLid(primary)) {
    return { id: toChatId(primary), lid: isLid(alt) ? toChatId(alt) : undefined }
  }
  let phone = isPhone(alt) ? alt : undefined
  if (!phone && pnForLid) {
    try {
      phone = (await pnForLid(primary)) ?? undefined
    } catch {
      phone = undefined
    }
  }
  return { id: toChatId(phone ?? primary), lid: toChatId(primary) }
}
