// WhatsApp Business labels: app-state patches, as Baileys' addLabel, addChatLabel and removeChatLabel make them
// (each is chatModify with that mod; calling chatModify with the same mod keeps one path for every patch, and its
// refusal before the phone shared its app-state keys). Baileys reports each back as labels.edit and
// labels.association (events.js), as every device of the account hears it.
import { ERRORS, RpcError } from './rpc.js'
import { modify } from './commands.js'
import { toJid } from './ids.js'

/** The phone's platform names a WhatsApp Business app: smba (Android), smbi (iPhone). */
const BUSINESS_PLATFORMS = /^smb/i

/**
 * Labels are a business account's: an account whose phone runs WhatsApp (not WhatsApp Business) is refused,
 * as its apps offer no labels. A session linked before Baileys recorded the platform is let through.
 */
function requireBusiness (session) {
  const platform = session.socket().authState?.creds?.platform
  if (platform && !BUSINESS_PLATFORMS.test(platform)) {
    throw new RpcError(ERRORS.REFUSED, `labels are for WhatsApp Business accounts only (this account's phone runs ${platform})`)
  }
}

function labelId (id) {
  if (id === undefined || id === null || String(id) === '') throw new RpcError(ERRORS.INVALID_PARAMS, 'a label needs its id')
  return String(id)
}

export function labelHandlers () {
  return {
    'label.upsert': async (s, { id, name, color }) => {
      requireBusiness(s)
      await modify(s, { addLabel: { id: labelId(id), name: String(name ?? ''), color: Number(color) || 0, deleted: false } }, '')
      return null
    },
    'label.delete': async (s, { id, name, color }) => {
      requireBusiness(s)
      await modify(s, { addLabel: { id: labelId(id), name: String(name ?? ''), color: Number(color) || 0, deleted: true } }, '')
      return null
    },
    'label.chat': async (s, { chatId, labelId: id, added }) => {
      requireBusiness(s)
      const mod = added ? { addChatLabel: { labelId: labelId(id) } } : { removeChatLabel: { labelId: labelId(id) } }
      await modify(s, mod, toJid(chatId))
      return null
    }
  }
}
