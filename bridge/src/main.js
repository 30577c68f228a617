// Entry point: JSON-RPC on stdin/stdout, logs (pino JSON lines) on stderr. Nothing is written to disk
// except received media, under the directory Java names.
import { pathToFileURL } from 'node:url'
import makeWASocket from 'baileys'
import pino from 'pino'
import { Host } from './host.js'
import { RpcPeer } from './rpc.js'

// stdout is the RPC channel: anything a library prints must go to the log instead.
console.log = console.info = console.debug = console.warn = console.error

const logger = pino({ level: process.env.WAGATE_BRIDGE_LOG_LEVEL || 'warn', base: undefined }, pino.destination(2))
const defaults = {}
if (process.env.WAGATE_BAILEYS_WS_URL) defaults.wsUrl = process.env.WAGATE_BAILEYS_WS_URL
if (process.env.WAGATE_BRIDGE_MEDIA_DIR) defaults.mediaDir = process.env.WAGATE_BRIDGE_MEDIA_DIR

// Tests only: a scripted stand-in for Baileys' socket (test/scripted-socket.js), so that Java tests can
// drive a connected session without WhatsApp.
const scripted = process.env.WAGATE_BRIDGE_SCRIPTED_SOCKET
const makeSocket = scripted ? (await import(pathToFileURL(scripted).href)).makeScriptedSocket : makeWASocket

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
