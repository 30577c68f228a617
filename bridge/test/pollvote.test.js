import { test } from 'node:test'
import assert from 'node:assert/strict'
import { cleanMessage, decryptPollVote } from 'baileys'
import { ERRORS } from '../src/rpc.js'
import { encryptPollVote, optionHash, voteParties } from '../src/pollvote.js'
import { FakeRpc, fakeBridge, until } from './fakes.js'

const jidOf = id => id.replace(/:\d+@/, '@')
const hex = list => list.map(h => Buffer.from(h).toString('hex'))
const SECRET = Buffer.alloc(32, 7)
const PEER = '15550000001@s.whatsapp.net'
const ME = '15550000100@s.whatsapp.net'

test('a vote encrypted here is decrypted by Baileys\' own decryptPollVote to the same option hashes', () => {
  const ctx = { pollEncKey: SECRET, pollCreatorJid: PEER, pollMsgId: '3EB0POLL1', voterJid: ME }
  for (const options of [['Yes'], ['Red', 'Blue ünicode 🎨'], []]) {
    const vote = encryptPollVote(options, ctx)
    assert.equal(vote.encIv.length, 12)
    const decrypted = decryptPollVote(vote, ctx)
    assert.deepEqual(hex(decrypted.selectedOptions), hex(options.map(optionHash)))
  }
  // Another voter, poll or secret does not decrypt it: the key is bound to all three.
  const vote = encryptPollVote(['Yes'], ctx)
  for (const other of [{ voterJid: PEER }, { pollMsgId: '3EB0POLL2' }, { pollEncKey: Buffer.alloc(32, 8) }]) {
    assert.throws(() => decryptPollVote(vote, { ...ctx, ...other }))
  }
})

test('the voter is named as the poll\'s chat names people: its LID where the chat uses LIDs', () => {
  const user = { id: '15550000100:3@s.whatsapp.net', lid: '99887766:3@lid' }
  assert.deepEqual(voteParties({ creator: 'me', chatJid: PEER }, user), { voterJid: ME, pollCreatorJid: ME })
  assert.deepEqual(voteParties({ creator: '1234@lid', chatJid: '1-2@g.us' }, user), { voterJid: '99887766@lid', pollCreatorJid: '1234@lid' })
  assert.deepEqual(voteParties({ creator: PEER, chatJid: PEER }, { id: user.id }), { voterJid: ME, pollCreatorJid: PEER })
})

/** The session sends a poll the way Baileys answers sendMessage for one: with a fresh messageSecret. */
async function sendPoll (b) {
  b.sock.answers.sendMessage = (jid, content) => ({
    key: { remoteJid: jid, fromMe: true, id: 'POLL1' },
    messageTimestamp: 1700000000,
    message: {
      messageContextInfo: { messageSecret: SECRET },
      pollCreationMessage: { name: content.poll.name, options: content.poll.values.map(optionName => ({ optionName })), selectableOptionsCount: 1 }
    }
  })
  const answer = await b.call('message.send', { session: 'ses_1', message: { chatId: '15550000001@c.us', kind: 'poll', poll: { name: 'Lunch?', options: ['Pizza', 'Sushi'], selectableCount: 1 } } })
  assert.ok(answer.result, JSON.stringify(answer))
}

const vote = (b, options) => b.call('message.send', {
  session: 'ses_1',
  message: { chatId: '15550000001@c.us', kind: 'pollVote', poll: { chatId: '15550000001@c.us', fromMe: true, id: 'POLL1' }, selectedOptions: options }
})

