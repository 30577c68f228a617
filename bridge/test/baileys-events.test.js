// The bridge's events from what Baileys' real socket makes of the nodes WhatsApp sends (see
// baileys-socket.js): the key shapes are Baileys' own, not written down here.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { generateWAMessageContent } from 'baileys'
import { bindEvents } from '../src/events.js'
import { encryptPollVote } from '../src/pollvote.js'
import { PollStore } from '../src/polls.js'
import { messageNode, realSocket, receiptNode } from './baileys-socket.js'
import { silentLogger, until } from './fakes.js'

const ME_JID = '15550000100:2@s.whatsapp.net'
const ME = '15550000100@c.us'
const GROUP = '120363000000000042@g.us'
const BOB = '15550000001@s.whatsapp.net'

const real = await realSocket({ me: { id: ME_JID, lid: '990000000000100:2@lid' } })
after(() => real.close())

const events = []
const polls = new PollStore()
bindEvents(real.sock.ev, {
  me: () => ME,
  meLid: () => '990000000000100@lid',
  meJid: () => ME_JID,
  meLidJid: () => '990000000000100:2@lid',
  emit: e => events.push(e),
  pnForLid: lid => real.sock.signalRepository.lidMapping.getPNForLID(lid),
  lidForPn: pn => real.sock.signalRepository.lidMapping.getLIDForPN(pn),
  sentByApi: () => false,
  polls,
  log: silentLogger
})

async function eventFor (predicate) {
  let found
  await until(() => (found = events.find(predicate)), 5000)
  return found
}

test('a member\'s receipt of our group message acks it under the key it was sent with, naming the reader', async () => {
  real.feed(receiptNode({ from: GROUP, participant: BOB, id: 'OWNG1', type: 'read' }, ['OWNG2']))
  const acks = [await eventFor(e => e.type === 'ack' && e.key.id === 'OWNG1'), await eventFor(e => e.type === 'ack' && e.key.id === 'OWNG2')]
  for (const ack of acks) {
    assert.deepEqual(ack.key, { chatId: GROUP, fromMe: true, id: ack.key.id })
    assert.deepEqual([ack.from, ack.to, ack.ack, ack.reader], [ME, GROUP, 'READ', '15550000001@c.us'])
  }
  real.feed(receiptNode({ from: GROUP, participant: BOB, id: 'OWNG3' }))
  const delivered = await eventFor(e => e.type === 'ack' && e.key.id === 'OWNG3')
  assert.deepEqual([delivered.key, delivered.ack], [{ chatId: GROUP, fromMe: true, id: 'OWNG3' }, 'DEVICE'])
})

test('a member\'s receipt that Baileys folded into our group message\'s echo (one event batch) still acks it', async () => {
  // As relayMessage and handleReceipt emit them, within one buffered batch: Baileys' event buffer then folds
  // the receipt into the upsert (userReceipt) and reports no message-receipt.update of its own.
  real.sock.ev.buffer()
  await real.sock.upsertMessage({ key: { remoteJid: GROUP, fromMe: true, id: 'OWNFOLD' }, message: { conversation: 'hi all' },
    messageTimestamp: Math.floor(Date.now() / 1000), status: 1 }, 'append')
  real.sock.ev.emit('message-receipt.update', [{ key: { remoteJid: GROUP, fromMe: true, id: 'OWNFOLD', participant: BOB },
    receipt: { userJid: BOB, receiptTimestamp: Math.floor(Date.now() / 1000) } }])
  real.sock.ev.flush()
  const echo = await eventFor(e => e.type === 'message' && e.message.key.id === 'OWNFOLD')
  assert.equal(echo.message.ack, 'DEVICE')
  assert.equal(events.some(e => e.type === 'ack' && e.key.id === 'OWNFOLD'), false)
})

test('a 1:1 read receipt acks our message', async () => {
  real.feed(receiptNode({ from: BOB, id: 'OWN1', type: 'read' }))
  const ack = await eventFor(e => e.type === 'ack' && e.key.id === 'OWN1')
  assert.deepEqual(ack, { type: 'ack', key: { chatId: '15550000001@c.us', fromMe: true, id: 'OWN1' }, from: ME, to: '15550000001@c.us', ack: 'READ' })
})

