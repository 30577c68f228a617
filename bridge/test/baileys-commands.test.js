// Commands on Baileys' real LID mapping store (see baileys-socket.js): 1:1 sends, typing and presence
// go to the person's LID where WhatsApp has one; wagate's API keeps the phone number.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { generateWAMessageContent, generateWAMessageFromContent } from 'baileys'
import { commandHandlers } from '../src/commands.js'
import { toWagateMessage } from '../src/messages.js'
import { realSocket } from './baileys-socket.js'

const ME_JID = '15550000100:2@s.whatsapp.net'
const ME = '15550000100@c.us'
const LID = '81234567890123@lid'

const real = await realSocket({ me: { id: ME_JID } })
after(() => real.close())
// Stored as Baileys stores what a message's envelope or a usync answer tells it.
await real.sock.signalRepository.lidMapping.storeLIDPNMappings([{ lid: LID, pn: '15550000004@s.whatsapp.net' }])

const calls = []
const sock = {
  ...real.sock,
  // What Baileys' sendMessage makes of the content, without relaying it.
  sendMessage: async (jid, content, options = {}) => {
    calls.push(['sendMessage', jid])
    const message = await generateWAMessageContent(content, { upload: async () => { throw new Error('no uploads') } })
    return generateWAMessageFromContent(jid, message, { userJid: ME_JID, messageId: options.messageId })
  },
  sendPresenceUpdate: async (type, jid) => { calls.push(['sendPresenceUpdate', type, jid]) },
  presenceSubscribe: async jid => { calls.push(['presenceSubscribe', jid]) }
}
const session = { socket: () => sock, rememberSent: async () => {}, ephemeralFor: () => undefined, recent: new Map() }
const handlers = commandHandlers(message => toWagateMessage(message, {
  me: ME, pnForLid: lid => sock.signalRepository.lidMapping.getPNForLID(lid), sentByApi: () => true
}))

test('a 1:1 send to a person WhatsApp knows by LID goes to the LID; the message keeps the number, with toLid', async () => {
  const sent = await handlers['message.send'](session, { message: { kind: 'text', chatId: '15550000004@c.us', text: 'hi', id: '3EB0LID1' } })
  assert.deepEqual(calls.at(-1), ['sendMessage', LID])
  assert.deepEqual(sent.key, { chatId: '15550000004@c.us', fromMe: true, id: '3EB0LID1' })
  assert.deepEqual([sent.from, sent.to, sent.toLid], [ME, '15550000004@c.us', LID])
})

test('typing and presence subscriptions go to the LID too; reactions name the LID chat', async () => {
  await handlers['presence.set'](session, { presence: 'TYPING', chatId: '15550000004@c.us' })
  assert.deepEqual(calls.at(-1), ['sendPresenceUpdate', 'composing', LID])
  await handlers['presence.subscribe'](session, { chatId: '15550000004@c.us' })
  assert.deepEqual(calls.at(-1), ['presenceSubscribe', LID])
  await handlers['message.react'](session, { target: { chatId: '15550000004@c.us', fromMe: false, id: 'IN1' }, emoji: '👍' })
  assert.deepEqual(calls.at(-1), ['sendMessage', LID])
})

test('a number Baileys knows no LID for (its usync query unanswered) is sent to as a number; groups as they are', async () => {
  const sent = await handlers['message.send'](session, { message: { kind: 'text', chatId: '15550000009@c.us', text: 'hi', id: '3EB0PN1' } })
  assert.deepEqual(calls.at(-1), ['sendMessage', '15550000009@s.whatsapp.net'])
  assert.deepEqual([sent.to, sent.toLid], ['15550000009@c.us', undefined])
  await handlers['message.send'](session, { message: { kind: 'text', chatId: '120363000000000042@g.us', text: 'hi', id: '3EB0G1' } })
  assert.deepEqual(calls.at(-1), ['sendMessage', '120363000000000042@g.us'])
})

test('LID look-ups both ways come from Baileys\' LID mapping store; an unknown one is null', async () => {
  assert.deepEqual(await handlers['lid.forPhone'](session, { phone: '15550000004' }), { lid: LID })
  assert.deepEqual(await handlers['lid.forLid'](session, { lid: LID }), { phone: '15550000004@c.us' })
  // WhatsApp is asked (a usync query) for a number the store does not know; unanswered here
  assert.deepEqual(await handlers['lid.forPhone'](session, { phone: '15550000009' }), { lid: null })
  assert.deepEqual(await handlers['lid.forLid'](session, { lid: '89999999999999@lid' }), { phone: null })
})