test('a sent poll\'s secret is stored before the send is answered, and a vote is the exact relayMessage call', async () => {
  const b = await fakeBridge()
  await sendPoll(b)
  const stored = JSON.parse(b.store.store.get('ses_1:poll:POLL1'))
  assert.deepEqual(stored, { secret: SECRET.toString('base64'), options: ['Pizza', 'Sushi'], creator: 'me', chatJid: PEER })

  const answer = await vote(b, ['Sushi'])
  assert.ok(answer.result, JSON.stringify(answer))
  const [method, jid, message, options] = b.sock.calls.at(-1)
  assert.equal(method, 'relayMessage')
  assert.equal(jid, PEER)
  assert.deepEqual(options.additionalNodes, [{ tag: 'meta', attrs: { polltype: 'vote' } }])
  assert.equal(typeof options.messageId, 'string')
  const update = message.pollUpdateMessage
  assert.deepEqual(update.pollCreationMessageKey, { remoteJid: PEER, fromMe: true, id: 'POLL1' })
  assert.ok(Number(update.senderTimestampMs) > 0)
  const decrypted = decryptPollVote(update.vote, { pollEncKey: SECRET, pollCreatorJid: ME, pollMsgId: 'POLL1', voterJid: ME })
  assert.deepEqual(hex(decrypted.selectedOptions), hex([optionHash('Sushi')]))
  assert.equal(answer.result.type, 'POLL_VOTE')
  assert.equal(answer.result.key.id, options.messageId)
  assert.equal(answer.result.engineType, undefined)
})

test('after a bridge restart the poll\'s secret comes back from the store: votes are sent and decrypted', async () => {
  const store = new FakeRpc()
  const first = await fakeBridge({ store })
  await sendPoll(first)
  await first.call('shutdown', {})

  const b = await fakeBridge({ store })
  assert.ok((await vote(b, ['Pizza'])).result)
  assert.ok(store.calls.some(([m, p]) => m === 'poll.secret.get' && p.id === 'POLL1'))

  // The peer votes: Baileys names the voter by the vote's key and the creator (us) by our phone id.
  const peerVote = encryptPollVote(['Pizza', 'Sushi'], { pollEncKey: SECRET, pollCreatorJid: ME, pollMsgId: 'POLL1', voterJid: PEER })
  b.sock.ev.emit('messages.upsert', {
    type: 'notify',
    messages: [{
      key: { remoteJid: PEER, fromMe: false, id: 'VOTE9' },
      messageTimestamp: 1700000100,
      message: { pollUpdateMessage: { pollCreationMessageKey: { remoteJid: PEER, fromMe: true, id: 'POLL1' }, vote: peerVote, senderTimestampMs: 1700000100500 } }
    }]
  })
  await until(() => b.out.some(o => o.method === 'event' && o.params.event.type.startsWith('poll.')))
  const event = b.out.find(o => o.method === 'event' && o.params.event.type.startsWith('poll.')).params.event
  assert.deepEqual(event, {
    type: 'poll.vote',
    vote: { chatId: '15550000001@c.us', fromMe: false, id: 'VOTE9' },
    from: '15550000001@c.us',
    to: '15550000100@c.us',
    poll: { chatId: '15550000001@c.us', fromMe: true, id: 'POLL1' },
    selectedOptions: ['Pizza', 'Sushi'],
    timestamp: 1700000100500
  })
})

test('a vote on a poll the session never saw, or for an option it does not have, is refused before anything is sent', async () => {
  const b = await fakeBridge()
  assert.equal((await vote(b, ['Pizza'])).error.code, ERRORS.CONFLICT)
  await sendPoll(b)
  assert.equal((await vote(b, ['Pasta'])).error.code, ERRORS.INVALID)
  assert.ok(!b.sock.calls.some(([m]) => m === 'relayMessage'))
})