test('a member\'s reaction to our group message targets it by the key it was sent with', async () => {
  // Bob's client names our message as it sees it: from us, so not from Bob, with us as participant.
  const bobsKey = { remoteJid: GROUP, fromMe: false, id: 'OWNG9', participant: '15550000100@s.whatsapp.net' }
  real.feed(await messageNode({ from: GROUP, participant: BOB, id: 'REACT1', type: 'reaction' }, { react: { text: '👍', key: bobsKey } }))
  const reaction = await eventFor(e => e.type === 'reaction' && e.key.id === 'REACT1')
  assert.deepEqual(reaction.target, { chatId: GROUP, fromMe: true, id: 'OWNG9' })
  assert.deepEqual(reaction.key, { chatId: GROUP, fromMe: false, id: 'REACT1', participant: '15550000001@c.us' })
  assert.equal(reaction.text, '👍')
})

test('a member\'s reaction to another member\'s group message keeps that member as participant', async () => {
  const carol = '15550000003@s.whatsapp.net'
  real.feed(await messageNode({ from: GROUP, participant: BOB, id: 'REACT2', type: 'reaction' }, { react: { text: '🎉', key: { remoteJid: GROUP, fromMe: false, id: 'CAROL1', participant: carol } } }))
  const reaction = await eventFor(e => e.type === 'reaction' && e.key.id === 'REACT2')
  assert.deepEqual(reaction.target, { chatId: GROUP, fromMe: false, id: 'CAROL1', participant: '15550000003@c.us' })
})

test('a member\'s group message is from the group to us, the member its participant, as on the sandbox', async () => {
  real.feed(await messageNode({ from: GROUP, participant: BOB, id: 'GTEXT1', notify: 'Bob' }, { text: 'hello group' }))
  const { message } = await eventFor(e => e.type === 'message' && e.message.key.id === 'GTEXT1')
  assert.deepEqual(message.key, { chatId: GROUP, fromMe: false, id: 'GTEXT1', participant: '15550000001@c.us' })
  assert.deepEqual([message.from, message.to, message.type, message.body, message.pushName], [GROUP, ME, 'TEXT', 'hello group', 'Bob'])
  // A LID-addressed group: the member is named by phone number where the stanza says it, with the LID beside.
  real.feed(await messageNode({ from: GROUP, participant: '81234567890123@lid', participant_pn: '15550000004@s.whatsapp.net', addressing_mode: 'lid', id: 'GTEXT2' }, { text: 'by lid' }))
  const lid = (await eventFor(e => e.type === 'message' && e.message.key.id === 'GTEXT2')).message
  assert.deepEqual([lid.key.participant, lid.from, lid.to, lid.fromLid], ['15550000004@c.us', GROUP, ME, '81234567890123@lid'])
})

test('a 1:1 message is from its sender to us; a member\'s reaction is from the group to us', async () => {
  real.feed(await messageNode({ from: BOB, id: 'DM1' }, { text: 'hi' }))
  const { message } = await eventFor(e => e.type === 'message' && e.message.key.id === 'DM1')
  assert.deepEqual([message.from, message.to, message.key.participant], ['15550000001@c.us', ME, undefined])
  const reaction = await eventFor(e => e.type === 'reaction' && e.key.id === 'REACT1')
  assert.deepEqual([reaction.from, reaction.to], [GROUP, ME])
})

test('WhatsApp\'s error ack of a sent message is an ERROR ack with the code and what it means', async () => {
  real.feed({ tag: 'ack', attrs: { class: 'message', id: 'FAIL463', from: BOB, error: '463', t: '1700000000' } })
  real.feed({ tag: 'ack', attrs: { class: 'message', id: 'FAIL479', from: GROUP, error: '479' } })
  real.feed({ tag: 'ack', attrs: { class: 'message', id: 'FAIL421', from: BOB, error: '421' } })
  const [restricted, invalid, other] = await Promise.all(['FAIL463', 'FAIL479', 'FAIL421'].map(id => eventFor(e => e.type === 'ack' && e.key.id === id)))
  assert.deepEqual([restricted.key, restricted.ack, restricted.from, restricted.to], [{ chatId: '15550000001@c.us', fromMe: true, id: 'FAIL463' }, 'ERROR', ME, '15550000001@c.us'])
  assert.equal(restricted.error.code, '463')
  assert.match(restricted.error.reason, /^Your account has been restricted: .*reach-out restriction.*Do not retry/)
  assert.deepEqual([invalid.key.chatId, invalid.error.code], [GROUP, '479'])
  assert.match(invalid.error.reason, /SMAX_INVALID/)
  assert.deepEqual(other.error, { code: '421', reason: 'WhatsApp reported error 421 for the message' })
})

