// The inbox (src/inbox.js) on Baileys' own signal repository: a pkmsg made by Baileys' encryptMessage for a
// session set up from Baileys' own pre-key upload node, decrypted through the repository the bridge hands Baileys.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { EventEmitter } from 'node:events'
import { addTransactionCapability, BufferJSON, encodeWAMessage, getNextPreKeysNode, initAuthCreds, parseAndInjectE2ESessions, proto } from 'baileys'
import { rpcAuthState } from '../src/auth.js'
import { Inbox, testDie } from '../src/inbox.js'
import { FakeRpc, silentLogger } from './fakes.js'
import { bundleOf, makeRepository, memoryKeys, transactionOpts } from './signal-parties.js'

const ALICE = '15550000301@s.whatsapp.net'
const BOB = '15550000302@s.whatsapp.net'

/** Bob on the bridge's stores (a FakeRpc as Java), Alice in memory with a session to Bob from his pre-keys. */
async function parties (rpc = new FakeRpc()) {
  const bob = await rpcAuthState(rpc, 'bob')
  const bobKeys = addTransactionCapability(bob.state.keys, silentLogger, transactionOpts)
  const { node: upload } = await getNextPreKeysNode({ creds: bob.state.creds, keys: bobKeys }, 1)
  const bundle = bundleOf(BOB, upload)
  const alice = makeRepository({ creds: initAuthCreds(), keys: addTransactionCapability(memoryKeys(), silentLogger, transactionOpts) }, silentLogger)
  await parseAndInjectE2ESessions(bundle, alice)
  return { rpc, bob, bobKeys, alice }
}

const stanza = (id, enc) => ({
  tag: 'message',
  attrs: { from: ALICE, id, t: '1700000000', type: 'text' },
  content: [{ tag: 'enc', attrs: { v: '2', type: enc.type }, content: enc.ciphertext }]
})

const textOf = plain => {
  const unpadded = plain.subarray(0, plain.length - plain[plain.length - 1])
  return proto.Message.decode(unpadded).conversation
}

async function bobsInbox ({ rpc, bob, bobKeys }) {
  const inbox = new Inbox({ rpc, session: 'bob', write: bob.write, log: silentLogger, die: undefined })
  await inbox.load()
  const ws = new EventEmitter()
  ws.on('CB:message', () => {})
  inbox.watch(ws)
  const repository = inbox.repository()({ creds: bob.state.creds, keys: bobKeys }, silentLogger)
  return { inbox, ws, repository }
}

test('a decrypted message is stored before its key state, and its stanza delivered again is answered from that copy', async () => {
  const world = await parties()
  const { ws, repository } = await bobsInbox(world)
  const enc = await world.alice.encryptMessage({ jid: BOB, data: encodeWAMessage({ conversation: 'first' }) })
  assert.equal(enc.type, 'pkmsg')
  const node = stanza('MSG1', enc)
  ws.emit('CB:message', node)
  world.rpc.calls.length = 0
  const plain = await repository.decryptMessage({ jid: ALICE, type: 'pkmsg', ciphertext: node.content[0].content })
  assert.equal(textOf(plain), 'first')
  // The copy first, then the transaction's key writes (the used pre-key deleted among them).
  const writes = world.rpc.calls.map(([method]) => method).filter(m => m === 'inbox.keep' || m === 'auth.keys.set')
  assert.deepEqual(writes, ['inbox.keep', 'auth.keys.set'])
  const keySet = world.rpc.calls.find(([method]) => method === 'auth.keys.set')[1]
  assert.ok(keySet.items.some(item => item.type === 'pre-key' && item.value === null), 'the pre-key is used up')

  // Baileys' own repository can no longer decrypt it (the pre-key is gone); the inbox's can, from the copy.
  const plainRepository = makeRepository({ creds: world.bob.state.creds, keys: world.bobKeys }, silentLogger)
  await assert.rejects(plainRepository.decryptMessage({ jid: ALICE, type: 'pkmsg', ciphertext: node.content[0].content }))
  const again = await repository.decryptMessage({ jid: ALICE, type: 'pkmsg', ciphertext: node.content[0].content })
  assert.equal(textOf(again), 'first')
})

