// JSON-RPC 2.0, one object per line, in both directions over one pair of streams.
// Either side may send requests: Java asks for session commands, the bridge asks Java for auth state.
import { createInterface } from 'node:readline'

export const ERRORS = Object.freeze({
  PARSE: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL: -32603,
  // Application codes: what Java maps to EngineException reasons.
  NOT_READY: -32001,
  REFUSED: -32002,
  NOT_FOUND: -32003,
  INVALID: -32004,
  CONFLICT: -32005,
  UNAVAILABLE: -32006,
  UNSUPPORTED: -32007,
  TIMEOUT: -32008
})

/** An error whose code and message reach the other side as they are. */
export class RpcError extends Error {
  constructor (code, message, data) {
    super(message)
    this.code = code
    this.data = data
  }
}

export class RpcPeer {
  /**
   * @param {object} opts
   * @param {import('node:stream').Readable} opts.input lines from the other side
   * @param {(line: string) => void} opts.write sends one line (without the newline)
   * @param {{warn: Function, error: Function}} opts.log
   * @param {number} [opts.timeoutMs] default time a request of ours may wait for its answer
   */
  constructor ({ input, write, log, timeoutMs = 15000 }) {
    this.write = write
    this.log = log
    this.timeoutMs = timeoutMs
    this.handlers = new Map()
    this.pending = new Map()
    this.nextId = 1
    this.closed = false
    if (input) {
      this.lines = createInterface({ input, crlfDelay: Infinity })
      this.lines.on('line', line => this.receive(line))
      this.lines.on('close', () => this.close(new RpcError(ERRORS.UNAVAILABLE, 'the other side closed the pipe')))
    }
  }

  /** Registers the handler of one method; what it returns (or resolves to) is the result. */
  handle (method, fn) {
    this.handlers.set(method, fn)
    return this
  }

  request (method, params, { timeoutMs = this.timeoutMs } = {}) {
    if (this.closed) {
      return Promise.reject(new RpcError(ERRORS.UNAVAILABLE, 'the RPC channel is closed'))
    }
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new RpcError(ERRORS.TIMEOUT, `${method} got no answer within ${timeoutMs} ms`))
      }, timeoutMs)
      this.pending.set(id, { resolve, reject, timer, method })
      this.send({ jsonrpc: '2.0', id, method, params })
    })
  }

  notify (method, params) {
    if (!this.closed) {
      this.send({ jsonrpc: '2.0', method, params })
    }
  }

  send (object) {
    this.write(JSON.stringify(object))
  }

  close (reason) {
    if (this.closed) return
    this.closed = true
    for (const [id, call] of this.pending) {
      clearTimeout(call.timer)
      call.reject(reason)
      this.pending.delete(id)
    }
  }

  receive (line) {
    if (!line.trim()) return
    let message
    try {
      message = JSON.parse(line)
    } catch {
      this.log.warn({ line: line.slice(0, 200) }, 'dropped a line that is not JSON')
      this.send({ jsonrpc: '2.0', id: null, error: { code: ERRORS.PARSE, message: 'not JSON' } })
      return
    }
    if (message === null || typeof message !== 'object' || Array.isArray(message) || message.jsonrpc !== '2.0') {
      this.log.warn({ line: line.slice(0, 200) }, 'dropped a line that is not a JSON-RPC 2.0 object')
      this.send({ jsonrpc: '2.0', id: message?.id ?? null, error: { code: ERRORS.INVALID_REQUEST, message: 'not a JSON-RPC 2.0 object' } })
      return
    }
    if (typeof message.method === 'string') {
      void this.dispatch(message)
    } else if ('result' in message || 'error' in message) {
      this.settle(message)
    } else {
      this.log.warn({ line: line.slice(0, 200) }, 'dropped an object that is neither request nor response')
    }
  }

  settle (message) {
    const call = this.pending.get(message.id)
    if (!call) {
      this.log.warn({ id: message.id }, 'dropped a late or unknown answer')
      return
    }
    this.pending.delete(message.id)
    clearTimeout(call.timer)
    if (message.error) {
      const { code, message: text, data } = message.error
      call.reject(new RpcError(typeof code === 'number' ? code : ERRORS.INTERNAL, String(text ?? 'error'), data))
    } else {
      call.resolve(message.result)
    }
  }

  async dispatch ({ id, method, params }) {
    const isRequest = id !== undefined && id !== null
    const handler = this.handlers.get(method)
    if (!handler) {
      if (isRequest) {
        this.send({ jsonrpc: '2.0', id, error: { code: ERRORS.METHOD_NOT_FOUND, message: `no method ${method}` } })
      } else {
        this.log.warn({ method }, 'dropped a notification of an unknown method')
      }
      return
    }
    try {
      const result = await handler(params ?? {})
      if (isRequest) this.send({ jsonrpc: '2.0', id, result: result ?? null })
    } catch (err) {
      const code = err instanceof RpcError ? err.code : ERRORS.INTERNAL
      if (!(err instanceof RpcError)) this.log.error({ err, method }, 'a request failed')
      if (isRequest) {
        this.send({ jsonrpc: '2.0', id, error: { code, message: err?.message ?? String(err), ...(err?.data ? { data: err.data } : {}) } })
      }
    }
  }
}
