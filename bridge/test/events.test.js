import { test } from 'node:test'
import assert from 'node:assert/strict'
import { EventEmitter } from 'node:events'
import { aesEncryptGCM, generateWAMessageContent, hmacSign, proto, sha256, WAMessageStubType } from 'baileys'
import pino from 'pino'
import { deserialize } from '../src/auth.js'
import { bindEvents } from '../src/events.js'
import { PollStore } from '../src/polls.js'
import { silentLogger, until } from './fakes.js'

const ME = '15550000100@c.us'
const LIDS = { '111@lid': '15550000001@s.whatsapp.net' }

function harness (extra = {}) {
  const ev = new EventEmitter()
  const events = []
  const polls = new PollStore()
  bindEvents(ev, {
    me: () => ME,
    meLid: () => '999@lid',
    meJid: () => '15550000100:2@s.whatsapp.net',
    emit: e => events.push(e),
    pnForLid: async lid => LIDS[lid] ?? null,
    sentByApi: id => id === 'API1',
    polls,
    log: silentLogger,
    ...extra
  })
  return { ev, events, polls, next: async (n = 1) => { await until(() => events.length >= n); return events[n - 1] } }
}

const incoming = (message, key = {}) => ({
  key: { remoteJid: '15550000001@s.whatsapp.net', fromMe: false, id: 'M1', ...key },
  messageTimestamp: 1700000000,
  pushName: 'Bob',
  message
})

test('an incoming text is a message in the message shape wagate stores', async () => {
  const h = harness()
  h.ev.emit('messages.upsert', { type: 'notify', messages: [incoming({ conversation: 'hi' })] })
  const e = await h.next()
  assert.deepEqual(e, {
    type: 'message',
    message: {
      key: { chatId: '15550000001@c.us', fromMe: false, id: 'M1' },
      timestamp: 1700000000000,
      from: '15550000001@c.us',
      to: ME,
      source: 'APP',
      type: 'TEXT',
      body: 'hi',
      vCards: [],
      ack: 'DEVICE',
      pushName: 'Bob'
    }
  })
})

test('a @lid sender becomes its phone number, by the key\'s alt or the LID mapping, with fromLid', async () => {
  const h = harness()
  h.ev.emit('messages.upsert', { type: 'notify', messages: [incoming({ conversation: 'a' }, { remoteJid: '222@lid', remoteJidAlt: '15550000002@s.whatsapp.net' })] })
  h.ev.emit('messages.upsert', { type: 'notify', messages: [incoming({ conversation: 'b' }, { remoteJid: '111@lid', id: 'M2' })] })
  h.ev.emit('messages.upsert', { type: 'notify', messages: [incoming({ conversation: 'c' }, { remoteJid: '333@lid', id: 'M3' })] })
  await h.next(3)
  assert.deepEqual(h.events.map(e => [e.message.from, e.message.fromLid]), [
    ['15550000002@c.us', '222@lid'], ['15550000001@c.us', '111@lid'], ['333@lid', '333@lid']])
})

test('group messages name the participant; own messages sent by the API say so', async () => {
  const h = harness()
  h.ev.emit('messages.upsert', { type: 'notify', messages: [incoming({ extendedTextMessage: { text: 'yo' } }, { remoteJid: '123-456@g.us', participant: '15550000001@s.whatsapp.net' })] })
  h.ev.emit('messages.upsert', { type: 'append', messages: [incoming({ conversation: 'mine' }, { fromMe: true, id: 'API1' })] })
  await h.next(2)
  const [group, own] = h.events.map(e => e.message)
  assert.deepEqual([group.key.participant, group.from, group.to], ['15550000001@c.us', '123-456@g.us', ME])
  assert.deepEqual([own.from, own.to, own.source, own.ack], [ME, '15550000001@c.us', 'API', 'SERVER'])
})

