// The bridge process on the scripted socket (see whatsapp.js); Java's tests start it.
import { runBridge } from '../src/process.js'
import { scriptedSocket } from './whatsapp.js'

runBridge(scriptedSocket)
