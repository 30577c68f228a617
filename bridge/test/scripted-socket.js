// A scripted stand-in for Baileys' socket that is connected at once, for Java tests that need a WORKING
// session offline. The bridge loads it only when WAGATE_BRIDGE_SCRIPTED_SOCKET names this file (tests do,
// through a `node` wrapper); it replaces Baileys' socket and nothing else of the bridge.
//
// sendMessage answers as Baileys' does (the id it was given, status PENDING) and then reports the message
// back as Baileys does with emitOwnEvents (messages.upsert 'append', then a SERVER ack). A text sent to
// CONTROL is a script instead, one JSON object (BufferJSON: Buffers as {type: 'Buffer', data: base64}):
//   {"emit": "<Baileys event>", "data": ...}       emits that event as Baileys would
//   {"echo": false}                                 later sends are not reported back (true: they are again)
//   {"receipt": {attrs, more?: [ids]}}             a <receipt> node for Baileys' real socket to handle
//   {"message": {attrs, content}}                   a <message> node (content: Baileys' AnyMessageContent, as
//                                                   the sender's client makes it) for the real socket to handle
//   {"lidMapping": [{lid, pn}]}                    stored in the real socket's LID mapping store, which then
//                                                   answers this socket's look-ups (signalRepository.lidMapping)
//   {"undecryptable": attrs}                       a <message> whose <enc> no signal session can decrypt
//   {"ack": attrs}                                  an <ack class="message"> node (error="463": WhatsApp refused it)
//   {"mex": {opName, data}}                         a <notification type="mex"> with an <update op_name> of that
//                                                   GraphQL data (a reach-out timelock or new-chat cap change)
//       The real socket (baileys-socket.js) is linked as ME; what it makes of the node is emitted here.
//   {"incomingMedia": {id, from, fromAlt?, mimetype, caption?, data (base64), cdn?: "closed"}}
//       encrypts data as WhatsApp does, serves it from a local stand-in for WhatsApp's media CDN (or names a
//       closed port) and emits the image message pointing at it, as received from `from`.
import { createServer } from 'node:http'
import { readFile, rm } from 'node:fs/promises'
import { BufferJSON, encryptedStream, generateMessageIDV2, generateWAMessageContent, proto } from 'baileys'
import { FakeSocket } from './fakes.js'
import { messageNode, mexNotification, realSocket, receiptNode } from './baileys-socket.js'

export const CONTROL = '1999000000@s.whatsapp.net'
const ME = { id: '1999000100:1@s.whatsapp.net', name: 'Scripted', lid: '900000000000001:1@lid' }

/** Events of the real socket that are passed on as this socket's. */
const FROM_REAL_SOCKET = ['messages.upsert', 'messages.update', 'message-receipt.update', 'messages.reaction',
  'message-capping.update']
const files = new Map()
let cdn

async function cdnBase () {
  if (!cdn) {
    cdn = createServer((req, res) => {
      const body = files.get(req.url)
      res.writeHead(body ? 200 : 404)
      res.end(body)
    })
    await new Promise(resolve => cdn.listen(0, '127.0.0.1', resolve))
    cdn.unref()
  }
  return `http://127.0.0.1:${cdn.address().port}`
}

/** A local address nothing listens on (fetch refuses well-known ports such as 1 outright). */
async function closedBase () {
  const server = createServer()
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  await new Promise(resolve => server.close(resolve))
  return `http://127.0.0.1:${port}`
}

class ScriptedSocket extends FakeSocket {
  constructor (config) {
    super(config)
    this.user = ME
    this.echo = true
    this.sendMessage = async (jid, content, options = {}) => {
      this.calls.push(['sendMessage', jid, content, options])
      if (jid === CONTROL) {
        await this.script(JSON.parse(content.text, BufferJSON.reviver))
        return { key: { remoteJid: jid, fromMe: true, id: generateMessageIDV2() }, message: { conversation: '' }, messageTimestamp: Math.floor(Date.now() / 1000) }
      }
      const sent = {
        key: { remoteJid: jid, fromMe: true, id: options.messageId ?? generateMessageIDV2(ME.id) },
        message: await messageOf(content, options),
        messageTimestamp: Math.floor(Date.now() / 1000),
        status: proto.WebMessageInfo.Status.PENDING
      }
      if (this.echo) {
        process.nextTick(() => {
          this.ev.emit('messages.upsert', { messages: [sent], type: 'append' })
          this.ev.emit('messages.update', [{ key: sent.key, update: { status: proto.WebMessageInfo.Status.SERVER_ACK } }])
        })
      }
      return sent
    }
    setImmediate(() => this.ev.emit('connection.update', { connection: 'open' }))
  }

