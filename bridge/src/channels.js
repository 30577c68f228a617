// Channels (WhatsApp newsletters): the channel.* commands → Baileys' newsletter* socket functions.
// Baileys 7.0.0-rc14 cannot list the channels an account follows, so Java keeps the ids it learns
// (created, followed, or seen in chats here: see bindChannelEvents) and list asks about each.
import { getBinaryNodeChild, getBinaryNodeChildren, proto } from 'baileys'
import { ERRORS, RpcError } from './rpc.js'
import { toWagateMessage } from './messages.js'

export const INVITE_LINK = 'https://whatsapp.com/channel/'
const ROLES = new Set(['OWNER', 'ADMIN', 'SUBSCRIBER', 'GUEST'])
const FOLLOWING = new Set(['ADMIN', 'SUBSCRIBER'])

const isChannel = id => typeof id === 'string' && id.endsWith('@newsletter')

function requireChannel (id) {
  if (!isChannel(id)) throw new RpcError(ERRORS.INVALID_PARAMS, `not a channel id: ${id}`)
  return id
}

const text = value => (typeof value === 'string' ? value : value?.text) ?? ''
const number = value => Number.parseInt(value ?? 0, 10) || 0

/**
 * A channel as Java's ChannelInfo reads it. Baileys answers in two shapes: newsletterCreate flattens
 * the metadata (name, description, subscribers, creation_time), newsletterMetadata returns WhatsApp's
 * own (thread_metadata with name.text and subscribers_count as a string, viewer_metadata.role).
 */
export function channelOut (meta, role) {
  const thread = meta.thread_metadata ?? {}
  const viewer = meta.viewer_metadata?.role
  const invite = meta.invite ?? thread.invite
  return {
    id: meta.id,
    name: text(meta.name ?? thread.name),
    description: text(meta.description ?? thread.description),
    role: role ?? (ROLES.has(viewer) ? viewer : 'GUEST'),
    subscribers: number(meta.subscribers ?? thread.subscribers_count),
    inviteLink: invite ? INVITE_LINK + invite : null,
    createdAt: number(meta.creation_time ?? thread.creation_time) * 1000
  }
}

/**
 * The posts in a newsletterFetchMessages answer (<message_updates><messages><message server_id t>
 * with a <plaintext> of protobuf bytes, as Baileys' own newsletter notification handler reads one),
 * newest first, in the wagate message shape.
 */
export async function postsOf (result, channelId, ctx) {
  const updates = getBinaryNodeChild(result, 'message_updates')
  const list = getBinaryNodeChild(updates, 'messages')
  const posts = []
  for (const node of getBinaryNodeChildren(list, 'message')) {
    const plaintext = getBinaryNodeChild(node, 'plaintext')
    if (!plaintext?.content || typeof plaintext.content === 'string' || Array.isArray(plaintext.content)) continue
    const message = {
      key: { remoteJid: channelId, fromMe: node.attrs.is_sender === 'true', id: node.attrs.message_id ?? node.attrs.server_id },
      message: proto.Message.decode(plaintext.content),
      messageTimestamp: number(node.attrs.t)
    }
    posts.push({ serverId: number(node.attrs.server_id), post: await toWagateMessage(message, ctx) })
  }
  return posts.sort((a, b) => b.post.timestamp - a.post.timestamp || b.serverId - a.serverId).map(p => p.post)
}

/** The channel's metadata, or NOT_FOUND. */
async function metadata (sock, channelId) {
  const meta = await sock.newsletterMetadata('jid', requireChannel(channelId))
  if (!meta?.id) throw new RpcError(ERRORS.NOT_FOUND, `channel ${channelId} not found`)
  return meta
}

function notOwner (info) {
  if (info.role === 'OWNER') {
    throw new RpcError(ERRORS.CONFLICT, `you own channel ${info.id}; owners neither follow nor unfollow their channel`)
  }
  return info
}

const isNotFound = err => err instanceof RpcError ? err.code === ERRORS.NOT_FOUND : err?.output?.statusCode === 404

/** @param {(session) => object} messageCtx what toWagateMessage needs for this session */
export function channelHandlers (messageCtx) {
  return {
    'channel.create': async (s, { name, description }) =>
      channelOut(await s.socket().newsletterCreate(name, description || undefined), 'OWNER'),
    'channel.get': async (s, { channelId }) => channelOut(await metadata(s.socket(), channelId)),
    /** Each known id as WhatsApp now describes it; the ones WhatsApp no longer has are listed as gone. */
    'channel.list': async (s, { channelIds }) => {
      const sock = s.socket()
      const answers = await Promise.all((channelIds ?? []).map(async id => {
        try {
          return { info: channelOut(await metadata(sock, id)) }
        } catch (err) {
          if (isNotFound(err)) return { gone: id }
          throw err
        }
      }))
      return { channels: answers.filter(a => a.info).map(a => a.info), gone: answers.filter(a => a.gone).map(a => a.gone) }
    },
    'channel.delete': async (s, { channelId }) => {
      await s.socket().newsletterDelete(requireChannel(channelId))
      return null
    },
    'channel.follow': async (s, { channelId }) => {
      const sock = s.socket()
      const info = notOwner(channelOut(await metadata(sock, channelId)))
      if (FOLLOWING.has(info.role)) return info
      await sock.newsletterFollow(info.id)
      return { ...info, role: 'SUBSCRIBER', subscribers: info.subscribers + 1 }
    },
    'channel.unfollow': async (s, { channelId }) => {
      const sock = s.socket()
      const info = notOwner(channelOut(await metadata(sock, channelId)))
      if (FOLLOWING.has(info.role)) await sock.newsletterUnfollow(info.id)
      return null
    },
    'channel.preview': async (s, { channelId, limit }) => {
      const result = await s.socket().newsletterFetchMessages(requireChannel(channelId), limit, undefined, undefined)
      return (await postsOf(result, channelId, messageCtx(s))).slice(0, limit)
    }
  }
}

/**
 * Reports the channel ids a session meets in its chats (history sync, new chats, posts), once each
 * per bridge run, so that listing the session's channels knows of channels followed on the phone.
 * @param {object} ev Baileys' sock.ev
 * @param {(ids: string[]) => void} report
 */
export function bindChannelEvents (ev, report, seen = new Set()) {
  const note = ids => {
    const fresh = [...new Set(ids.filter(id => isChannel(id) && !seen.has(id)))]
    if (!fresh.length) return
    fresh.forEach(id => seen.add(id))
    report(fresh)
  }
  ev.on('chats.upsert', chats => note((chats ?? []).map(c => c.id)))
  ev.on('messaging-history.set', ({ chats }) => note((chats ?? []).map(c => c.id)))
  ev.on('messages.upsert', ({ messages }) => note((messages ?? []).map(m => m.key?.remoteJid)))
}
