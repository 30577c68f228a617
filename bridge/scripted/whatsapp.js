// A scripted stand-in for Baileys' socket and the WhatsApp behind it, for Java's tests of the whole
// path (HTTP → Java → RPC → the real bridge code → this socket) without a WhatsApp server. It keeps a
// little state in memory: a group the session owns and one it is a member of, pictures, channels
// (one followable) and their posts. Polls get a secret derived from their id, so that a vote on a
// poll can be made in a later bridge process: a text "!vote <poll id> <option>" makes the contact
// 15550000001 vote on that poll of the chat.
import { createHash, randomBytes } from 'node:crypto'
import { EventEmitter, once } from 'node:events'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { jidNormalizedUser, processSyncAction, proto, USyncQuery } from 'baileys'
import { encryptPollVote } from '../src/pollvote.js'

export const ME = '15550009999@s.whatsapp.net'
export const PEER = '15550000001@s.whatsapp.net'
const OTHER = '15550000002@s.whatsapp.net'
export const OWNED_GROUP = '120363100000000001@g.us'
export const MEMBER_GROUP = '120363100000000002@g.us'
export const PUBLIC_CHANNEL = '120363000000000777@newsletter'

/** A refused IQ as Baileys throws it (assertNodeErrorFree): a Boom whose data is WhatsApp's error code. */
const iqError = (code, text) => Object.assign(new Error(text), { isBoom: true, data: code })
const boom = (statusCode, message) => Object.assign(new Error(message), { output: { statusCode } })
export const pollSecret = id => createHash('sha256').update(`scripted-secret:${id}`).digest()
const now = () => Math.floor(Date.now() / 1000)

const groups = new Map([
  [OWNED_GROUP, { id: OWNED_GROUP, subject: 'Owned', owner: ME, creation: 1700000000, participants: [{ id: ME, admin: 'superadmin' }, { id: PEER, admin: 'admin' }, { id: OTHER, admin: null }] }],
  [MEMBER_GROUP, { id: MEMBER_GROUP, subject: 'Member', owner: PEER, creation: 1700000000, participants: [{ id: PEER, admin: 'superadmin' }, { id: ME, admin: null }] }]
])
// The peer has a profile picture (JPEG's first bytes are all Java looks at) and an about text.
const pictures = new Map([[PEER, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00])]])
const abouts = new Map([[PEER, 'Scripted peer']])
const blocked = new Set()

/** What fetchStatus answers, made by Baileys' own USync parser from WhatsApp's <usync> answer. */
function statusAnswer (jid) {
  const about = abouts.get(jid)
  return new USyncQuery().withStatusProtocol().parseUSyncQueryResult({
    tag: 'iq',
    attrs: { type: 'result' },
    content: [{ tag: 'usync', attrs: {}, content: [{ tag: 'list', attrs: {}, content: [{ tag: 'user', attrs: { jid }, content: [
      { tag: 'status', attrs: { t: '1700000000' }, content: about ? Buffer.from(about) : undefined }
    ] }] }] }]
  }).list
}
const channels = new Map([[PUBLIC_CHANNEL, {
  id: PUBLIC_CHANNEL, name: 'Wagate News', description: 'Scripted', invite: 'PublicInvite1', creation: 1700000000, subscribers: 10, role: 'GUEST',
  posts: [{ serverId: 1, t: 1700000500, message: { conversation: 'welcome' } }]
}]])

let pictureServer
async function pictureUrl (jid) {
  if (!pictureServer) {
    pictureServer = createServer((req, res) => {
      const picture = pictures.get(decodeURIComponent(req.url.slice(1)))
      res.writeHead(picture ? 200 : 404, { 'content-type': 'image/jpeg' })
      res.end(picture)
    })
    pictureServer.listen(0, '127.0.0.1')
    pictureServer.unref()
    await once(pictureServer, 'listening')
  }
  return `http://127.0.0.1:${pictureServer.address().port}/${encodeURIComponent(jid)}`
}

function channelMeta (c) {
  return {
    id: c.id,
    state: { type: 'ACTIVE' },
    thread_metadata: {
      creation_time: String(c.creation), name: { text: c.name }, description: { text: c.description },
      invite: c.invite, subscribers_count: String(c.subscribers), verification: 'UNVERIFIED'
    },
    viewer_metadata: { mute: 'OFF', role: c.role }
  }
}