test('every content type maps to its wagate type', async () => {
  const h = harness()
  const cases = [
    [{ imageMessage: { caption: 'pic', mimetype: 'image/jpeg' } }, 'IMAGE', 'pic'],
    [{ videoMessage: { caption: 'vid', gifPlayback: true } }, 'VIDEO', 'vid'],
    [{ audioMessage: { ptt: true } }, 'VOICE', ''],
    [{ audioMessage: { ptt: false } }, 'AUDIO', ''],
    [{ documentWithCaptionMessage: { message: { documentMessage: { caption: 'doc', fileName: 'a.pdf' } } } }, 'DOCUMENT', 'doc'],
    [{ stickerMessage: {} }, 'STICKER', ''],
    [{ locationMessage: { degreesLatitude: 1.5, degreesLongitude: 2.5, name: 'Here', address: 'Street' } }, 'LOCATION', 'Here'],
    [{ contactMessage: { displayName: 'Jeff', vcard: 'BEGIN:VCARD' } }, 'VCARD', 'Jeff'],
    [{ contactsArrayMessage: { displayName: '2 contacts', contacts: [{ vcard: 'A' }, { vcard: 'B' }] } }, 'VCARD', '2 contacts'],
    [{ pollCreationMessageV3: { name: 'Q?', options: [{ optionName: 'a' }, { optionName: 'b' }], selectableOptionsCount: 1 } }, 'POLL', 'Q?'],
    [{ viewOnceMessageV2: { message: { imageMessage: { caption: 'once' } } } }, 'IMAGE', 'once'],
    [{ ephemeralMessage: { message: { conversation: 'eph' } } }, 'TEXT', 'eph'],
    [{ buttonsMessage: { contentText: 'x' } }, 'UNKNOWN', '']
  ]
  cases.forEach(([message], i) => h.ev.emit('messages.upsert', { type: 'notify', messages: [incoming(message, { id: `C${i}` })] }))
  await h.next(cases.length)
  cases.forEach(([, type, body], i) => {
    const m = h.events.find(e => e.message.key.id === `C${i}`).message
    assert.deepEqual([m.type, m.body], [type, body], `case ${i}`)
  })
  const byId = id => h.events.find(e => e.message.key.id === id).message
  // Media is not downloaded here: a ref says how to fetch it when a client asks (see media.test.js).
  assert.deepEqual({ ...byId('C0').media, ref: typeof byId('C0').media.ref }, { mimetype: 'image/jpeg', filename: 'C0.jpeg', size: 0, ref: 'string' })
  assert.deepEqual([byId('C1').media.gif, byId('C10').media.viewOnce, byId('C0').media.viewOnce], [true, true, undefined])
  assert.equal(byId('C4').media.filename, 'a.pdf')
  assert.deepEqual(byId('C6').location, { latitude: 1.5, longitude: 2.5, title: 'Here', address: 'Street' })
  assert.deepEqual(byId('C8').vCards, ['A', 'B'])
  assert.deepEqual(byId('C9').poll, { name: 'Q?', options: ['a', 'b'], selectableCount: 1 })
  assert.equal(byId('C12').engineType, 'buttonsMessage')
})

test('a reply carries the quoted message\'s key and text', async () => {
  const h = harness()
  h.ev.emit('messages.upsert', { type: 'notify', messages: [incoming({ extendedTextMessage: { text: 'answer', contextInfo: { stanzaId: 'Q1', participant: '15550000100@s.whatsapp.net', quotedMessage: { conversation: 'question' } } } })] })
  const { message } = await h.next()
  assert.deepEqual(message.replyTo, { key: { chatId: '15550000001@c.us', fromMe: true, id: 'Q1' }, body: 'question' })
})

test('status updates are acks with the values wagate uses (-1 … 4); group receipts name the reader', async () => {
  const h = harness()
  const key = { remoteJid: '15550000001@s.whatsapp.net', fromMe: true, id: 'S1' }
  h.ev.emit('messages.update', [{ key, update: { status: proto.WebMessageInfo.Status.SERVER_ACK } }, { key, update: { status: proto.WebMessageInfo.Status.READ } }, { key, update: { status: proto.WebMessageInfo.Status.ERROR } }])
  h.ev.emit('message-receipt.update', [{ key: { remoteJid: '1-2@g.us', fromMe: true, id: 'G1' }, receipt: { userJid: '111@lid', readTimestamp: 5 } }])
  await h.next(4)
  assert.deepEqual(h.events.slice(0, 3).map(e => e.ack), ['SERVER', 'READ', 'ERROR'])
  assert.deepEqual(h.events[0], { type: 'ack', key: { chatId: '15550000001@c.us', fromMe: true, id: 'S1' }, from: ME, to: '15550000001@c.us', ack: 'SERVER' })
  assert.deepEqual(h.events[3], { type: 'ack', key: { chatId: '1-2@g.us', fromMe: true, id: 'G1' }, from: ME, to: '1-2@g.us', ack: 'READ', reader: '15550000001@c.us' })
})

