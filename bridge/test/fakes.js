// Test doubles: a scripted Baileys socket (an EventEmitter standing in for sock.ev that records
// every call) and an RPC peer that answers auth requests from memory.
import { EventEmitter } from 'node:events'
import { PassThrough } from 'node:stream'
import { Host } from '../src/host.js'
import { RpcPeer } from '../src/rpc.js'

export class FakeSocket {
  constructor (config) {
    this.config = config
    this.ev = new EventEmitter()
    this.calls = []
    this.user = undefined
    this.answers = {}
    const record = name => async (...args) => {
      this.calls.push([name, ...args])
      const answer = this.answers[name]
      return typeof answer === 'function' ? answer(...args) : answer
    }
    for (const name of ['sendMessage', 'readMessages', 'sendPresenceUpdate', 'presenceSubscribe', 'onWhatsApp',
      'rejectCall', 'chatModify', 'groupCreate', 'groupLeave', 'groupUpdateSubject', 'groupUpdateDescription',
      'groupSettingUpdate', 'groupParticipantsUpdate', 'groupInviteCode', 'groupRevokeInvite', 'groupAcceptInvite',
      'groupMetadata', 'groupFetchAllParticipating', 'logout', 'requestPairingCode', 'updateMediaMessage',
      'relayMessage', 'profilePictureUrl', 'updateProfilePicture', 'removeProfilePicture', 'newsletterCreate',
      'newsletterMetadata', 'newsletterDelete', 'newsletterFollow', 'newsletterUnfollow', 'newsletterFetchMessages']) {
      this[name] = record(name)
    }
    this.signalRepository = { lidMapping: { getPNForLID: async lid => FakeSocket.lids[lid] ?? null } }
  }

  async end (error) {
    this.calls.push(['end', error])
    this.ev.emit('connection.update', { connection: 'close', lastDisconnect: { error, date: new Date() } })
  }

  /** Closes the way Baileys does: a Boom-like error with output.statusCode. */
  closeWith (statusCode, message = 'closed') {
    const error = new Error(message)
    error.output = { statusCode }
    this.ev.emit('connection.update', { connection: 'close', lastDisconnect: { error, date: new Date() } })
  }
}
FakeSocket.lids = {}

export function fakeSockets () {
  const made = []
  const makeSocket = config => {
    const sock = new FakeSocket(config)
    made.push(sock)
    return sock
  }
  return { made, makeSocket, last: () => made[made.length - 1] }
}

export class FakeRpc {
  constructor () {
    this.store = new Map()
    this.calls = []
    this.notes = []
  }

  async request (method, params) {
    this.calls.push([method, params])
    switch (method) {
      case 'auth.creds.load': return { value: this.store.get(`${params.session}:creds`) ?? null }
      case 'auth.creds.save': this.store.set(`${params.session}:creds`, params.value); return null
      case 'auth.keys.get': {
        const values = {}
        for (const id of params.ids) {
          const v = this.store.get(`${params.session}:key:${params.type}:${id}`)
          if (v !== undefined) values[id] = v
        }
        return { values }
      }
      case 'auth.keys.set':
        for (const { type, id, value } of params.items) {
          const k = `${params.session}:key:${type}:${id}`
          if (value === null) this.store.delete(k); else this.store.set(k, value)
        }
        return null
      case 'auth.clear':
        for (const k of [...this.store.keys()]) if (k.startsWith(`${params.session}:`)) this.store.delete(k)
        return null
      case 'poll.secret.save': this.store.set(`${params.session}:poll:${params.id}`, params.value); return null
      case 'poll.secret.get': return { value: this.store.get(`${params.session}:poll:${params.id}`) ?? null }
      case 'channels.seen': return null
      case 'message.content.save': this.store.set(`${params.session}:content:${params.id}`, params.value); return null
      case 'message.content.get': return { value: this.store.get(`${params.session}:content:${params.id}`) ?? null }
      case 'inbox.keep': this.store.set(`${params.session}:inbox:${params.id}`, params.value); return null
      case 'inbox.done': for (const id of params.ids) this.store.delete(`${params.session}:inbox:${id}`); return null
      case 'inbox.list': {
        const prefix = `${params.session}:inbox:`
        const values = {}
        for (const [k, v] of this.store) if (k.startsWith(prefix)) values[k.slice(prefix.length)] = v
        return { values }
      }
      default: throw new Error(`unexpected request ${method}`)
    }
  }

  notify (method, params) {
    this.notes.push([method, params])
  }
}

export const silentLogger = {
  level: 'silent',
  child () { return silentLogger },
  trace () {}, debug () {}, info () {}, warn () {}, error () {}
}

/**
 * A bridge host with a scripted socket, driven through real JSON-RPC lines; its requests to Java
 * (auth state, poll secrets, channels seen) answered from memory by a FakeRpc (b.store).
 */
export async function fakeBridge ({ store = new FakeRpc(), config } = {}) {
  const input = new PassThrough()
  const out = []
  const rpc = new RpcPeer({ input, write: line => out.push(JSON.parse(line)), log: silentLogger })
  rpc.request = (method, params) => store.request(method, params)
  const sockets = fakeSockets()
  const host = new Host({ rpc, makeSocket: sockets.makeSocket, logger: silentLogger, defaults: config })
  let id = 1
  const call = async (method, params) => {
    const n = id++
    input.write(JSON.stringify({ jsonrpc: '2.0', id: n, method, params }) + '\n')
    await until(() => out.some(o => o.id === n))
    return out.find(o => o.id === n)
  }
  await call('session.open', { session: 'ses_1', name: 'default' })
  const sock = sockets.last()
  sock.user = { id: '15550000100:1@s.whatsapp.net', name: 'Me' }
  sock.ev.emit('connection.update', { connection: 'open' })
  await until(() => host.sessions.get('ses_1').status === 'WORKING')
  sock.answers.sendMessage = (jid, content) => ({ key: { remoteJid: jid, fromMe: true, id: 'OUT1' }, messageTimestamp: 1700000000, message: content.text !== undefined ? { conversation: content.text } : {} })
  return { call, sock, out, host, sockets, store }
}

/** Waits until fn() is truthy (no fixed sleeps). */
export async function until (fn, timeoutMs = 2000) {
  const start = Date.now()
  while (!fn()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time')
    await new Promise(resolve => setTimeout(resolve, 2))
  }
}
