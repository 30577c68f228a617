// JSON-RPC 2.0, one object per line, in both directions over one pair of streams.
// Either side may send requests: Java asks for session commands, the bridge asks Java for auth state.

/**
 * The longest line Java may write (16 MiB, as the bound on the bridge's own lines on the Java side): far beyond
 * any legitimate one (media goes by file path). A longer line is refused, its bytes dropped as they come, instead
 * of being buffered without end as a plain line reader would.
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024
/** What of a refused line is kept: enough to find whose it was and to log its start. */
const HEAD_BYTES = 200

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
   * @param {number} [opts.maxLineBytes] the longest line taken from input
   */
  constructor ({ input, write, log, timeoutMs = 15000, maxLineBytes = MAX_LINE_BYTES }) {
    this.write = write
    this.log = log
    this.timeoutMs = timeoutMs
    this.handlers = new Map()
    this.pending = new Map()
    this.nextId = 1
    this.closed = false
    if (input) {
      const lines = new BoundedLines(maxLineBytes, line => this.receive(line), head => this.refuseLong(head, maxLineBytes))
      input.on('data', chunk => lines.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk))
      const closed = () => {
        lines.end()
        this.close(new RpcError(ERRORS.UNAVAILABLE, 'the other side closed the pipe'))
      }
      input.once('end', closed)
      input.once('close', closed)
    }
  }

  /**
   * A line over the limit: if its start shows a request of Java's, that request is answered with an error at once;
   * an answer to one of ours fails that request; anything else gets an error without an id. Either way the lines
   * after it are read as usual.
   */
  refuseLong (head, maxLineBytes) {
    const message = `a line of more than ${maxLineBytes} bytes`
    this.log.warn({ line: head }, 'refused a line over the limit')
    // Both sides write "jsonrpc" then "id" first; a line that starts otherwise is not attributed to anyone.
    const request = /^\{"jsonrpc":"2\.0","id":(\d+),"method":/.exec(head)
    const answer = /^\{"jsonrpc":"2\.0","id":(\d+),"(?:result|error)":/.exec(head)
    if (answer) {
      this.settle({ id: Number(answer[1]), error: { code: ERRORS.INVALID_REQUEST, message: `its answer was ${message}` } })
      return
    }
    this.send({ jsonrpc: '2.0', id: request ? Number(request[1]) : null, error: { code: ERRORS.INVALID_REQUEST, message } })
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

/** Splits a byte stream into UTF-8 lines (LF-ended, a CR before the LF dropped) of at most maxBytes bytes each. */
class BoundedLines {
  constructor (maxBytes, onLine, onTooLong) {
    this.maxBytes = maxBytes
    this.onLine = onLine
    this.onTooLong = onTooLong
    this.pieces = []
    this.size = 0
    // Inside a line over the limit: its bytes are dropped up to its LF.
    this.skipping = false
  }

  push (chunk) {
    let start = 0
    while (start < chunk.length) {
      const newline = chunk.indexOf(0x0a, start)
      const stop = newline < 0 ? chunk.length : newline
      if (this.skipping) {
        this.skipping = newline < 0
      } else if (this.size + stop - start > this.maxBytes) {
        this.keep(chunk.subarray(start, Math.min(stop, start + HEAD_BYTES)))
        const head = this.head()
        this.pieces = []
        this.size = 0
        this.skipping = newline < 0
        this.onTooLong(head)
      } else {
        this.keep(chunk.subarray(start, stop))
        if (newline >= 0) this.emit()
      }
      start = stop + 1
    }
  }

  /** The input ended: a last line without its LF still counts. */
  end () {
    if (this.size > 0 && !this.skipping) this.emit()
    this.pieces = []
    this.size = 0
  }

  keep (piece) {
    if (piece.length > 0) {
      this.pieces.push(piece)
      this.size += piece.length
    }
  }

  /** The first bytes of the line kept so far, as text (its last character may be cut). */
  head () {
    const first = []
    let size = 0
    for (const piece of this.pieces) {
      if (size >= HEAD_BYTES) break
      first.push(piece)
      size += piece.length
    }
    return Buffer.concat(first).subarray(0, HEAD_BYTES).toString('utf8')
  }

  take () {
    const bytes = this.pieces.length === 1 ? this.pieces[0] : Buffer.concat(this.pieces, this.size)
    this.pieces = []
    this.size = 0
    return bytes
  }

  emit () {
    let line = this.take().toString('utf8')
    if (line.endsWith('\r')) line = line.slice(0, -1)
    this.onLine(line)
  }
}
