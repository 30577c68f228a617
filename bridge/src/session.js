// One wagate session on one Baileys socket: connecting, QR, pairing, reconnects, closing.
import { join } from 'node:path'
import { DEFAULT_CONNECTION_CONFIG, DisconnectReason, isJidStatusBroadcast, isLidUser, isPnUser, jidNormalizedUser, makeCacheableSignalKeyStore, WAMessageStatus } from 'baileys'
import { GroupCache, lidPairs } from './groupcache.js'
import { resetUnfinishedPairing, rpcAuthState } from './auth.js'
import { bindEvents } from './events.js'
import { Inbox } from './inbox.js'
import { durableEncryption } from './sent-keys.js'
import { bindChannelEvents } from './channels.js'
import { bindContactEvents } from './contacts.js'
import { toChatId } from './ids.js'
import { downloadMedia } from './media.js'
import { bindPollHistory, PollStore } from './polls.js'
import { MessageContents } from './contents.js'
import { proxyAgents } from './proxy.js'
import { askRestrictions, bindRestrictions, timelockOnRefusal } from './restrictions.js'
import { ERRORS, RpcError } from './rpc.js'

const isOneToOne = jid => Boolean(isPnUser(jid) || isLidUser(jid))
const QR_ATTEMPTS_ENDED = 'QR refs attempts ended'
const RECENT_LIMIT = 2000
/** How long a send waits for WhatsApp's server ack before it is answered as PENDING. */
export const SERVER_ACK_WAIT_MS = 5000

/**
 * What a close of the socket means: FAILED for good (clearAuth where WhatsApp dropped the device), an
 * immediate reconnect, or a reconnect after backoff. WhatsApp refuses a login with <failure reason="…">,
 * which Baileys turns into a close whose status is that reason (Socket/socket.js 'CB:failure'); the
 * codes other than Baileys' DisconnectReason are WhatsApp's as whatsmeow names them.
 */
export function closeVerdict (error, { version = DEFAULT_CONNECTION_CONFIG.version } = {}) {
  const code = error?.output?.statusCode
  const message = error?.message ?? 'connection closed'
  switch (code) {
    case 402:
      return { action: 'fail', clearAuth: false, reason: `WhatsApp has banned this account for a while (402); start the session again once the ban is over` }
    case 405:
      return {
        action: 'fail',
        clearAuth: false,
        reason: `WhatsApp refused the client version ${version.join('.')} as outdated (405): update wagate, or set WAGATE_WA_VERSION to the version WhatsApp Web uses now (or let WAGATE_WA_VERSION_URL reach it), then start the session again`
      }
    case 406:
      return { action: 'fail', clearAuth: true, reason: `WhatsApp logged this device out (banned or unknown reason) (406); link it again` }
    case 409:
      return { action: 'fail', clearAuth: false, reason: `WhatsApp refused this client's identification (bad user agent) (409): update wagate` }
    case DisconnectReason.loggedOut:
      return { action: 'fail', clearAuth: true, reason: `logged out: the device was unlinked on the phone (${code})` }
    case DisconnectReason.forbidden:
      return { action: 'fail', clearAuth: true, reason: `WhatsApp refused the account (banned or restricted) (${code})` }
    case DisconnectReason.connectionReplaced:
      return { action: 'fail', clearAuth: false, reason: `replaced: another client opened this session elsewhere (${code})` }
    case DisconnectReason.multideviceMismatch:
      return { action: 'fail', clearAuth: true, reason: `WhatsApp refused this kind of linked device (${code})` }
    case DisconnectReason.restartRequired:
      return { action: 'restart', reason: `WhatsApp asked for a restart (${code})` }
    default:
      if (message === QR_ATTEMPTS_ENDED) {
        return { action: 'fail', clearAuth: false, reason: 'the QR code was not scanned in time: QR attempts ran out' }
      }
      return { action: 'backoff', reason: `${message}${code ? ` (${code})` : ''}` }
  }
}

