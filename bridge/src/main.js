// Entry point: the bridge on Baileys' sockets. Nothing is written to disk except received media,
// under the directory Java names.
import makeWASocket from 'baileys'
import { runBridge } from './process.js'

runBridge(makeWASocket)