test('a reaction names its own key, the target and the emoji ("" removes)', async () => {
  const h = harness()
  h.ev.emit('messages.reaction', [{ key: { remoteJid: '15550000001@s.whatsapp.net', fromMe: true, id: 'T1' }, reaction: { key: { remoteJid: '15550000001@s.whatsapp.net', fromMe: false, id: 'R1' }, text: '👍', senderTimestampMs: 1700000000123 } }])
  const e = await h.next()
  assert.deepEqual(e, { type: 'reaction', key: { chatId: '15550000001@c.us', fromMe: false, id: 'R1' }, from: '15550000001@c.us', to: ME, target: { chatId: '15550000001@c.us', fromMe: true, id: 'T1' }, text: '👍', timestamp: 1700000000123 })
})

test('a revocation and an edit arrive as messages.update and become revoked and edited', async () => {
  const h = harness()
  const key = { remoteJid: '15550000001@s.whatsapp.net', fromMe: false, id: 'O1' }
  h.ev.emit('messages.update', [{ key, update: { message: null, messageStubType: WAMessageStubType.REVOKE, key: { ...key, id: 'P1' } } }])
  h.ev.emit('messages.update', [{ key, update: { message: { editedMessage: { message: { protocolMessage: { type: 14, editedMessage: { conversation: 'fixed' } } } } }, messageTimestamp: 1700000100 } }])
  await h.next(2)
  const [revoked, edited] = h.events
  assert.equal(revoked.type, 'revoked')
  assert.deepEqual(revoked.revoked, { chatId: '15550000001@c.us', fromMe: false, id: 'O1' })
  assert.deepEqual([revoked.after.key.id, revoked.after.type], ['P1', 'REVOKED'])
  assert.equal(edited.type, 'edited')
  assert.deepEqual([edited.edited.id, edited.message.body, edited.message.type], ['O1', 'fixed', 'TEXT'])
})

function encryptVote (selected, { secret, pollMsgId, pollCreatorJid, voterJid }) {
  const sign = Buffer.concat([Buffer.from(pollMsgId), Buffer.from(pollCreatorJid), Buffer.from(voterJid), Buffer.from('Poll Vote'), new Uint8Array([1])])
  const key0 = hmacSign(secret, new Uint8Array(32), 'sha256')
  const decKey = hmacSign(sign, key0, 'sha256')
  const iv = Buffer.alloc(12, 7)
  const plain = proto.Message.PollVoteMessage.encode({ selectedOptions: selected.map(o => sha256(Buffer.from(o))) }).finish()
  return { encPayload: aesEncryptGCM(plain, decKey, iv, Buffer.from(`${pollMsgId}\u0000${voterJid}`)), encIv: iv }
}

test('a poll vote is decrypted to option names; one on an unknown poll is poll.vote.failed', async () => {
  const h = harness()
  const secret = Buffer.alloc(32, 3)
  const pollKey = { remoteJid: '15550000001@s.whatsapp.net', fromMe: true, id: 'POLL1' }
  h.polls.remember({ key: pollKey, message: { pollCreationMessageV3: { name: 'Q', options: [{ optionName: 'red' }, { optionName: 'blue' }] }, messageContextInfo: { messageSecret: secret } } })
  const vote = encryptVote(['blue'], { secret, pollMsgId: 'POLL1', pollCreatorJid: '15550000100@s.whatsapp.net', voterJid: '15550000001@s.whatsapp.net' })
  h.ev.emit('messages.upsert', { type: 'notify', messages: [incoming({ pollUpdateMessage: { pollCreationMessageKey: pollKey, vote, senderTimestampMs: 1700000000500 } }, { id: 'V1' })] })
  h.ev.emit('messages.upsert', { type: 'notify', messages: [incoming({ pollUpdateMessage: { pollCreationMessageKey: { ...pollKey, id: 'OLD' }, vote } }, { id: 'V2' })] })
  await h.next(2)
  const [ok, failed] = h.events
  assert.deepEqual(ok, { type: 'poll.vote', vote: { chatId: '15550000001@c.us', fromMe: false, id: 'V1' }, from: '15550000001@c.us', to: ME, poll: { chatId: '15550000001@c.us', fromMe: true, id: 'POLL1' }, selectedOptions: ['blue'], timestamp: 1700000000500 })
  assert.equal(failed.type, 'poll.vote.failed')
  assert.equal(failed.poll.id, 'OLD')
})

