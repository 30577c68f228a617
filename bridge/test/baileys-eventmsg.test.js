// Event messages through Baileys' own code: the content the bridge hands sendMessage made into an eventMessage by
// Baileys' generateWAMessageContent (with sendMessage's getCallLink option); responses the bridge encrypts opened
// by Baileys' decryptEventResponse; responses received by Baileys' real socket, decrypted by its processMessage
// (event.response) or, when they cannot be, reported as failed.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { decryptEventResponse, generateWAMessageContent, proto } from 'baileys'
import { commandHandlers } from '../src/commands.js'
import { bindEvents } from '../src/events.js'
import { encryptEventResponse, eventSend } from '../src/eventmsg.js'
import { PollStore } from '../src/polls.js'
import { messageNode, realSocket } from './baileys-socket.js'
import { silentLogger, until } from './fakes.js'

const ME_JID = '15550000300:2@s.whatsapp.net'
const ME_PN = '15550000300@s.whatsapp.net'
const ME = '15550000300@c.us'
const BOB = '15550000001@c.us'
const BOB_JID = '15550000001@s.whatsapp.net'
const GROUP = '120363000000000044@g.us'
const noUploads = { upload: async () => { throw new Error('no uploads') } }

// What wagate keeps of messages, for Baileys' getMessage (the event's secret decrypts its responses).
const kept = new Map()
const contents = { get: async key => kept.get(key?.id), remember: () => {} }
const real = await realSocket({ me: { id: ME_JID, lid: '990000000000300:2@lid' }, config: { getMessage: key => contents.get(key) } })
after(() => real.close())

const events = []
bindEvents(real.sock.ev, {
  me: () => ME,
  meLid: () => '990000000000300@lid',
  meJid: () => ME_JID,
  emit: e => events.push(e),
  pnForLid: lid => real.sock.signalRepository.lidMapping.getPNForLID(lid),
  lidForPn: pn => real.sock.signalRepository.lidMapping.getLIDForPN(pn),
  sentByApi: () => false,
  polls: new PollStore(),
  contents,
  log: silentLogger
})

async function eventFor (predicate) {
  let found
  await until(() => (found = events.find(predicate)), 5000)
  events.splice(events.indexOf(found), 1)
  return found
}

/** An event message as Baileys makes it from the bridge's content. */
async function eventMessage (event) {
  const { content, options } = eventSend(event)
  return generateWAMessageContent(content, { ...noUploads, ...options })
}

test('an event is Baileys\' eventMessage with its fields, a secret, and the call link given', async () => {
  const made = await eventMessage({ name: 'Lunch', description: 'Pizza', startTime: 2063137000, endTime: 2063140600,
    location: 'Plaza', callLink: 'https://call.whatsapp.com/video/AbC123' })
  const e = made.eventMessage
  assert.deepEqual([e.name, e.description, Number(e.startTime), Number(e.endTime), e.location.name, e.joinLink],
    ['Lunch', 'Pizza', 2063137000, 2063140600, 'Plaza', 'https://call.whatsapp.com/video/AbC123'])
  assert.equal(made.messageContextInfo.messageSecret.length, 32)
  assert.throws(() => eventSend({ name: 'x', startTime: 1, callLink: 'https://example.com/x' }), err => err.code === -32004)

  // the send command hands Baileys that content and the link's token
  const sent = []
  const sock = { ...real.sock, sendMessage: async (jid, content, options) => { sent.push([jid, content, options]); return undefined } }
  const handlers = commandHandlers(() => { throw new Error('not reached') })
  const session = { socket: () => sock, ephemeralFor: () => undefined, rememberSent: async () => {} }
  await assert.rejects(handlers['message.send'](session, { message: { kind: 'event', chatId: GROUP, id: '3EB0EVT',
    event: { name: 'Offsite', startTime: 2063137000, callLink: 'https://call.whatsapp.com/voice/TOKEN9' } } }))
  const [jid, content, options] = sent.at(-1)
  assert.equal(jid, GROUP)
  const again = await generateWAMessageContent(content, { ...noUploads, getCallLink: options.getCallLink })
  assert.equal(again.eventMessage.joinLink, 'https://call.whatsapp.com/voice/TOKEN9')
})

