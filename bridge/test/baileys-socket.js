// Baileys' real socket (makeWASocket), fed the binary nodes WhatsApp would send, so that tests take
// their events from Baileys' own receipt, message and ack handling instead of hand-written ones.
// The socket connects to a local WebSocket server that accepts and never answers: the Noise
// handshake waits (for an hour), the socket counts as open, what it sends goes nowhere, and its
// queries time out.
// Messages are fed as <plaintext> children (decode-wa-message.js reads those as it reads decrypted
// <enc> ones), their content made by Baileys' generateWAMessageContent as the sender's client would.
import { once } from 'node:events'
import { WebSocketServer } from 'ws'
import pino from 'pino'
import { until } from './fakes.js'
import { memoryKeys } from './signal-parties.js'
import makeWASocket, { decodeBinaryNode, generateMessageIDV2, generateWAMessageContent, initAuthCreds, proto } from 'baileys'

const silent = pino({ level: process.env.BAILEYS_TEST_LOG ?? 'silent' })

/**
 * @param {object} opts
 * @param {{id: string, lid?: string, name?: string}} opts.me the account the socket is linked as
 * @param {object} [opts.config] more of Baileys' SocketConfig
 */
export async function realSocket ({ me, config = {} }) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await once(server, 'listening')
  // What the socket sends: before the handshake ends its frames are plain (a 3-byte length, then the binary node),
  // after the intro header of the first; the client hello, which is no node, is left out.
  const sent = []
  server.on('connection', ws => {
    let intro = true
    ws.on('message', async data => {
      const frame = Buffer.from(data).subarray(intro ? 4 : 0)
      intro = false
      try {
        sent.push(await decodeBinaryNode(frame.subarray(3, 3 + frame.readUIntBE(0, 3))))
      } catch {}
    })
  })
  const creds = initAuthCreds()
  creds.me = { name: 'Real', ...me }
  // Linked before and synced once: a reconnect, which goes online without waiting for a history sync.
  creds.accountSyncCounter = 1
  const sock = makeWASocket({
    // Queries (a usync look-up of an unknown LID, say) go unanswered here: they time out soon, as they
    // would against a server that does not answer, and Baileys goes on without the answer.
    defaultQueryTimeoutMs: 50,
    ...config,
    auth: { creds, keys: memoryKeys() },
    waWebSocketUrl: `ws://127.0.0.1:${server.address().port}`,
    connectTimeoutMs: 3_600_000,
    logger: silent,
    markOnlineOnConnect: false
  })
  let onFrame = () => {}
  server.on('connection', client => client.on('message', data => onFrame(data)))
  await until(() => sock.ws.isOpen, 5000)
  const real = {
    sock,
    /** The binary nodes the socket sent, decoded, oldest first. */
    sent,
    /** Answers the query {@code id} as WhatsApp would, with a node (an <iq type="result"> or "error"). */
    answer (id, node) {
      sock.ws.emit(`TAG:${id}`, { ...node, attrs: { id, ...node.attrs } })
    },
    /**
     * Answers the socket's queries as WhatsApp would: before the handshake ends its frames go out unencrypted, so
     * each <iq> it sends is decoded here as WhatsApp's server would, and {@code answer(iq)} (a result or error
     * node, or undefined for no answer) is handed back to the query waiting for it.
     */
    answerIqs (answer) {
      onFrame = async data => {
        const frame = Buffer.from(data)
        // The first frame starts with the intro header (the handshake's hello); nodes come after it alone.
        if (frame[0] === 0x57) return
        const node = await decodeBinaryNode(frame.subarray(3))
        if (node.tag !== 'iq') return
        const reply = await answer(node)
        if (reply) sock.ws.emit(`TAG:${node.attrs.id}`, { ...reply, attrs: { id: node.attrs.id, ...reply.attrs } })
      }
    },
    /**
     * Hands a node to the socket's handlers as its frame decoder does (socket.js onMessageReceived),
     * but for the 'frame' event, which the waiting handshake would take for the server's answer.
     */
    feed (frame) {
      const l0 = frame.tag
      const l1 = frame.attrs || {}
      const l2 = Array.isArray(frame.content) ? frame.content[0]?.tag : ''
      for (const key of Object.keys(l1)) {
        sock.ws.emit(`CB:${l0},${key}:${l1[key]},${l2}`, frame)
        sock.ws.emit(`CB:${l0},${key}:${l1[key]}`, frame)
        sock.ws.emit(`CB:${l0},${key}`, frame)
      }
      sock.ws.emit(`CB:${l0},,${l2}`, frame)
      sock.ws.emit(`CB:${l0}`, frame)
    },
    async close () {
      sock.ev.removeAllListeners()
      // Ends the handshake's wait (and its hour-long timer) as a socket error would.
      sock.ws.emit('error', new Error('closed by the test'))
      await sock.end(undefined)
      await new Promise(resolve => server.close(resolve))
    }
  }
  // A linked socket holds its events back until WhatsApp says the offline backlog is through.
  real.feed({ tag: 'ib', attrs: {}, content: [{ tag: 'offline', attrs: { count: '0' } }] })
  await until(() => !sock.ev.isBuffering(), 5000)
  return real
}

/**
 * A <message> node as WhatsApp delivers it, its content made from Baileys' AnyMessageContent by
 * generateWAMessageContent (what the sender's client encrypts), given as <plaintext>.
 * @param {object} attrs the stanza's attributes: from, participant?, id, t?, ...
 */
export async function messageNode (attrs, content) {
  // {raw: proto.IMessage} for what generateWAMessageContent cannot make (a poll vote, say)
  const message = content.raw
    ? proto.Message.fromObject(content.raw)
    : await generateWAMessageContent(content, { upload: async () => { throw new Error('no uploads here') }, logger: silent })
  return {
    tag: 'message',
    attrs: { type: 'text', t: String(Math.floor(Date.now() / 1000)), ...attrs },
    content: [{ tag: 'plaintext', attrs: {}, content: proto.Message.encode(message).finish() }]
  }
}

/** A <receipt> node: type undefined (delivered), 'read', 'played', ...; more ids as <list><item>. */
export function receiptNode (attrs, moreIds = []) {
  const node = { tag: 'receipt', attrs: { t: String(Math.floor(Date.now() / 1000)), ...attrs } }
  if (moreIds.length) {
    node.content = [{ tag: 'list', attrs: {}, content: moreIds.map(id => ({ tag: 'item', attrs: { id } })) }]
  }
  return node
}

/** A mex notification as WhatsApp sends one: GraphQL data as JSON in an <update op_name> node. */
export function mexNotification (opName, data) {
  return {
    tag: 'notification',
    attrs: { type: 'mex', from: 's.whatsapp.net', id: generateMessageIDV2(), t: String(Math.floor(Date.now() / 1000)) },
    content: [{ tag: 'update', attrs: { op_name: opName }, content: Buffer.from(JSON.stringify({ data })) }]
  }
}