test('presence, with Baileys\' names in wagate\'s words', async () => {
  const h = harness()
  h.ev.emit('presence.update', { id: '15550000001@s.whatsapp.net', presences: { '15550000001@s.whatsapp.net': { lastKnownPresence: 'composing' }, '111@lid': { lastKnownPresence: 'unavailable', lastSeen: 1700000000 } } })
  const e = await h.next()
  assert.deepEqual(e, { type: 'presence', chatId: '15550000001@c.us', presences: [{ participant: '15550000001@c.us', lastKnownPresence: 'typing' }, { participant: '15550000001@c.us', lastKnownPresence: 'offline', lastSeen: 1700000000000 }] })
})

test('group events: join, update, participants (and the session\'s own join/leave)', async () => {
  const h = harness()
  h.ev.emit('groups.upsert', [{ id: '1-2@g.us', subject: 'G', desc: 'd', owner: '15550000100@s.whatsapp.net', participants: [{ id: '15550000100@s.whatsapp.net', admin: 'superadmin' }], announce: false, restrict: true, creation: 1700000000 }])
  h.ev.emit('groups.update', [{ id: '1-2@g.us', subject: 'New' }])
  h.ev.emit('group-participants.update', { id: '1-2@g.us', author: 'x', participants: [{ id: '111@lid', admin: null }], action: 'promote' })
  h.ev.emit('group-participants.update', { id: '1-2@g.us', author: 'x', participants: [{ id: '15550000100@s.whatsapp.net' }], action: 'remove' })
  await h.next(5)
  assert.deepEqual(h.events[0].group, { id: '1-2@g.us', subject: 'G', description: 'd', owner: ME, participants: [{ id: ME, role: 'SUPERADMIN' }], messagesAdminOnly: false, infoAdminOnly: true, createdAt: 1700000000000 })
  assert.equal(h.events[0].change, 'JOIN')
  assert.deepEqual([h.events[1].change, h.events[1].group], ['UPDATE', { id: '1-2@g.us', subject: 'New' }])
  assert.deepEqual([h.events[2].change, h.events[2].participants], ['PROMOTE', [{ id: '15550000001@c.us', lid: '111@lid', role: 'PARTICIPANT' }]])
  assert.deepEqual([h.events[3].type, h.events[3].change], ['group.participants', 'LEAVE'])
  assert.deepEqual([h.events[4].type, h.events[4].change, h.events[4].group.id], ['group', 'LEAVE', '1-2@g.us'])
})

test('calls, archive, labels; anything else is engine.event (raw)', async () => {
  const h = harness()
  h.ev.emit('call', [{ id: 'C1', from: '111@lid', chatId: '111@lid', date: new Date(1700000000000), isVideo: true, isGroup: false, status: 'offer', offline: false }, { id: 'C1', from: '111@lid', chatId: '', date: new Date(), status: 'timeout', offline: false }])
  h.ev.emit('chats.update', [{ id: '15550000001@s.whatsapp.net', archived: true }, { id: 'x@s.whatsapp.net', unreadCount: 2 }])
  h.ev.emit('labels.edit', { id: '5', name: 'VIP', color: 3, deleted: false })
  h.ev.emit('labels.edit', { id: '6', name: 'Old', color: 1, deleted: true })
  h.ev.emit('labels.association', { association: { type: 'label_jid', chatId: '15550000001@s.whatsapp.net', labelId: '5' }, type: 'add' })
  h.ev.emit('contacts.upsert', [{ id: '1@s.whatsapp.net', name: 'A', imgUrl: null }])
  await h.next(7)
  assert.deepEqual(h.events[0], { type: 'call', state: 'RECEIVED', callId: 'C1', from: '15550000001@c.us', video: true, group: false, timestamp: 1700000000000 })
  assert.deepEqual([h.events[1].type, h.events[1].name], ['raw', 'call'])
  assert.equal(h.events[2].type, 'chat.archive')
  assert.deepEqual(h.events[2].chatId, '15550000001@c.us')
  assert.deepEqual(h.events.slice(3, 6).map(e => e.type), ['label.upsert', 'label.deleted', 'label.chat'])
  assert.deepEqual(h.events[5], { type: 'label.chat', labelId: '5', chatId: '15550000001@c.us', added: true })
  assert.deepEqual(h.events[6], { type: 'raw', name: 'contacts.upsert', data: [{ id: '1@s.whatsapp.net', name: 'A', imgUrl: null }] })
})