test('a response the bridge makes is opened by Baileys\' decryptEventResponse and relayed as encEventResponseMessage', async () => {
  const bobs = await eventMessage({ name: 'Bob\'s party', startTime: 2063137000 })
  kept.set('BOBEVT1', bobs)
  const relayed = []
  const sock = { ...real.sock, relayMessage: async (jid, message, opts) => { relayed.push([jid, message, opts]) } }
  const handlers = commandHandlers(async sent => ({ key: { chatId: BOB, fromMe: true, id: sent.key.id }, type: 'UNKNOWN' }))
  const session = { socket: () => sock, contents }
  const answer = await handlers['message.send'](session, { message: { kind: 'eventResponse', chatId: BOB,
    event: { chatId: BOB, fromMe: false, id: 'BOBEVT1' }, response: 'MAYBE' } })
  assert.equal(answer.type, 'EVENT_RESPONSE')
  const [jid, message] = relayed.at(-1)
  assert.equal(jid, BOB_JID)
  const enc = message.encEventResponseMessage
  assert.deepEqual(enc.eventCreationMessageKey, { remoteJid: BOB_JID, fromMe: false, id: 'BOBEVT1' })
  const opened = decryptEventResponse(enc, { eventEncKey: bobs.messageContextInfo.messageSecret, eventCreatorJid: BOB_JID,
    eventMsgId: 'BOBEVT1', responderJid: ME_PN })
  assert.equal(opened.response, proto.Message.EventResponseMessage.EventResponseType.MAYBE)

  await assert.rejects(handlers['message.send'](session, { message: { kind: 'eventResponse', chatId: BOB,
    event: { chatId: BOB, fromMe: false, id: 'NEVERSEEN' }, response: 'GOING' } }), err => err.code === -32005)
})

/** Bob's response to our event EVT, encrypted with {@code secret}, as his client sends it. */
function bobsResponse (id, eventId, secret, answer = 'GOING') {
  const enc = encryptEventResponse(answer, { eventEncKey: secret, eventCreatorJid: ME_PN, eventMsgId: eventId, responderJid: BOB_JID })
  return messageNode({ from: BOB_JID, id }, { raw: { encEventResponseMessage: { eventCreationMessageKey: { remoteJid: ME_PN, fromMe: false, id: eventId }, ...enc } } })
}

test('a response to our event is decrypted by Baileys and reported on our key of the event', async () => {
  const ours = await eventMessage({ name: 'Our lunch', startTime: 2063137000 })
  kept.set('OUREVT1', ours)
  real.feed(await bobsResponse('RESP1', 'OUREVT1', ours.messageContextInfo.messageSecret, 'NOT_GOING'))
  const response = await eventFor(e => e.type === 'event.response' && e.response.id === 'RESP1')
  assert.deepEqual([response.event, response.from, response.answer, response.failed],
    [{ chatId: BOB, fromMe: true, id: 'OUREVT1' }, BOB, 'NOT_GOING', false])
})

test('a response that cannot be decrypted (another secret, or an event not known here) is a failed event.response', async () => {
  const ours = await eventMessage({ name: 'Another', startTime: 2063137000 })
  kept.set('OUREVT2', ours)
  real.feed(await bobsResponse('RESP2', 'OUREVT2', randomBytes(32)))
  const failed = await eventFor(e => e.type === 'event.response' && e.response.id === 'RESP2')
  assert.deepEqual([failed.event, failed.from, failed.answer, failed.failed], [{ chatId: BOB, fromMe: true, id: 'OUREVT2' }, BOB, 'UNKNOWN', true])
  assert.match(failed.reason, /could not be decrypted/)
  assert.equal(events.some(e => e.type === 'event.response' && e.response.id === 'RESP2'), false)

  real.feed(await bobsResponse('RESP3', 'GONEEVT', randomBytes(32)))
  const unknown = await eventFor(e => e.type === 'event.response' && e.response.id === 'RESP3')
  assert.equal(unknown.failed, true)
  assert.match(unknown.reason, /not known/)
})

test('an event received is a message of type EVENT with its fields', async () => {
  real.feed(await messageNode({ from: BOB_JID, id: 'BOBEVT2' }, { raw: await eventMessage({ name: 'Picnic', startTime: 2063137000, location: 'Park' }) }))
  const message = await eventFor(e => e.type === 'message' && e.message.key.id === 'BOBEVT2')
  assert.equal(message.message.type, 'EVENT')
  assert.deepEqual(message.message.event, { name: 'Picnic', startTime: 2063137000, location: 'Park' })
})
