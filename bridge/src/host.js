// The bridge: the sessions of this process and the RPC methods Java calls on them.
import { Session } from './session.js'
import { commandHandlers } from './commands.js'
import { channelHandlers } from './channels.js'
import { communityHandlers } from './communities.js'
import { statusHandlers } from './status.js'
import { contactHandlers } from './contacts.js'
import { groupAdminHandlers } from './groupadmin.js'
import { profileHandlers } from './profile.js'
import { labelHandlers } from './labels.js'
import { toWagateMessage } from './messages.js'
import { ERRORS, RpcError } from './rpc.js'

/**
 * Baileys failures (Boom errors carry an HTTP-like status) as the RPC error codes Java maps. An IQ that
 * WhatsApp answered with an error (assertNodeErrorFree) is a Boom whose data is the error's code (401 for a
 * member who is no admin, 404 for an unknown group, ...) and whose own status is a plain 500.
 */
export function toRpcError (err) {
  if (err instanceof RpcError) return err
  // An IQ WhatsApp answered with <error code>: Baileys' Boom carries that code as its data (its own status
  // is then a generic 500).
  const whatsapp = err?.isBoom && typeof err.data === 'number' && err.data >= 400 ? err.data : undefined
  const status = whatsapp ?? err?.output?.statusCode ?? err?.status
  const message = whatsapp ? `WhatsApp answered with error ${whatsapp} (${err.message})` : err?.message ?? String(err)
  // WhatsApp failing or throttling is worth a retry later; a bug of the bridge's (a plain 500) is not.
  const code = whatsapp && (whatsapp >= 500 || whatsapp === 429) ? ERRORS.UNAVAILABLE
    : status === 401 || status === 403 ? ERRORS.REFUSED
    : status === 404 ? ERRORS.NOT_FOUND
      : status === 400 || status === 406 ? ERRORS.INVALID
        : status === 409 ? ERRORS.CONFLICT
          : status === 408 ? ERRORS.UNAVAILABLE
            : status === 428 ? ERRORS.NOT_READY
              : ERRORS.INTERNAL
  return new RpcError(code, message)
}

export class Host {
  /**
   * @param {object} opts
   * @param {import('./rpc.js').RpcPeer} opts.rpc
   * @param {Function} opts.makeSocket
   * @param {object} opts.logger
   * @param {object} [opts.defaults] session config used where open names none
   * @param {() => void} [opts.exit] ends the process after a shutdown was answered
   */
  constructor ({ rpc, makeSocket, logger, defaults = {}, exit = () => {} }) {
    Object.assign(this, { rpc, makeSocket, logger, defaults, exit })
    this.sessions = new Map()
    rpc.handle('ping', () => ({ pong: true, sessions: this.sessions.size, rss: process.memoryUsage().rss }))
    // Does nothing: what bench/bridge times is the round trip itself.
    rpc.handle('noop', () => null)
    rpc.handle('session.open', p => this.open(p))
    rpc.handle('session.close', p => this.close(p))
    rpc.handle('session.logout', p => this.logout(p))
    rpc.handle('media.download', p => this.run(() => this.require(p.session).downloadMedia(p.ref)))
    rpc.handle('session.pairingCode', async p => ({ code: await this.run(() => this.require(p.session).pairingCode(String(p.phone))) }))
    rpc.handle('shutdown', async () => {
      await this.closeAll()
      setImmediate(this.exit)
      return null
    })
    const toWagate = (sent, session) => toWagateMessage({ ...sent, status: sent.status ?? 2 }, {
      me: session.me()?.id,
      meLid: session.me()?.lid,
      // A send to a LID (see chatJid in commands.js) answers with the LID's chat: named by its number.
      pnForLid: lid => session.pnForLid(lid),
      sentByApi: () => true
    })
    const postCtx = session => ({ me: session.me()?.id, meLid: session.me()?.lid, sentByApi: () => false })
    const handlers = { ...commandHandlers(toWagate), ...channelHandlers(postCtx), ...groupAdminHandlers(), ...profileHandlers(), ...labelHandlers(), ...communityHandlers(), ...statusHandlers(toWagate), ...contactHandlers() }
    for (const [method, fn] of Object.entries(handlers)) {
      rpc.handle(method, p => this.run(() => fn(this.require(p.session), p)))
    }
  }

  async run (fn) {
    try {
      return await fn()
    } catch (err) {
      throw toRpcError(err)
    }
  }

  require (id) {
    const session = this.sessions.get(id)
    if (!session) throw new RpcError(ERRORS.NOT_READY, 'the session is not open on this bridge')
    return session
  }

  async open ({ session: id, name, config = {} }) {
    if (typeof id !== 'string' || !id) throw new RpcError(ERRORS.INVALID_PARAMS, 'session is required')
    let session = this.sessions.get(id)
    if (!session) {
      session = new Session({
        id,
        name: name ?? id,
        rpc: this.rpc,
        emit: event => this.rpc.notify('event', { session: id, event }),
        makeSocket: this.makeSocket,
        logger: this.logger,
        config: { ...this.defaults, ...config }
      })
      this.sessions.set(id, session)
    }
    try {
      await session.open()
    } catch (err) {
      // Never opened (a proxy URL it cannot use, auth state not readable): not kept as one of this bridge's.
      if (!session.running && this.sessions.get(id) === session) this.sessions.delete(id)
      throw err
    }
    return { status: session.status, waVersion: session.version().join('.') }
  }

  async close ({ session: id }) {
    const session = this.sessions.get(id)
    this.sessions.delete(id)
    if (session) await session.close()
    return null
  }

  async logout ({ session: id }) {
    const session = this.sessions.get(id)
    this.sessions.delete(id)
    if (session) await session.logout()
    return null
  }

  async closeAll () {
    const all = [...this.sessions.values()]
    this.sessions.clear()
    await Promise.allSettled(all.map(s => s.close()))
  }
}