test('protocol, reaction and stub messages in messages.upsert are not reported twice', async () => {
  const h = harness()
  h.ev.emit('messages.upsert', { type: 'notify', messages: [
    incoming({ protocolMessage: { type: 0, key: { id: 'x' } } }),
    incoming({ reactionMessage: { text: 'x' } }),
    { key: { remoteJid: '1-2@g.us', id: 'stub' }, messageStubType: 27 },
    incoming({ conversation: 'last' }, { id: 'LAST' })
  ] })
  // The batch is handled message by message, in order: once LAST (the last one) is reported, the others were handled.
  await h.next()
  assert.deepEqual(h.events.map(e => e.message?.key.id), ['LAST'])
})

test('a message Baileys could not decrypt yet (CIPHERTEXT stub) is message.waiting, its sender by phone number', async () => {
  const h = harness()
  h.ev.emit('messages.upsert', { type: 'notify', messages: [
    { key: { remoteJid: '111@lid', fromMe: false, id: 'W1' }, messageStubType: WAMessageStubType.CIPHERTEXT, messageStubParameters: ['No session found to decrypt message'] },
    { key: { remoteJid: '1-2@g.us', participant: '111@lid', fromMe: false, id: 'W2' }, messageStubType: WAMessageStubType.CIPHERTEXT, messageStubParameters: ['Bad MAC'] }
  ] })
  // the retry succeeded: Baileys upserts the same key again, now with content
  h.ev.emit('messages.upsert', { type: 'notify', messages: [incoming({ conversation: 'now readable' }, { remoteJid: '111@lid', id: 'W1' })] })
  await h.next(3)
  assert.deepEqual(h.events.slice(0, 2), [
    { type: 'waiting', key: { chatId: '15550000001@c.us', fromMe: false, id: 'W1' }, reason: 'No session found to decrypt message' },
    { type: 'waiting', key: { chatId: '1-2@g.us', fromMe: false, id: 'W2', participant: '15550000001@c.us' }, reason: 'Bad MAC' }
  ])
  assert.deepEqual([h.events[2].type, h.events[2].message.key.id, h.events[2].message.body], ['message', 'W1', 'now readable'])
})

test('a mapping failure is logged and reported as raw, and later events still flow', async () => {
  const h = harness({ pnForLid: async () => { throw new Error('db down') } })
  h.ev.emit('messages.reaction', [{ key: null, reaction: {} }])
  h.ev.emit('messages.upsert', { type: 'notify', messages: [incoming({ conversation: 'still' })] })
  await h.next(2)
  assert.equal(h.events[0].type, 'raw')
  assert.equal(h.events[1].message.body, 'still')
})

test('a round video note (ptvMessage, as Baileys makes { video, ptv: true }) is a VIDEO with its media', async () => {
  const content = await generateWAMessageContent({ video: Buffer.alloc(2048, 1), ptv: true, mimetype: 'video/mp4' }, {
    upload: async () => ({ mediaUrl: 'http://127.0.0.1:9/v', directPath: '/v' }),
    logger: pino({ level: 'silent' })
  })
  assert.ok(content.ptvMessage, 'Baileys puts a ptv video under ptvMessage')
  const h = harness()
  h.ev.emit('messages.upsert', { type: 'notify', messages: [incoming(content, { id: 'PTV1' })] })
  await h.next(1)
  const m = h.events[0].message
  assert.equal(m.type, 'VIDEO')
  assert.equal(m.media.mimetype, 'video/mp4')
  assert.equal(m.media.size, 2048)
  assert.ok(deserialize(m.media.ref).message.ptvMessage.mediaKey, 'the ref downloads it as Baileys\' ptv media type')
})