/** Exponential 1 s … 60 s (by default) with up to 25 % jitter on top, never above the cap. */
export function backoffDelay (attempt, { minMs = 1000, maxMs = 60000 } = {}, random = Math.random) {
  const base = Math.min(maxMs, minMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(Math.min(maxMs, base * (1 + 0.25 * random())))
}

/**
 * What Baileys is to drop (acked, unread) before handling it: status broadcasts (stories rather than chats),
 * unless the session opted in to others' statuses (config.statuses).
 */
export const ignoredJid = (jid, { statuses = false } = {}) => !statuses && isJidStatusBroadcast(jid)

export class Session {
  /**
   * @param {object} opts
   * @param {string} opts.id the wagate session id (auth state is kept under it)
   * @param {string} opts.name for logs
   * @param {import('./rpc.js').RpcPeer} opts.rpc
   * @param {(event: object) => void} opts.emit sends one wagate event of this session to Java
   * @param {Function} opts.makeSocket Baileys' makeWASocket, or a fake in tests
   * @param {object} opts.logger a pino-like logger (never stdout)
   * @param {object} [opts.config] {wsUrl, waVersion: [2, 3000, n], backoff: {minMs, maxMs}, qrTimeoutMs, mediaDir, browser, keepAliveMs, proxy}
   */
  constructor ({ id, name, rpc, emit, makeSocket, logger, config = {}, random = Math.random }) {
    Object.assign(this, { id, name, rpc, emit, makeSocket, logger, config, random })
    this.sock = undefined
    this.auth = undefined
    this.status = 'STOPPED'
    this.running = false
    this.attempt = 0
    this.timer = undefined
    this.saving = Promise.resolve()
    this.polls = this.newPollStore()
    this.recent = new Map()
    this.contents = new MessageContents({ rpc, session: id, log: logger.child({ session: name }) })
    this.ephemeral = new Map()
    /** Sends waiting for WhatsApp's server ack: message id → done(acked). */
    this.serverAcks = new Map()
  }

  /** Starts connecting (idempotent); progress is reported as status events. */
  async open () {
    if (this.running) return
    // Made once (a bad URL fails the open with its reason): every connection and fetch goes through it.
    if (this.config.proxy && !this.proxy) this.proxy = await proxyAgents(this.config.proxy)
    this.running = true
    this.status = 'STARTING'
    this.attempt = 0
    try {
      await this.connect()
    } catch (err) {
      this.running = false
      this.status = 'STOPPED'
      throw err
    }
  }

  async connect () {
    if (!this.running) return
    if (!this.auth) {
      this.auth = await rpcAuthState(this.rpc, this.id)
      // Fresh identity keys are stored at once, so a reconnect or a new bridge shows the same device.
      if (this.auth.isNew) await this.auth.saveCreds()
    }
    if (!this.inbox) {
      const inbox = new Inbox({ rpc: this.rpc, session: this.id, write: this.auth.write, log: this.logger.child({ session: this.name }) })
      await inbox.load()
      this.inbox = inbox
    }
    const inbox = this.inbox
    const { state, saveCreds } = this.auth
    const logger = this.logger.child({ session: this.name })
    const keys = makeCacheableSignalKeyStore(state.keys, logger)
    const socketConfig = {
      auth: { creds: state.creds, keys },
      logger,
      markOnlineOnConnect: false,
      syncFullHistory: false,
      // Retry receipts and event responses ask for messages sent or received before, a restart ago too.
      getMessage: key => this.contents.get(key),
      shouldIgnoreJid: jid => ignoredJid(jid, { statuses: Boolean(this.config.statuses) }),
      cachedGroupMetadata: jid => groupMetadata(jid),
      // Decrypted messages are stored before their key state (inbox.js); a sent one's key state before it
      // leaves (sent-keys.js).
      makeSignalRepository: durableEncryption(inbox.repository(), keys)
    }
    if (this.config.wsUrl) socketConfig.waWebSocketUrl = this.config.wsUrl
    socketConfig.version = this.version()
    if (this.config.qrTimeoutMs) socketConfig.qrTimeout = this.config.qrTimeoutMs
    if (this.config.browser) socketConfig.browser = this.config.browser
    if (this.config.keepAliveMs) socketConfig.keepAliveIntervalMs = this.config.keepAliveMs
    if (this.proxy) {
      socketConfig.agent = this.proxy.agent
      socketConfig.fetchAgent = this.proxy.agent
      socketConfig.options = { dispatcher: this.proxy.dispatcher }
    }
    const sock = this.makeSocket(socketConfig)
    this.sock = sock
    inbox.watch(sock.ws)
    // Baileys listens for a refused WebSocket upgrade (an HTTP answer instead of 101) without acting on it,
    // which leaves the socket waiting out its connect timeout; end it at once, saying what WhatsApp answered.
    // WhatsApp's error ack of a send goes into Baileys' event buffer, which rc14 can leave open after its own
    // report of the send (a flush timer that found nothing buffered is never rearmed) until another stanza
    // arrives or 30 s pass. Baileys' handler has emitted the error by now (it runs first): release it (merged
    // into the send's own report, if that is still buffered: events.js reports it from there).
    // A 463 is most often the reach-out timelock: asked for, so the next new chat is refused before it is sent.
    const refused = timelockOnRefusal(sock, this.logger.child({ session: this.name }))
    sock.ws?.on?.('CB:ack,class:message', node => {
      if (node?.attrs?.error) sock.ev.flush()
      if (node?.attrs?.error === '463') refused()
      this.serverAcks.get(node?.attrs?.id)?.(!node.attrs.error)
    })
    // (A socket without WhatsApp's acks, a scripted one, reports them as statuses only.)
    sock.ev.on('messages.update', updates => {
      for (const { key, update } of updates ?? []) {
        const status = update?.status
        if (!key?.fromMe || typeof status !== 'number') continue
        if (status === WAMessageStatus.ERROR) this.serverAcks.get(key.id)?.(false)
        else if (status >= WAMessageStatus.SERVER_ACK) this.serverAcks.get(key.id)?.(true)
      }
    })
    // (Closing a connecting ws aborts its request.)
    sock.ws?.on?.('unexpected-response', (request, response) => {
      void sock.end(new Error(`WhatsApp refused the WebSocket upgrade (HTTP ${response.statusCode})`))
    })
    const learnLids = group => {
      const pairs = lidPairs(group)
      if (!pairs.length) return
      Promise.resolve(sock.signalRepository?.lidMapping?.storeLIDPNMappings(pairs))
        .catch(err => logger.warn({ err }, 'could not store the LID mappings of a group'))
    }
    const groupMetadata = new GroupCache({ onSnapshot: learnLids }).bind(sock.ev).lookup(jid => sock.groupMetadata(jid))
    sock.ev.on('creds.update', () => this.queueCredsSave(saveCreds))
    sock.ev.on('connection.update', update => {
      if (this.sock === sock) void this.onConnectionUpdate(sock, update)
    })
    bindEvents(sock.ev, {
      me: () => this.me()?.id,
      meLid: () => this.me()?.lid,
      meJid: () => sock.user?.id ?? state.creds.me?.id,
      emit: event => {
        inbox.reporting(event)
        this.emit(event)
      },
      reported: id => inbox.reported(id),
      pnForLid: lid => this.pnForLid(lid, sock),
      lidForPn: pn => this.lidForPn(pn, sock),
      meLidJid: () => sock.user?.lid ?? state.creds.me?.lid,
      sentByApi: id => this.recent.has(id),
      polls: this.polls,
      contents: this.contents,
      log: logger
    })
    bindPollHistory(sock.ev, this.polls)
    bindRestrictions(sock.ev, this.emit)
    bindContactEvents(sock.ev, this.emit, lid => this.pnForLid(lid, sock), logger)
    // Disappearing-message timers of 1:1 chats, as Baileys reports them on chats (process-message.js
    // EPHEMERAL_SETTING, history sync); kept in memory, so learnt again after a bridge restart.
    const noteEphemeral = chats => {
      for (const chat of chats ?? []) {
        if (!chat?.id || !('ephemeralExpiration' in chat) || !isOneToOne(chat.id)) continue
        if (chat.ephemeralExpiration) this.ephemeral.set(jidNormalizedUser(chat.id), chat.ephemeralExpiration)
        else this.ephemeral.delete(jidNormalizedUser(chat.id))
      }
    }
    sock.ev.on('chats.upsert', noteEphemeral)
    sock.ev.on('chats.update', noteEphemeral)
    sock.ev.on('messaging-history.set', ({ chats }) => noteEphemeral(chats))
    bindChannelEvents(sock.ev, ids => {
      this.rpc.request('channels.seen', { session: this.id, ids }).catch(err => logger.warn({ err }, 'could not note channels'))
    })
  }

  /** The disappearing-message timer (seconds) of a 1:1 chat, when it has one. */
  ephemeralFor (jid) {
    return isOneToOne(jid) ? this.ephemeral.get(jidNormalizedUser(jid)) : undefined
  }

  /**
   * One credentials save at a time, in order: the last one written is the newest state. A method, not a closure
   * made in connect(): such a closure kept connect()'s scope, and with it every closed socket of a session
   * waiting to reconnect (bench/bridge: ~0.15 MB of heap per session).
   */
  queueCredsSave (saveCreds) {
    this.saving = this.saving.then(saveCreds).catch(err => this.logger.error({ err, session: this.name }, 'could not save credentials'))
  }

  /** The WhatsApp Web version sent at login: the one Java passed (announced, cached or pinned), else Baileys' own. */
  version () {
    const given = this.config.waVersion
    return Array.isArray(given) && given.length === 3 && given.every(Number.isSafeInteger) ? given : DEFAULT_CONNECTION_CONFIG.version
  }

  /** The phone-number jid Baileys' LID mapping store has for a LID, or null. */
  async pnForLid (lid, sock = this.sock) {
    return (await sock?.signalRepository?.lidMapping?.getPNForLID(lid)) ?? null
  }

  /** The LID jid Baileys' LID mapping store has (or learns by a usync query) for a phone-number jid, or null. */
  async lidForPn (pn, sock = this.sock) {
    try {
      return (await sock?.signalRepository?.lidMapping?.getLIDForPN?.(pn)) ?? null
    } catch {
      return null
    }
  }

  me () {
    const user = this.sock?.user ?? this.auth?.state.creds.me
    if (!user?.id) return undefined
    return { id: toChatId(user.id), pushName: user.name ?? user.notify ?? '', lid: user.lid ? toChatId(user.lid) : undefined }
  }

  setStatus (status, extra = {}) {
    if (status === this.status && status !== 'SCAN_QR_CODE') return
    this.status = status
    this.emit({ type: 'status', status, ...extra })
  }

  async onConnectionUpdate (sock, { connection, qr, lastDisconnect }) {
    if (qr) {
      this.emit({ type: 'qr', value: qr })
      this.setStatus('SCAN_QR_CODE')
    }
    if (connection === 'connecting' && this.status !== 'STARTING' && this.status !== 'SCAN_QR_CODE') {
      this.setStatus('STARTING')
    }
    if (connection === 'open') {
      this.attempt = 0
      const me = this.me()
      this.setStatus('WORKING', me ? { me } : {})
      // What an earlier bridge decrypted (and WhatsApp may not send again) but never reported.
      this.inbox?.replay(sock.ws)
      if (typeof sock.fetchAccountReachoutTimelock === 'function') {
        void askRestrictions(sock, event => { if (this.sock === sock) this.emit(event) }, this.logger.child({ session: this.name }))
      }
    }
    if (connection === 'close') {
      this.sock = undefined
      // A pairing code asked for but not typed in: the next connect registers again (a new QR or code).
      if (this.auth && resetUnfinishedPairing(this.auth.state.creds)) this.queueCredsSave(this.auth.saveCreds)
      if (!this.running) return
      const verdict = closeVerdict(lastDisconnect?.error, { version: this.version() })
      if (verdict.action === 'fail') {
        this.running = false
        if (verdict.clearAuth) {
          await this.saving
          await this.auth.clear().catch(err => this.logger.error({ err, session: this.name }, 'could not clear auth state'))
          this.auth = undefined
          this.inbox = undefined
          this.polls = this.newPollStore()
        }
        this.setStatus('FAILED', { reason: verdict.reason, authCleared: Boolean(verdict.clearAuth) })
      } else if (verdict.action === 'restart') {
        this.emit({ type: 'reconnecting', attempt: 0, delayMs: 0, reason: verdict.reason })
        try {
          await this.connect()
        } catch (err) {
          // Nothing awaits this handler: a failure here would be an unhandled rejection and a session
          // left STARTING with no socket. It is retried like a lost connection.
          this.logger.error({ err, session: this.name }, 'reconnect after restart-required failed')
          this.reconnectLater(`could not reconnect after restart-required: ${err?.message ?? err}`)
        }
      } else {
        this.reconnectLater(verdict.reason)
      }
    }
  }

  /** Network trouble: try again after a growing delay, for as long as the session is meant to run. */
  reconnectLater (reason) {
    if (!this.running) return
    this.attempt++
    const delayMs = backoffDelay(this.attempt, this.config.backoff, this.random)
    if (this.proxy) {
      // Through a proxy, a connection that fails is most often the proxy's doing: the session says so.
      reason = `could not connect through the proxy ${this.proxy.label}: ${reason}`
      this.status = 'STARTING'
      this.emit({ type: 'status', status: 'STARTING', reason })
    }
    this.setStatus('STARTING')
    this.emit({ type: 'reconnecting', attempt: this.attempt, delayMs, reason })
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.connect().catch(err => {
        this.logger.error({ err, session: this.name }, 'reconnect failed')
        this.reconnectLater(`could not reconnect: ${err?.message ?? err}`)
      })
    }, delayMs)
  }

  /** Disconnects, keeps the auth state; returns once every credentials write has reached Java. */
  async close () {
    this.running = false
    clearTimeout(this.timer)
    this.timer = undefined
    const sock = this.sock
    this.sock = undefined
    if (sock) await sock.end(undefined)
    await this.saving
    this.status = 'STOPPED'
  }

  /** Unlinks the device where connected, then closes; Java clears the stored auth state. */
  async logout () {
    const sock = this.sock
    if (sock && this.status === 'WORKING') {
      this.running = false
      try {
        await sock.logout()
      } catch (err) {
        this.logger.warn({ err, session: this.name }, 'logout did not reach WhatsApp')
      }
    }
    await this.close()
    this.auth = undefined
    this.inbox = undefined
  }

  async pairingCode (phone) {
    if (this.auth?.state.creds.registered) {
      throw new RpcError(ERRORS.CONFLICT, 'the session is already linked; log out first to link another number')
    }
    if (!this.sock || this.status !== 'SCAN_QR_CODE') {
      throw new RpcError(ERRORS.NOT_READY, `the session is ${this.status}; a pairing code can be requested once it shows a QR code (SCAN_QR_CODE)`)
    }
    const code = await this.sock.requestPairingCode(phone)
    return code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code
  }

  /** The open socket, or NOT_READY: commands only run on a connected session. */
  socket () {
    if (!this.sock || this.status !== 'WORKING') {
      throw new RpcError(ERRORS.NOT_READY, `the session is ${this.status}, not WORKING`)
    }
    return this.sock
  }

  /**
   * Resolves true once WhatsApp acks the send of message `id` (Baileys rc14 turns a successful server ack into
   * no status of its own), false when it refuses it or says nothing within `ms`. Asked before the send.
   */
  serverAck (id, ms = SERVER_ACK_WAIT_MS) {
    return new Promise(resolve => {
      const done = acked => {
        clearTimeout(timer)
        if (this.serverAcks.get(id) === done) this.serverAcks.delete(id)
        resolve(acked)
      }
      const timer = setTimeout(() => done(false), ms)
      this.serverAcks.set(id, done)
    })
  }

  newPollStore () {
    return new PollStore({ rpc: this.rpc, session: this.id, log: this.logger })
  }

  /** Resolves once a sent poll's secret is in the store (the content's store write is not awaited). */
  rememberSent (message) {
    if (!message?.key?.id) return Promise.resolve()
    this.contents.remember(message)
    this.recent.set(message.key.id, message.message)
    if (this.recent.size > RECENT_LIMIT) this.recent.delete(this.recent.keys().next().value)
    return this.polls.remember(message)
  }

  /** Downloads received media named by its ref (see media.js) into this session's media directory. */
  async downloadMedia (ref) {
    if (!this.config.mediaDir) throw new RpcError(ERRORS.UNAVAILABLE, 'this bridge was started without a media directory')
    const dir = join(this.config.mediaDir, this.id.replace(/[^A-Za-z0-9_-]/g, '_'))
    const sock = this.status === 'WORKING' ? this.sock : undefined
    return downloadMedia({ ref, dir, sock, dispatcher: this.proxy?.dispatcher, logger: this.logger.child({ session: this.name }) })
  }
}
