// sent-keys.js on Baileys' own signal repository and the bridge's key store: a kill -9 between the stanza's
// send and Baileys' commit of the send's key transaction must not make the next message reuse a message key.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  addTransactionCapability, encodeWAMessage, getNextPreKeysNode, initAuthCreds, makeCacheableSignalKeyStore,
  parseAndInjectE2ESessions, proto
} from 'baileys'
import { rpcAuthState } from '../src/auth.js'
import { durableEncryption } from '../src/sent-keys.js'
import { FakeRpc, silentLogger } from './fakes.js'
import { bundleOf, makeRepository, memoryKeys, transactionOpts } from './signal-parties.js'

const ALICE = '15550000311@s.whatsapp.net'
const BOB = '15550000312@s.whatsapp.net'

/** Bob's repository (in memory) and the node of his pre-key bundle, as WhatsApp hands it to a sender. */
async function bob () {
  const keys = addTransactionCapability(memoryKeys(), silentLogger, transactionOpts)
  const creds = initAuthCreds()
  const { node: upload } = await getNextPreKeysNode({ creds, keys }, 1)
  const bundle = bundleOf(BOB, upload)
  return { repository: makeRepository({ creds, keys }, silentLogger), bundle }
}

/** Alice as a bridge makes her (session.js): the bridge's key store, cached, under Baileys' transactions. */
async function aliceBridge (rpc, makeSignalRepository) {
  const auth = await rpcAuthState(rpc, 'alice')
  if (auth.isNew) await auth.saveCreds()
  const store = makeCacheableSignalKeyStore(auth.state.keys, silentLogger)
  const keys = addTransactionCapability(store, silentLogger, transactionOpts)
  return { keys, repository: makeSignalRepository(store)({ creds: auth.state.creds, keys }, silentLogger) }
}

/** Encrypts as Baileys' relayMessage does: in a key transaction that commits only after the stanza is sent. */
async function sendAndDie (alice, text) {
  let sent
  await assert.rejects(alice.keys.transaction(async () => {
    sent = await alice.repository.encryptMessage({ jid: BOB, data: encodeWAMessage({ conversation: text }) })
    throw new Error('killed before the commit')
  }, ALICE))
  return sent
}

const textOf = plain => proto.Message.decode(plain.subarray(0, plain.length - plain[plain.length - 1])).conversation

async function aKillAfterTheSend (makeSignalRepository) {
  const rpc = new FakeRpc()
  const b = await bob()
  const first = await aliceBridge(rpc, makeSignalRepository)
  await parseAndInjectE2ESessions(b.bundle, first.repository)
  const lost = await sendAndDie(first, 'sent, then killed')
  // WhatsApp has the stanza and delivers it; the restarted bridge sends the next one.
  assert.equal(textOf(await b.repository.decryptMessage({ jid: ALICE, type: lost.type, ciphertext: lost.ciphertext })), 'sent, then killed')
  const restarted = await aliceBridge(rpc, makeSignalRepository)
  const next = await restarted.repository.encryptMessage({ jid: BOB, data: encodeWAMessage({ conversation: 'after the restart' }) })
  return b.repository.decryptMessage({ jid: ALICE, type: next.type, ciphertext: next.ciphertext })
}

test('the key state of a sent message is stored before it leaves: the message after a kill decrypts', async () => {
  const plain = await aKillAfterTheSend(store => durableEncryption(makeRepository, store))
  assert.equal(textOf(plain), 'after the restart')
})

test("(Baileys' repository alone reuses the message key after such a kill: the recipient cannot decrypt)", async () => {
  await assert.rejects(aKillAfterTheSend(() => makeRepository), /Key used already or never filled/)
})