  /** Baileys' real socket, linked as this one, to turn nodes into events (made when first needed). */
  real () {
    this.realSocket ??= realSocket({ me: ME }).then(real => {
      for (const name of FROM_REAL_SOCKET) real.sock.ev.on(name, data => this.ev.emit(name, data))
      // Of its connection updates only what it read of WhatsApp's restrictions: its connection is not this one's.
      real.sock.ev.on('connection.update', update => {
        if (update.reachoutTimeLock) this.ev.emit('connection.update', { reachoutTimeLock: update.reachoutTimeLock })
      })
      return real
    })
    return this.realSocket
  }

  async end (error) {
    if (this.realSocket) await (await this.realSocket).close()
    return super.end(error)
  }

  async script (command) {
    if (command.receipt) {
      (await this.real()).feed(receiptNode(command.receipt.attrs, command.receipt.more))
    } else if (command.lidMapping) {
      const real = await this.real()
      await real.sock.signalRepository.lidMapping.storeLIDPNMappings(command.lidMapping)
      this.signalRepository = real.sock.signalRepository
    } else if (command.undecryptable) {
      (await this.real()).feed({
        tag: 'message',
        attrs: { type: 'text', t: String(Math.floor(Date.now() / 1000)), ...command.undecryptable },
        content: [{ tag: 'enc', attrs: { v: '2', type: 'msg' }, content: Buffer.from('not a signal message') }]
      })
    } else if (command.mex) {
      (await this.real()).feed(mexNotification(command.mex.opName, command.mex.data))
    } else if (command.ack) {
      (await this.real()).feed({ tag: 'ack', attrs: { class: 'message', ...command.ack } })
    } else if (command.message) {
      (await this.real()).feed(await messageNode(command.message.attrs, command.message.content))
    } else if (command.emit) {
      this.ev.emit(command.emit, command.data)
    } else if (typeof command.echo === 'boolean') {
      this.echo = command.echo
    } else if (command.incomingMedia) {
      const m = command.incomingMedia
      const encrypted = await encryptedStream(Buffer.from(m.data, 'base64'), 'image')
      files.set(`/${m.id}`, await readFile(encrypted.encFilePath))
      await rm(encrypted.encFilePath, { force: true })
      const url = `${m.cdn === 'closed' ? await closedBase() : await cdnBase()}/${m.id}`
      this.ev.emit('messages.upsert', {
        type: 'notify',
        messages: [{
          key: { remoteJid: m.from, ...(m.fromAlt ? { remoteJidAlt: m.fromAlt } : {}), fromMe: false, id: m.id },
          messageTimestamp: Math.floor(Date.now() / 1000),
          message: {
            imageMessage: {
              url,
              mimetype: m.mimetype,
              caption: m.caption ?? '',
              mediaKey: encrypted.mediaKey,
              fileSha256: encrypted.fileSha256,
              fileEncSha256: encrypted.fileEncSha256,
              fileLength: encrypted.fileLength
            }
          }
        }]
      })
    }
  }
}

/** Enough of generateWAMessage's content for what the tests send. */
async function messageOf (content, options) {
  if (content.text !== undefined) return { extendedTextMessage: { text: content.text } }
  // An event as Baileys makes it (its secret and, with sendMessage's getCallLink option, its call link)
  if (content.event) return generateWAMessageContent(content, { upload: async () => { throw new Error('no uploads') }, getCallLink: options.getCallLink })
  for (const kind of ['image', 'video', 'audio', 'document']) {
    if (content[kind]) {
      return { [`${kind}Message`]: { url: 'https://mmg.whatsapp.net/scripted', mimetype: content.mimetype, caption: content.caption, fileName: content.fileName } }
    }
  }
  return { conversation: '' }
}

export const makeScriptedSocket = config => new ScriptedSocket(config)
