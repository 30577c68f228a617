// Forwarding through Baileys' own content code (generateWAMessageContent's {forward}, which is
// generateForwardMessageContent): the original's media goes by reference, never uploaded again.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { generateWAMessageContent, generateWAMessageFromContent } from 'baileys'
import { commandHandlers } from '../src/commands.js'
import { toWagateMessage } from '../src/messages.js'
import { realSocket } from './baileys-socket.js'

const ME_JID = '15550000100:2@s.whatsapp.net'
const ME = '15550000100@c.us'
const real = await realSocket({ me: { id: ME_JID } })
after(() => real.close())

const uploads = []
const sock = {
  ...real.sock,
  // What Baileys' sendMessage makes of the content, without relaying it; an upload is recorded and refused.
  sendMessage: async (jid, content, options = {}) => {
    const message = await generateWAMessageContent(content, {
      upload: async () => { uploads.push(jid); throw new Error('no uploads') }
    })
    return generateWAMessageFromContent(jid, message, { userJid: ME_JID, messageId: options.messageId })
  }
}
const contents = new Map()
const session = {
  socket: () => sock,
  rememberSent: async () => {},
  ephemeralFor: () => undefined,
  recent: new Map(),
  contents: { get: async key => contents.get(key.id) }
}
const handlers = commandHandlers(message => toWagateMessage(message, { me: ME, pnForLid: async () => null, sentByApi: () => true }))

/** An image message as the sender's client made it: uploaded once (to a stand-in URL), with its media key. */
async function receivedImage () {
  return generateWAMessageContent({ image: Buffer.from('a picture'), caption: 'look' }, {
    upload: async () => ({ mediaUrl: 'https://mmg.whatsapp.net/v/t62/once.enc', directPath: '/v/t62/once.enc' })
  })
}

test('a received image is forwarded with its own media key and URL, marked forwarded, and nothing is uploaded', async () => {
  const original = await receivedImage()
  contents.set('IMG1', original)
  const sent = await handlers['message.forward'](session, {
    chatId: '15550000003@c.us', original: { chatId: '15550000002@c.us', fromMe: false, id: 'IMG1' }, id: '3EB0FWD1'
  })
  assert.deepEqual(uploads, [])
  assert.deepEqual(sent.key, { chatId: '15550000003@c.us', fromMe: true, id: '3EB0FWD1' })
  assert.equal(sent.type, 'IMAGE')
  assert.equal(sent.body, 'look')
  assert.equal(sent.forwarded, true)
})

test('what Baileys sends for a forward keeps the original\'s media fields and sets contextInfo.isForwarded', async () => {
  const original = await receivedImage()
  const forwarded = await generateWAMessageContent({ forward: { key: { remoteJid: '15550000002@s.whatsapp.net', fromMe: false, id: 'IMG2' }, message: original } }, {})
  for (const field of ['url', 'directPath', 'mediaKey', 'fileSha256', 'fileEncSha256']) {
    assert.deepEqual(forwarded.imageMessage[field], original.imageMessage[field], field)
  }
  assert.equal(forwarded.imageMessage.contextInfo.isForwarded, true)
  assert.equal(forwarded.imageMessage.contextInfo.forwardingScore, 1)
})

test('a text is forwarded as an extended text, forwarded; an original the session no longer has is not found', async () => {
  session.recent.set('TXT1', { conversation: 'pass it on' })
  const sent = await handlers['message.forward'](session, {
    chatId: '15550000003@c.us', original: { chatId: '15550000002@c.us', fromMe: false, id: 'TXT1' }, id: '3EB0FWD2'
  })
  assert.deepEqual([sent.type, sent.body, sent.forwarded], ['TEXT', 'pass it on', true])
  await assert.rejects(handlers['message.forward'](session, {
    chatId: '15550000003@c.us', original: { chatId: '15550000002@c.us', fromMe: false, id: 'GONE' }, id: '3EB0FWD3'
  }), /no longer known/)
})