test('a poll received in a LID-addressed group is remembered with its sender, and the vote on it uses our LID', async () => {
  const b = await fakeBridge()
  b.sock.user.lid = '99887766:1@lid'
  b.sock.ev.emit('messages.upsert', {
    type: 'notify',
    messages: [{
      key: { remoteJid: '1-2@g.us', fromMe: false, id: 'GPOLL', participant: '1234@lid', participantAlt: PEER },
      messageTimestamp: 1700000000,
      message: { messageContextInfo: { messageSecret: SECRET }, pollCreationMessage: { name: 'Q', options: [{ optionName: 'a' }, { optionName: 'b' }], selectableOptionsCount: 1 } }
    }]
  })
  await until(() => b.store.store.has('ses_1:poll:GPOLL'))
  const answer = await b.call('message.send', {
    session: 'ses_1',
    message: { chatId: '1-2@g.us', kind: 'pollVote', poll: { chatId: '1-2@g.us', fromMe: false, id: 'GPOLL', participant: '15550000001@c.us' }, selectedOptions: ['b'] }
  })
  assert.ok(answer.result, JSON.stringify(answer))
  const update = b.sock.calls.at(-1)[2].pollUpdateMessage
  assert.deepEqual(update.pollCreationMessageKey, { remoteJid: '1-2@g.us', fromMe: false, id: 'GPOLL', participant: '1234@lid' })
  const decrypted = decryptPollVote(update.vote, { pollEncKey: SECRET, pollCreatorJid: '1234@lid', pollMsgId: 'GPOLL', voterJid: '99887766@lid' })
  assert.deepEqual(hex(decrypted.selectedOptions), hex([optionHash('b')]))
})

test('a poll received in a 1:1 chat is remembered with its sender (not the empty participant cleanMessage leaves), so the sender can decrypt our vote', async () => {
  const b = await fakeBridge()
  const poll = {
    key: { remoteJid: PEER, fromMe: false, id: 'DPOLL' },
    messageTimestamp: 1700000000,
    message: { messageContextInfo: { messageSecret: SECRET }, pollCreationMessage: { name: 'Q', options: [{ optionName: 'a' }, { optionName: 'b' }], selectableOptionsCount: 1 } }
  }
  cleanMessage(poll, ME)
  assert.equal(poll.key.participant, '')
  b.sock.ev.emit('messages.upsert', { type: 'notify', messages: [poll] })
  await until(() => b.store.store.has('ses_1:poll:DPOLL'))
  assert.equal(JSON.parse(b.store.store.get('ses_1:poll:DPOLL')).creator, PEER)
  const answer = await b.call('message.send', {
    session: 'ses_1',
    message: { chatId: '15550000001@c.us', kind: 'pollVote', poll: { chatId: '15550000001@c.us', fromMe: false, id: 'DPOLL' }, selectedOptions: ['a'] }
  })
  assert.ok(answer.result, JSON.stringify(answer))
  const update = b.sock.calls.at(-1)[2].pollUpdateMessage
  const decrypted = decryptPollVote(update.vote, { pollEncKey: SECRET, pollCreatorJid: PEER, pollMsgId: 'DPOLL', voterJid: jidOf(b.sock.user.id) })
  assert.deepEqual(hex(decrypted.selectedOptions), hex([optionHash('a')]))
  // A record stored with the empty creator still votes with the chat as the creator.
  assert.deepEqual(voteParties({ creator: '', chatJid: PEER }, { id: '15550000100:3@s.whatsapp.net' }), { voterJid: ME, pollCreatorJid: PEER })
})

test('polls in history sync are remembered, so votes on them decrypt', async () => {
  const b = await fakeBridge()
  b.sock.ev.emit('messaging-history.set', {
    chats: [],
    contacts: [],
    messages: [
      { key: { remoteJid: PEER, fromMe: false, id: 'OLDTEXT' }, message: { conversation: 'hi' } },
      { key: { remoteJid: PEER, fromMe: false, id: 'OLDPOLL' }, message: { messageContextInfo: { messageSecret: SECRET }, pollCreationMessage: { name: 'Q', options: [{ optionName: 'x' }] } } }
    ]
  })
  await until(() => b.store.store.has('ses_1:poll:OLDPOLL'))
  assert.deepEqual([...b.store.store.keys()].filter(k => k.includes(':poll:')), ['ses_1:poll:OLDPOLL'])
  assert.equal(JSON.parse(b.store.store.get('ses_1:poll:OLDPOLL')).creator, PEER)
})
