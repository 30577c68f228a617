// Statuses (stories): the status.* commands → Baileys' sendMessage to status@broadcast, which relays a
// status to the recipients named in statusJidList (messages-send.js relayMessage) and deletes one the same way.
import { STORIES_JID } from 'baileys'
import { ERRORS, RpcError } from './rpc.js'
import { toJid } from './ids.js'
import { audioWaveform } from './waveform.js'

const recipientsOf = recipients => {
  if (!Array.isArray(recipients) || recipients.length === 0) {
    throw new RpcError(ERRORS.INVALID_PARAMS, 'a status needs recipients')
  }
  return recipients.map(toJid)
}

/** The AnyMessageContent and the options (background, font) of a wagate status post (StatusOperations.Post). */
export function statusContent (post) {
  const file = () => {
    if (!post.file?.path) throw new RpcError(ERRORS.INVALID_PARAMS, `a ${post.kind} status needs file.path`)
    return { url: post.file.path }
  }
  switch (post?.kind) {
    case 'text':
      // linkPreview null: Baileys would fetch the page itself otherwise.
      return { content: { text: post.text ?? '', linkPreview: null }, options: { backgroundColor: post.backgroundColor, font: Number(post.font) || 0 } }
    case 'image':
      return { content: { image: file(), caption: post.caption ?? '', mimetype: post.file.mimetype }, options: {} }
    case 'video':
      return { content: { video: file(), caption: post.caption ?? '', mimetype: post.file.mimetype }, options: {} }
    case 'voice':
      return { content: { audio: file(), mimetype: 'audio/ogg; codecs=opus', ptt: true }, options: { backgroundColor: post.backgroundColor } }
    default:
      throw new RpcError(ERRORS.INVALID_PARAMS, `unknown status kind ${post?.kind}`)
  }
}

/** @param toWagate maps what sendMessage returned to the wagate message shape (as for message.send) */
export function statusHandlers (toWagate) {
  return {
    'status.post': async (s, { post, recipients, id }) => {
      const statusJidList = recipientsOf(recipients)
      const { content, options } = statusContent(post)
      if (content.ptt) {
        const waveform = await audioWaveform(post.file.path, { logger: s.logger })
        if (waveform) content.waveform = waveform
      }
      const sent = await s.socket().sendMessage(STORIES_JID, content, {
        ...options,
        ...(id ? { messageId: id } : {}),
        statusJidList,
        broadcast: true
      })
      if (!sent) throw new RpcError(ERRORS.INTERNAL, 'Baileys sent nothing')
      await s.rememberSent(sent)
      return toWagate(sent, s)
    },
    'status.delete': async (s, { id, recipients }) => {
      if (typeof id !== 'string' || !id) throw new RpcError(ERRORS.INVALID_PARAMS, 'status.delete needs id')
      await s.socket().sendMessage(STORIES_JID, { delete: { remoteJid: STORIES_JID, fromMe: true, id } },
        { statusJidList: recipientsOf(recipients), broadcast: true })
      return null
    }
  }
}
