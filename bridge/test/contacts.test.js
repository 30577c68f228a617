// Contacts on Baileys' real socket (see baileys-socket.js): push names from messages Baileys decodes, contacts of
// its history-sync processing and of the address book's app-state sync (processSyncAction), mapped to 'contacts'
// events; the contact.* commands, their answers made by Baileys' own parsers (USync status, IQ errors).
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { assertNodeErrorFree, processHistoryMessage, processSyncAction, proto, USyncQuery } from 'baileys'
import { bindContactEvents, contactHandlers } from '../src/contacts.js'
import { messageNode, realSocket } from './baileys-socket.js'
import { silentLogger, until } from './fakes.js'

const ME_JID = '15550000100:2@s.whatsapp.net'
const BOB_JID = '15550000001@s.whatsapp.net'
const BOB_LID = '990000000000001@lid'
const ANN_JID = '15550000002@s.whatsapp.net'
const ANN_LID = '990000000000002@lid'
const DAVE_JID = '15550000004@s.whatsapp.net'
const DAVE_LID = '990000000000004@lid'
const GROUP = '120363000000000042@g.us'

const real = await realSocket({ me: { id: ME_JID, lid: '990000000000100:2@lid' } })
after(() => real.close())
const pnForLid = lid => real.sock.signalRepository.lidMapping.getPNForLID(lid)
const events = []
bindContactEvents(real.sock.ev, e => events.push(e), pnForLid, silentLogger)

async function contactsEvent (predicate) {
  let found
  await until(() => (found = events.find(e => e.type === 'contacts' && predicate(e.contacts))), 5000)
  events.splice(events.indexOf(found), 1)
  return found.contacts
}

test('a received message\'s push name makes a contact', async () => {
  real.feed(await messageNode({ from: BOB_JID, id: 'PUSH1', notify: 'Bobby' }, { text: 'hi' }))
  const [bob] = await contactsEvent(list => list.some(c => c.pushName === 'Bobby'))
  assert.deepEqual(bob, { id: '15550000001@c.us', pushName: 'Bobby' })
})

test('a history sync\'s chats give saved names and LIDs; groups are no contacts; push names come too', async () => {
  const bootstrap = proto.HistorySync.fromObject({
    syncType: proto.HistorySync.HistorySyncType.INITIAL_BOOTSTRAP,
    conversations: [
      { id: BOB_JID, displayName: 'Bob (work)', lidJid: BOB_LID },
      { id: ANN_LID, name: 'Ann', pnJid: ANN_JID },
      { id: GROUP, name: 'Team' }
    ]
  })
  real.sock.ev.emit('messaging-history.set', { ...processHistoryMessage(bootstrap), isLatest: false })
  const contacts = await contactsEvent(list => list.some(c => c.name === 'Bob (work)'))
  assert.deepEqual(contacts, [
    { id: '15550000001@c.us', name: 'Bob (work)', lid: BOB_LID },
    { id: '15550000002@c.us', name: 'Ann', lid: ANN_LID }
  ])
  const names = proto.HistorySync.fromObject({
    syncType: proto.HistorySync.HistorySyncType.PUSH_NAME,
    pushnames: [{ id: '15550000003@s.whatsapp.net', pushname: 'Carol' }]
  })
  real.sock.ev.emit('messaging-history.set', { ...processHistoryMessage(names), isLatest: true })
  assert.deepEqual(await contactsEvent(list => list.some(c => c.pushName === 'Carol')),
    [{ id: '15550000003@c.us', pushName: 'Carol' }])
})

test('a contact saved on the phone (the address book\'s app state) comes with its name and LID', async () => {
  processSyncAction({
    syncAction: { value: proto.SyncActionValue.fromObject({ contactAction: { fullName: 'Dave D', lidJid: DAVE_LID } }) },
    index: ['contact', DAVE_JID]
  }, real.sock.ev, real.sock.authState.creds.me)
  assert.deepEqual(await contactsEvent(list => list.some(c => c.name === 'Dave D')),
    [{ id: '15550000004@c.us', name: 'Dave D', lid: DAVE_LID }])
})

test('a LID-only contact is named by its number once the LID mapping knows it, else by its LID', async () => {
  await real.sock.signalRepository.lidMapping.storeLIDPNMappings([{ lid: '990000000000005@lid', pn: '15550000005@s.whatsapp.net' }])
  real.sock.ev.emit('contacts.upsert', [{ id: '990000000000005@lid', name: 'Eve' }, { id: '990000000000006@lid', notify: 'Finn' }])
  assert.deepEqual(await contactsEvent(list => list.some(c => c.name === 'Eve')), [
    { id: '15550000005@c.us', name: 'Eve', lid: '990000000000005@lid' },
    { id: '990000000000006@lid', pushName: 'Finn', lid: '990000000000006@lid' }
  ])
})

