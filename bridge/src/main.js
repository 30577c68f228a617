// Entry point: the bridge on Baileys' sockets. Nothing is written to disk except received media,
// under the directory Java names.
import { pathToFileURL } from 'node:url'
import makeWASocket from 'baileys'
import { runBridge } from './process.js'

// Tests only: a scripted stand-in for Baileys' socket (test/scripted-socket.js), so that Java tests can
// drive a connected session without WhatsApp.
const scripted = process.env.WAGATE_BRIDGE_SCRIPTED_SOCKET
const makeSocket = scripted ? (await import(pathToFileURL(scripted).href)).makeScriptedSocket : makeWASocket

runBridge(makeSocket)