test('a bridge started after a kill finds the copy: it answers the stanza again and replays it; once reported it is gone', async () => {
  const world = await parties()
  const first = await bobsInbox(world)
  const enc = await world.alice.encryptMessage({ jid: BOB, data: encodeWAMessage({ conversation: 'kept' }) })
  const node = stanza('MSG2', enc)
  first.ws.emit('CB:message', node)
  await first.repository.decryptMessage({ jid: ALICE, type: 'pkmsg', ciphertext: node.content[0].content })
  // "Killed" before the report: a new bridge reads the store anew.
  const second = await bobsInbox(world)
  const replayed = []
  second.ws.on('CB:message', n => replayed.push(n))
  second.inbox.replay(second.ws)
  assert.equal(replayed.length, 1)
  assert.equal(replayed[0].attrs.id, 'MSG2')
  assert.ok(Buffer.from(replayed[0].content[0].content).equals(Buffer.from(node.content[0].content)))
  // The stanza as stored (revived from JSON) is answered from the copy, as WhatsApp's own copy of it would be.
  const plain = await second.repository.decryptMessage({ jid: ALICE, type: 'pkmsg', ciphertext: replayed[0].content[0].content })
  assert.equal(textOf(plain), 'kept')
  const delivered = stanza('MSG2', enc)
  second.ws.emit('CB:message', delivered)
  assert.equal(textOf(await second.repository.decryptMessage({ jid: ALICE, type: 'pkmsg', ciphertext: delivered.content[0].content })), 'kept')

  second.inbox.reported('MSG2')
  // (Writes go in order: a read queued behind the drop answers after it.)
  await world.bob.write('inbox.list', { session: 'bob' })
  const left = await world.rpc.request('inbox.list', { session: 'bob' })
  assert.deepEqual(left.values, {})
  const third = await bobsInbox(world)
  const none = []
  third.ws.on('CB:message', n => none.push(n))
  third.inbox.replay(third.ws)
  assert.deepEqual(none, [])
})

test('the next message of the same session decrypts as usual after one answered from its copy', async () => {
  const world = await parties()
  const { ws, repository } = await bobsInbox(world)
  for (const [id, text] of [['M1', 'one'], ['M2', 'two']]) {
    const enc = await world.alice.encryptMessage({ jid: BOB, data: encodeWAMessage({ conversation: text }) })
    const node = stanza(id, enc)
    ws.emit('CB:message', node)
    assert.equal(textOf(await repository.decryptMessage({ jid: ALICE, type: enc.type, ciphertext: node.content[0].content })), text)
    assert.equal(textOf(await repository.decryptMessage({ jid: ALICE, type: enc.type, ciphertext: node.content[0].content })), text)
  }
  const stored = await world.rpc.request('inbox.list', { session: 'bob' })
  assert.equal(Object.keys(stored.values).length, 2)
  const copy = JSON.parse(Object.values(stored.values)[0], BufferJSON.reviver)
  assert.ok(copy.node.attrs.id && copy.plain && copy.at)
})

test('a copy that failed to be stored fails the decryption and commits no key state (Baileys asks for a retry)', async () => {
  const world = await parties()
  const failing = {
    ...world.bob,
    write: (method, params) => method === 'inbox.keep' ? Promise.reject(new Error('store down')) : world.bob.write(method, params)
  }
  const { ws, repository } = await bobsInbox({ ...world, bob: failing })
  const enc = await world.alice.encryptMessage({ jid: BOB, data: encodeWAMessage({ conversation: 'lost?' }) })
  const node = stanza('M3', enc)
  ws.emit('CB:message', node)
  world.rpc.calls.length = 0
  await assert.rejects(repository.decryptMessage({ jid: ALICE, type: 'pkmsg', ciphertext: node.content[0].content }), /store down/)
  assert.ok(!world.rpc.calls.some(([method]) => method === 'auth.keys.set'), 'no key state committed')
  // Still decryptable: the pre-key was not used up.
  const plainRepository = makeRepository({ creds: world.bob.state.creds, keys: world.bobKeys }, silentLogger)
  const plain = await plainRepository.decryptMessage({ jid: ALICE, type: 'pkmsg', ciphertext: node.content[0].content })
  assert.equal(textOf(plain), 'lost?')
})

test('the test-only hook dies once per phase and text, and not at all without WAGATE_BRIDGE_TEST_DIE', () => {
  assert.equal(testDie({}), undefined)
  const kills = []
  const die = testDie({ WAGATE_BRIDGE_TEST_DIE: 'decrypted:a\nreporting:b' }, () => kills.push('x'))
  die('decrypted', 'b')
  die('reporting', 'a')
  assert.equal(kills.length, 0)
  die('decrypted', 'a')
  die('reporting', 'b')
  assert.equal(kills.length, 2)
})