test('a picture change alone tells nothing of the person: no contacts event for it', async () => {
  // Baileys' own handling of a picture notification (messages-recv.js): contacts.update with imgUrl only.
  real.feed({ tag: 'notification', attrs: { type: 'picture', from: BOB_JID, id: 'PIC1', t: String(Math.floor(Date.now() / 1000)) },
    content: [{ tag: 'set', attrs: { jid: BOB_JID, id: '1' } }] })
  real.feed(await messageNode({ from: ANN_JID, id: 'PUSH2', notify: 'Annie' }, { text: 'after the picture' }))
  // The events keep Baileys' order: the push name after the picture change is the next contacts event.
  await until(() => events.some(e => e.type === 'contacts'), 5000)
  assert.deepEqual(events.filter(e => e.type === 'contacts').map(e => e.contacts),
    [[{ id: '15550000002@c.us', pushName: 'Annie' }]])
  events.length = 0
})

// The commands: what they ask of the socket, answered as Baileys answers (its parsers on WhatsApp's nodes).
const asked = []
const statusAnswer = about => new USyncQuery().withStatusProtocol().parseUSyncQueryResult({
  tag: 'iq', attrs: { type: 'result' },
  content: [{ tag: 'usync', attrs: {}, content: [{ tag: 'list', attrs: {}, content: [
    { tag: 'user', attrs: { jid: BOB_JID }, content: [{ tag: 'status', attrs: { t: '1765000000' }, content: about ? Buffer.from(about) : undefined }] }
  ] }] }]
}).list
const iqError = (code, text) => {
  try {
    assertNodeErrorFree({ tag: 'iq', attrs: {}, content: [{ tag: 'error', attrs: { code: String(code), text } }] })
  } catch (err) {
    return err
  }
  throw new Error('no error')
}
let about = 'Busy'
let picture = 'https://pps.whatsapp.net/v/bob.jpg'
const sock = {
  profilePictureUrl: async (jid, type) => {
    asked.push(['profilePictureUrl', jid, type])
    if (picture instanceof Error) throw picture
    return picture
  },
  fetchStatus: async jid => { asked.push(['fetchStatus', jid]); return statusAnswer(about) },
  updateBlockStatus: async (jid, action) => { asked.push(['updateBlockStatus', jid, action]) },
  fetchBlocklist: async () => ['990000000000005@lid', '15550000007@s.whatsapp.net']
}
const session = { socket: () => sock, pnForLid }
const handlers = contactHandlers()

test('picture: the URL of the full image; none (404 item-not-found, 401 hidden) is null', async () => {
  assert.deepEqual(await handlers['contact.picture'](session, { contactId: '15550000001@c.us' }), { url: picture })
  assert.deepEqual(asked.at(-1), ['profilePictureUrl', BOB_JID, 'image'])
  picture = iqError(404, 'item-not-found')
  assert.deepEqual(await handlers['contact.picture'](session, { contactId: BOB_LID }), { url: null })
  picture = iqError(401, 'not-authorized')
  assert.deepEqual(await handlers['contact.picture'](session, { contactId: BOB_LID }), { url: null })
  picture = iqError(500, 'internal-server-error')
  await assert.rejects(handlers['contact.picture'](session, { contactId: BOB_LID }), err => err.data === 500)
  await assert.rejects(handlers['contact.picture'](session, { contactId: GROUP }), err => err.code === -32602)
})

test('picture download: the bytes, base64; a gone picture is NOT_FOUND', async () => {
  const server = createServer((req, res) => {
    res.writeHead(req.url === '/bob.jpg' ? 200 : 404)
    res.end(req.url === '/bob.jpg' ? Buffer.from([0xff, 0xd8, 0xff, 0xe0]) : undefined)
  })
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  after(() => server.close())
  const base = `http://127.0.0.1:${server.address().port}`
  const got = await handlers['contact.picture.download'](session, { url: `${base}/bob.jpg` })
  assert.deepEqual(Buffer.from(got.data, 'base64'), Buffer.from([0xff, 0xd8, 0xff, 0xe0]))
  await assert.rejects(handlers['contact.picture.download'](session, { url: `${base}/gone.jpg` }), err => err.code === -32003)
  await assert.rejects(handlers['contact.picture.download'](session, { url: 'file:///etc/passwd' }), err => err.code === -32602)
})

test('about: the USync status text and when it was set; none is null', async () => {
  assert.deepEqual(await handlers['contact.about'](session, { contactId: '15550000001@c.us' }),
    { text: 'Busy', setAt: 1765000000000 })
  assert.deepEqual(asked.at(-1), ['fetchStatus', BOB_JID])
  about = undefined
  assert.deepEqual(await handlers['contact.about'](session, { contactId: '15550000001@c.us' }), { text: null })
})

test('block, unblock and the block list (LIDs named by number where the mapping knows it)', async () => {
  await handlers['contact.block'](session, { contactId: '15550000001@c.us', blocked: true })
  assert.deepEqual(asked.at(-1), ['updateBlockStatus', BOB_JID, 'block'])
  await handlers['contact.block'](session, { contactId: BOB_LID, blocked: false })
  assert.deepEqual(asked.at(-1), ['updateBlockStatus', BOB_LID, 'unblock'])
  assert.deepEqual(await handlers['contact.blocklist'](session, {}), { ids: ['15550000005@c.us', '15550000007@c.us'] })
})
