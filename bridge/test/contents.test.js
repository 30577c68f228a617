// getMessage from wagate's store: what Baileys' real socket (see baileys-socket.js) asks for again after a
// restart is answered from the messages' content kept through RPC, not from the memory of one bridge.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { aesEncryptGCM, hmacSign, proto } from 'baileys'
import { bindEvents } from '../src/events.js'
import { decodeContent, encodeContent, MessageContents } from '../src/contents.js'
import { PollStore } from '../src/polls.js'
import { messageNode, realSocket } from './baileys-socket.js'
import { FakeRpc, fakeBridge, silentLogger, until } from './fakes.js'

const ME_JID = '15550000100:2@s.whatsapp.net'
const GROUP = '120363000000000077@g.us'
const BOB = '15550000001@s.whatsapp.net'
const CAROL = '15550000002@s.whatsapp.net'

/** One bridge's run: a fresh real socket and a fresh memory, over the same store. */
async function run (store) {
  const contents = new MessageContents({ rpc: store, session: 'ses_1', log: silentLogger })
  const real = await realSocket({ me: { id: ME_JID }, config: { getMessage: key => contents.get(key) } })
  const events = []
  bindEvents(real.sock.ev, {
    me: () => '15550000100@c.us',
    meJid: () => ME_JID,
    emit: e => events.push(e),
    pnForLid: async () => null,
    lidForPn: async () => null,
    sentByApi: () => false,
    polls: new PollStore(),
    contents,
    log: silentLogger
  })
  return { real, events, contents }
}

/** An event response as the responder's client encrypts it (the inverse of Baileys' decryptEventResponse). */
function encryptEventResponse (response, { eventEncKey, eventCreatorJid, eventMsgId, responderJid }) {
  const sign = Buffer.concat([Buffer.from(eventMsgId), Buffer.from(eventCreatorJid), Buffer.from(responderJid),
    Buffer.from('Event Response'), new Uint8Array([1])])
  const key = hmacSign(sign, hmacSign(eventEncKey, new Uint8Array(32), 'sha256'), 'sha256')
  const encIv = randomBytes(12)
  const plaintext = proto.Message.EventResponseMessage.encode(response).finish()
  return { encIv, encPayload: aesEncryptGCM(plaintext, key, encIv, Buffer.from(`${eventMsgId}\u0000${responderJid}`)) }
}

test('a response to an event received before a restart is decrypted by Baileys with the event read from the store', async () => {
  const store = new FakeRpc()
  const secret = randomBytes(32)
  const first = await run(store)
  try {
    first.real.feed(await messageNode({ from: GROUP, participant: BOB, id: 'EVT1' },
      { event: { name: 'Standup', startDate: new Date(Date.now() + 86400000), messageSecret: secret } }))
    await until(() => store.store.has('ses_1:content:EVT1'), 5000)
  } finally {
    await first.real.close()
  }

  const second = await run(store)
  try {
    assert.equal(second.contents.cached('EVT1'), undefined, 'the new run starts with nothing in memory')
    const encrypted = encryptEventResponse({ response: 1, timestampMs: Date.now() },
      { eventEncKey: secret, eventCreatorJid: BOB, eventMsgId: 'EVT1', responderJid: CAROL })
    second.real.feed(await messageNode({ from: GROUP, participant: CAROL, id: 'RSP1' }, {
      raw: { encEventResponseMessage: { eventCreationMessageKey: { remoteJid: GROUP, fromMe: false, id: 'EVT1', participant: BOB }, ...encrypted } }
    }))
    let response
    await until(() => (response = second.events.find(e => e.type === 'event.response')), 5000)
    assert.equal(response.answer, 'GOING')
    assert.equal(response.event.id, 'EVT1')
    assert.equal(response.from, '15550000002@c.us')
    assert.ok(store.calls.some(([method, p]) => method === 'message.content.get' && p.id === 'EVT1'))
  } finally {
    await second.real.close()
  }
})

test('a sent message\'s content is kept in the store, and a new bridge\'s getMessage answers it from there', async () => {
  const store = new FakeRpc()
  const b = await fakeBridge({ store })
  const answer = await b.call('message.send', { session: 'ses_1', message: { chatId: '15550000001@c.us', kind: 'text', text: 'kept' } })
  assert.ok(answer.result, JSON.stringify(answer))
  await until(() => store.store.has('ses_1:content:OUT1'))
  assert.equal(decodeContent(store.store.get('ses_1:content:OUT1')).conversation, 'kept')

  const again = await fakeBridge({ store })
  const getMessage = again.sock.config.getMessage
  assert.equal((await getMessage({ remoteJid: BOB, fromMe: true, id: 'OUT1' })).conversation, 'kept')
  assert.equal(await getMessage({ remoteJid: BOB, fromMe: true, id: 'NEVER' }), undefined)
})

test('a content too large for the store stays in memory only, and a failing store read is no content', async () => {
  const rpc = { calls: [], request: async (method, params) => { rpc.calls.push(method); if (method === 'message.content.get') throw new Error('down'); return null } }
  const contents = new MessageContents({ rpc, session: 's', log: silentLogger })
  contents.remember({ key: { id: 'BIG', remoteJid: BOB }, message: { conversation: 'x'.repeat(70 * 1024) } })
  assert.equal(contents.cached('BIG').conversation.length, 70 * 1024)
  assert.deepEqual(rpc.calls, [])
  assert.equal(await contents.get({ id: 'OTHER' }), undefined)
  assert.equal(encodeContent({ conversation: 'hi' }), Buffer.from(proto.Message.encode({ conversation: 'hi' }).finish()).toString('base64'))
})