test('an error ack that Baileys folded into our send\'s echo (one event batch) is still an ERROR ack with its code', async () => {
  real.sock.ev.buffer()
  await real.sock.upsertMessage({ key: { remoteJid: BOB, fromMe: true, id: 'FOLD463' }, message: { conversation: 'hi' },
    messageTimestamp: Math.floor(Date.now() / 1000), status: 1 }, 'append')
  // Baileys' own ack listener runs first (it was registered first) and emits the update into the buffer.
  const handled = new Promise(resolve => real.sock.ws.once('CB:ack,class:message', resolve))
  real.feed({ tag: 'ack', attrs: { class: 'message', id: 'FOLD463', from: BOB, error: '463' } })
  await handled
  real.sock.ev.flush()
  const echo = await eventFor(e => e.type === 'message' && e.message.key.id === 'FOLD463')
  assert.equal(echo.message.ack, 'ERROR')
  const failed = await eventFor(e => e.type === 'ack' && e.key.id === 'FOLD463')
  assert.deepEqual([failed.key, failed.ack, failed.error.code], [{ chatId: '15550000001@c.us', fromMe: true, id: 'FOLD463' }, 'ERROR', '463'])
})

test('a message that cannot be decrypted is message.waiting with Baileys\' reason, once however often it fails', async () => {
  const undecryptable = () => ({ tag: 'message', attrs: { from: BOB, id: 'BADMAC1', t: String(Math.floor(Date.now() / 1000)), type: 'text' }, content: [{ tag: 'enc', attrs: { v: '2', type: 'msg' }, content: Buffer.from('not a signal message') }] })
  real.feed(undecryptable())
  const waiting = await eventFor(e => e.type === 'waiting' && e.key.id === 'BADMAC1')
  assert.deepEqual(waiting.key, { chatId: '15550000001@c.us', fromMe: false, id: 'BADMAC1' })
  assert.equal(typeof waiting.reason, 'string')
  assert.ok(waiting.reason.length > 0)
  real.feed(undecryptable())
  real.feed(await messageNode({ from: BOB, id: 'AFTERBAD' }, { text: 'next' }))
  await eventFor(e => e.type === 'message' && e.message.key.id === 'AFTERBAD')
  assert.equal(events.filter(e => e.type === 'waiting' && e.key.id === 'BADMAC1').length, 1)
})

test('a vote in a LID chat, encrypted with LIDs for voter and creator, is decrypted', async () => {
  const bobLid = '81234567890199@lid'
  // Our poll, as Baileys makes it (with its messageSecret), sent to Bob's LID.
  const content = await generateWAMessageContent({ poll: { name: 'Lunch?', values: ['Pizza', 'Sushi'], selectableCount: 1 } }, { upload: async () => {} })
  await polls.remember({ key: { remoteJid: bobLid, fromMe: true, id: 'LIDPOLL1' }, message: content })
  for (const [id, voterJid, pollCreatorJid, choice] of [['LIDVOTE1', bobLid, '990000000000100@lid', 'Sushi'], ['PNVOTE1', BOB, '15550000100@s.whatsapp.net', 'Pizza']]) {
    const vote = encryptPollVote([choice], { pollEncKey: content.messageContextInfo.messageSecret, pollCreatorJid, pollMsgId: 'LIDPOLL1', voterJid })
    // Bob's client names our poll as it sees it: in its chat with us, by our LID.
    real.feed(await messageNode({ from: bobLid, sender_pn: BOB, addressing_mode: 'lid', id, type: 'poll' }, {
      raw: { pollUpdateMessage: { pollCreationMessageKey: { remoteJid: '990000000000100@lid', fromMe: false, id: 'LIDPOLL1' }, vote, senderTimestampMs: Date.now() } }
    }))
    const counted = await eventFor(e => e.type?.startsWith('poll.') && e.vote.id === id)
    assert.equal(counted.type, 'poll.vote', counted.reason)
    assert.deepEqual([counted.from, counted.selectedOptions, counted.poll.id], ['15550000001@c.us', [choice], 'LIDPOLL1'])
  }
})