function content (id, c) {
  if (c.text !== undefined) {
    const preview = c.linkPreview
    return preview
      ? { extendedTextMessage: { text: c.text, matchedText: preview['matched-text'], title: preview.title, description: preview.description, previewType: 0 } }
      : { conversation: c.text }
  }
  if (c.poll) {
    return {
      messageContextInfo: { messageSecret: pollSecret(id) },
      pollCreationMessage: { name: c.poll.name, options: c.poll.values.map(optionName => ({ optionName })), selectableOptionsCount: c.poll.selectableCount }
    }
  }
  if (c.react) return { reactionMessage: c.react }
  if (c.delete) return { protocolMessage: { type: 0, key: c.delete } }
  return { conversation: '' }
}

// The bridge loads this module instead of Baileys' socket when WAGATE_BRIDGE_SCRIPTED_SOCKET names it (see
// src/main.js), as it loads test/scripted-socket.js.
export const makeScriptedSocket = () => scriptedSocket()

export function scriptedSocket () {
  const ev = new EventEmitter()
  const sock = {
    ev,
    user: { id: '15550009999:1@s.whatsapp.net', name: 'Scripted' },
    signalRepository: { lidMapping: { getPNForLID: async () => null } },
    async sendMessage (jid, c, options = {}) {
      // As Baileys does: the id the caller chose (wagate picks its ids before sending), else a new one.
      const id = options.messageId ?? `SCR${randomBytes(6).toString('hex').toUpperCase()}`
      const message = { key: { remoteJid: jid, fromMe: true, id }, message: content(id, c), messageTimestamp: now() }
      const channel = channels.get(jid)
      if (channel) channel.posts.push({ serverId: channel.posts.length + 1, t: now(), message: message.message, id })
      // As Baileys does with emitOwnEvents: the sent message comes back as an upsert.
      if (!c.react && !c.delete) setImmediate(() => ev.emit('messages.upsert', { type: 'append', messages: [message] }))
      const vote = /^!vote (\S+) (.+)$/.exec(c.text ?? '')
      if (vote) setTimeout(() => peerVotes(jid, vote[1], vote[2]), 20)
      return message
    },
    async relayMessage () {},
    async readMessages () {},
    async sendPresenceUpdate () {},
    async presenceSubscribe () {},
    async chatModify () {},
    async rejectCall () {},
    async onWhatsApp (phone) { return [{ jid: `${phone}@s.whatsapp.net`, exists: true }] },
    async groupMetadata (jid) {
      const group = groups.get(jid)
      if (!group) throw boom(404, 'item-not-found')
      return group
    },
    async groupFetchAllParticipating () { return Object.fromEntries(groups) },
    async groupParticipantsUpdate (jid, participants, action) {
      const group = await sock.groupMetadata(jid)
      if (action === 'remove') group.participants = group.participants.filter(p => !participants.includes(p.id))
      return participants.map(p => ({ status: '200', jid: p }))
    },
    async groupLeave (jid) { groups.delete(jid) },
    // Communities: a parent group and its announcement group, made together; groups link to one parent at a time.
    async communityCreate (subject, body) {
      const id = `120363200${String(groups.size).padStart(9, '0')}@g.us`
      const announcement = `120363300${String(groups.size).padStart(9, '0')}@g.us`
      const members = [{ id: ME, admin: 'superadmin' }]
      groups.set(id, { id, subject, desc: body, owner: ME, creation: now(), isCommunity: true, participants: members })
      groups.set(announcement, { id: announcement, subject, owner: ME, creation: now(), isCommunityAnnounce: true, linkedParent: id, announce: true, restrict: true, participants: members })
      return groups.get(id)
    },
    async communityLinkGroup (groupJid, parent) {
      const group = groups.get(groupJid)
      if (!group) throw iqError(404, 'item-not-found')
      if (group.participants.find(p => p.id === ME)?.admin == null) throw iqError(403, 'forbidden')
      if (group.linkedParent) throw iqError(409, 'conflict')
      group.linkedParent = parent
    },
    async communityUnlinkGroup (groupJid, parent) {
      const group = groups.get(groupJid)
      if (group?.linkedParent !== parent || group.isCommunityAnnounce) throw iqError(406, 'not-acceptable')
      delete group.linkedParent
    },
    async communityFetchLinkedGroups (jid) {
      const linked = [...groups.values()].filter(g => g.linkedParent === jid && !g.isCommunityAnnounce)
      return { communityJid: jid, isCommunity: true, linkedGroups: linked.map(g => ({ id: g.id, subject: g.subject })) }
    },
    async profilePictureUrl (jid) {
      if (!pictures.has(jid)) throw boom(404, 'item-not-found')
      return pictureUrl(jid)
    },
    async updateProfilePicture (jid, { url }) { pictures.set(jid, await readFile(url)) },
    async removeProfilePicture (jid) { pictures.delete(jid) },
    async fetchStatus (jid) { return statusAnswer(jid) },
    async updateBlockStatus (jid, action) {
      if (action === 'block') blocked.add(jid)
      else blocked.delete(jid)
    },
    async fetchBlocklist () { return [...blocked] },
    async newsletterCreate (name, description) {
      const id = `1203630${Date.now()}${channels.size}@newsletter`
      const channel = { id, name, description: description ?? '', invite: `Inv${channels.size}`, creation: now(), subscribers: 0, role: 'OWNER', posts: [] }
      channels.set(id, channel)
      return { id, name, description: channel.description, invite: channel.invite, creation_time: channel.creation, subscribers: 0, verification: 'UNVERIFIED', mute_state: 'ON' }
    },
    async newsletterMetadata (type, key) {
      const channel = channels.get(key)
      return channel ? channelMeta(channel) : null
    },
    async newsletterFollow (jid) {
      const channel = channels.get(jid)
      channel.role = 'SUBSCRIBER'
      channel.subscribers++
    },
    async newsletterUnfollow (jid) {
      const channel = channels.get(jid)
      channel.role = 'GUEST'
      channel.subscribers--
    },
    async newsletterDelete (jid) {
      if (channels.get(jid)?.role !== 'OWNER') throw boom(403, 'forbidden')
      channels.delete(jid)
    },
    async newsletterFetchMessages (jid, count) {
      const channel = channels.get(jid)
      if (!channel) throw boom(404, 'item-not-found')
      const posts = channel.posts.slice(-count).map(p => ({
        tag: 'message',
        attrs: { server_id: String(p.serverId), t: String(p.t), ...(p.id ? { message_id: p.id, is_sender: 'true' } : {}) },
        content: [{ tag: 'plaintext', attrs: {}, content: proto.Message.encode(p.message).finish() }]
      }))
      return { tag: 'iq', attrs: {}, content: [{ tag: 'message_updates', attrs: {}, content: [{ tag: 'messages', attrs: { jid }, content: posts }] }] }
    },
    async logout () {},
    async requestPairingCode () { return 'ABCDEFGH' },
    async end (error) {
      ev.emit('connection.update', { connection: 'close', lastDisconnect: { error, date: new Date() } })
    }
  }

  /** The contact votes on the session's poll, encrypted the way Baileys on this side decrypts it. */
  function peerVotes (jid, pollId, option) {
    const vote = encryptPollVote([option], { pollEncKey: pollSecret(pollId), pollCreatorJid: jidNormalizedUser(sock.user.id), pollMsgId: pollId, voterJid: PEER })
    ev.emit('messages.upsert', {
      type: 'notify',
      messages: [{
        key: { remoteJid: jid, fromMe: false, id: `VOTE${randomBytes(4).toString('hex').toUpperCase()}` },
        messageTimestamp: now(),
        message: { pollUpdateMessage: { pollCreationMessageKey: { remoteJid: jid, fromMe: true, id: pollId }, vote, senderTimestampMs: Date.now() } }
      }]
    })
  }

  setImmediate(() => {
    ev.emit('connection.update', { connection: 'open' })
    // The phone's address book syncs the peer, saved by name (Baileys' own handling of a contact app-state action).
    processSyncAction({
      syncAction: { value: proto.SyncActionValue.fromObject({ contactAction: { fullName: 'Peer (saved)' } }) },
      index: ['contact', PEER]
    }, ev, { id: ME })
  })
  return sock
}
