// The bridge process: JSON-RPC on stdin/stdout, logs (pino JSON lines) on stderr, sessions on the
// sockets makeSocket gives (Baileys' in production, a scripted one in Java's tests).
import pino from 'pino'
import baileysDefaultLogger from 'baileys/lib/Utils/logger.js'
import { Host } from './host.js'
import { RpcPeer } from './rpc.js'
import { hardenBaileys } from './trust.js'

export function runBridge (makeSocket) {
  // stdout is the RPC channel: anything a library prints must go to the log instead.
  console.log = console.info = console.debug = console.warn = console.error
  // Baileys' own default logger writes to stdout too (rc14's communityCreate logs at info through it).
  baileysDefaultLogger.level = 'silent'

  // Baileys logs some errors as `error` (its key transaction's rollback), which pino would write as {}.
  const serializers = { error: pino.stdSerializers.err }
  const logger = pino({ level: process.env.WAGATE_BRIDGE_LOG_LEVEL || 'warn', base: undefined, serializers }, pino.destination(2))
  try {
    hardenBaileys({ trustRoot: process.env.WAGATE_BAILEYS_TRUST_ROOT, logger })
  } catch (err) {
    logger.fatal({ err }, err.message)
    process.exit(1)
  }
  const defaults = {}
  if (process.env.WAGATE_BAILEYS_WS_URL) defaults.wsUrl = process.env.WAGATE_BAILEYS_WS_URL
  if (process.env.WAGATE_BRIDGE_MEDIA_DIR) defaults.mediaDir = process.env.WAGATE_BRIDGE_MEDIA_DIR
  if (Number(process.env.WAGATE_BAILEYS_KEEPALIVE_MS) > 0) defaults.keepAliveMs = Number(process.env.WAGATE_BAILEYS_KEEPALIVE_MS)

  const rpc = new RpcPeer({
    input: process.stdin,
    write: line => process.stdout.write(line + '\n'),
    log: logger,
    timeoutMs: Number(process.env.WAGATE_BRIDGE_RPC_TIMEOUT_MS) || 15000
  })
  const host = new Host({ rpc, makeSocket, logger, defaults, exit: () => process.exit(0) })

  // Java went away (its end of the pipe closed): close the sockets and leave.
  process.stdin.on('end', () => {
    host.closeAll().finally(() => process.exit(0))
  })
  process.on('unhandledRejection', err => logger.error({ err }, 'unhandled rejection'))
  process.on('uncaughtException', err => logger.error({ err }, 'uncaught exception'))
  logger.info({ pid: process.pid, node: process.version }, 'bridge ready')
  return host
}
