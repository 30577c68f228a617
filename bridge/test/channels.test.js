import { test } from 'node:test'
import assert from 'node:assert/strict'
import { proto } from 'baileys'
import { ERRORS } from '../src/rpc.js'
import { fakeBridge, until } from './fakes.js'

const CH = '120363000000000001@newsletter'

/** What newsletterMetadata returns: WhatsApp's own shape, not Baileys' declared NewsletterMetadata. */
const raw = (id, role, extra = {}) => ({
  id,
  state: { type: 'ACTIVE' },
  thread_metadata: {
    creation_time: '1700000000',
    name: { id: '1', text: 'News', update_time: '1700000000' },
    description: { id: '2', text: 'All the news', update_time: '1700000000' },
    invite: 'AbCdEf123',
    subscribers_count: '41',
    verification: 'UNVERIFIED',
    ...extra
  },
  viewer_metadata: { mute: 'OFF', role }
})

const info = (role, subscribers = 41) => ({
  id: CH, name: 'News', description: 'All the news', role, subscribers, inviteLink: 'https://whatsapp.com/channel/AbCdEf123', createdAt: 1700000000000
})

async function channels (roles = {}) {
  const b = await fakeBridge()
  b.sock.answers.newsletterMetadata = (type, key) => (key in roles ? raw(key, roles[key]) : null)
  const call = (method, params) => b.call(method, { session: 'ses_1', ...params })
  return { ...b, channel: call }
}

test('create, get and delete are newsletterCreate, newsletterMetadata and newsletterDelete', async () => {
  const b = await channels({ [CH]: 'OWNER' })
  // newsletterCreate answers Baileys' flattened metadata.
  b.sock.answers.newsletterCreate = { id: CH, owner: undefined, name: 'News', creation_time: 1700000000, description: 'All the news', invite: 'AbCdEf123', subscribers: 0, verification: 'UNVERIFIED', picture: {}, mute_state: 'ON' }
  const created = await b.channel('channel.create', { name: 'News', description: 'All the news' })
  assert.deepEqual(b.sock.calls.at(-1), ['newsletterCreate', 'News', 'All the news'])
  assert.deepEqual(created.result, info('OWNER', 0))
  await b.channel('channel.create', { name: 'Bare' })
  assert.deepEqual(b.sock.calls.at(-1), ['newsletterCreate', 'Bare', undefined])

  assert.deepEqual((await b.channel('channel.get', { channelId: CH })).result, info('OWNER'))
  assert.deepEqual(b.sock.calls.at(-1), ['newsletterMetadata', 'jid', CH])
  assert.equal((await b.channel('channel.get', { channelId: '1@newsletter' })).error.code, ERRORS.NOT_FOUND)
  assert.equal((await b.channel('channel.get', { channelId: '1@g.us' })).error.code, ERRORS.INVALID_PARAMS)

  assert.equal((await b.channel('channel.delete', { channelId: CH })).result, null)
  assert.deepEqual(b.sock.calls.at(-1), ['newsletterDelete', CH])
})

test('list asks about every known channel and names the ones WhatsApp no longer has', async () => {
  const other = '120363000000000002@newsletter'
  const b = await channels({ [CH]: 'SUBSCRIBER', [other]: 'GUEST' })
  const listed = await b.channel('channel.list', { channelIds: [CH, other, '9@newsletter'] })
  assert.deepEqual(listed.result, {
    channels: [info('SUBSCRIBER'), { ...info('GUEST'), id: other }],
    gone: ['9@newsletter']
  })
  b.sock.answers.newsletterMetadata = () => { throw Object.assign(new Error('rate-overlimit'), { output: { statusCode: 429 } }) }
  assert.equal((await b.channel('channel.list', { channelIds: [CH] })).error.code, ERRORS.INTERNAL)
})

test('follow and unfollow are newsletterFollow and newsletterUnfollow, idempotent, refused to the owner', async () => {
  const b = await channels({ [CH]: 'GUEST' })
  assert.deepEqual((await b.channel('channel.follow', { channelId: CH })).result, info('SUBSCRIBER', 42))
  assert.deepEqual(b.sock.calls.at(-1), ['newsletterFollow', CH])

  b.sock.answers.newsletterMetadata = () => raw(CH, 'SUBSCRIBER')
  assert.deepEqual((await b.channel('channel.follow', { channelId: CH })).result, info('SUBSCRIBER'))
  assert.equal(b.sock.calls.filter(([m]) => m === 'newsletterFollow').length, 1)
  assert.equal((await b.channel('channel.unfollow', { channelId: CH })).result, null)
  assert.deepEqual(b.sock.calls.at(-1), ['newsletterUnfollow', CH])

  b.sock.answers.newsletterMetadata = () => raw(CH, 'GUEST')
  await b.channel('channel.unfollow', { channelId: CH })
  assert.equal(b.sock.calls.filter(([m]) => m === 'newsletterUnfollow').length, 1)

  b.sock.answers.newsletterMetadata = () => raw(CH, 'OWNER')
  assert.equal((await b.channel('channel.follow', { channelId: CH })).error.code, ERRORS.CONFLICT)
  assert.equal((await b.channel('channel.unfollow', { channelId: CH })).error.code, ERRORS.CONFLICT)
  assert.equal(b.sock.calls.filter(([m]) => m === 'newsletterFollow').length, 1)
})

/** A <message> node of a newsletter's message_updates, its post as plaintext protobuf bytes. */
const postNode = (serverId, t, message, attrs = {}) => ({
  tag: 'message',
  attrs: { server_id: String(serverId), t: String(t), ...attrs },
  content: [{ tag: 'plaintext', attrs: {}, content: proto.Message.encode(message).finish() }, { tag: 'views_count', attrs: { count: '3' } }]
})

test('the preview is newsletterFetchMessages, its posts read from the plaintext nodes, newest first', async () => {
  const b = await channels()
  b.sock.answers.newsletterFetchMessages = () => ({
    tag: 'iq',
    attrs: { type: 'result' },
    content: [{
      tag: 'message_updates',
      attrs: {},
      content: [{
        tag: 'messages',
        attrs: { jid: CH },
        content: [
          postNode(100, 1700000100, { conversation: 'first' }, { id: 'P100' }),
          postNode(101, 1700000200, { extendedTextMessage: { text: 'second' } }, { message_id: 'P101', is_sender: 'true' }),
          { tag: 'message', attrs: { server_id: '102', t: '1700000300' }, content: [] },
          postNode(103, 1700000300, { pollCreationMessage: { name: 'Q?', options: [{ optionName: 'a' }, { optionName: 'b' }], selectableOptionsCount: 1 } })
        ]
      }]
    }]
  })
  const preview = await b.channel('channel.preview', { channelId: CH, limit: 2 })
  assert.deepEqual(b.sock.calls.at(-1), ['newsletterFetchMessages', CH, 2, undefined, undefined])
  assert.deepEqual(preview.result, [
    { key: { chatId: CH, fromMe: false, id: '103' }, timestamp: 1700000300000, from: CH, to: '15550000100@c.us', source: 'APP', type: 'POLL', body: 'Q?', vCards: [], ack: 'DEVICE', poll: { name: 'Q?', options: ['a', 'b'], selectableCount: 1 } },
    { key: { chatId: CH, fromMe: true, id: 'P101' }, timestamp: 1700000200000, from: '15550000100@c.us', to: CH, source: 'APP', type: 'TEXT', body: 'second', vCards: [], ack: 'SERVER' }
  ])
  assert.equal((await b.channel('channel.preview', { channelId: '1-2@g.us', limit: 2 })).error.code, ERRORS.INVALID_PARAMS)
})

test('posting to a channel is sendMessage to its @newsletter id', async () => {
  const b = await channels()
  await b.call('message.send', { session: 'ses_1', message: { chatId: CH, kind: 'text', text: 'hello followers', mentions: [] } })
  assert.deepEqual(b.sock.calls.at(-1), ['sendMessage', CH, { text: 'hello followers', linkPreview: null }, {}])
})

test('channel ids met in chats and posts are reported to Java once each', async () => {
  const b = await channels()
  b.sock.ev.emit('messaging-history.set', { chats: [{ id: CH }, { id: '15550000001@s.whatsapp.net' }], contacts: [], messages: [] })
  b.sock.ev.emit('chats.upsert', [{ id: CH }, { id: '120363000000000002@newsletter' }])
  b.sock.ev.emit('messages.upsert', { type: 'append', messages: [{ key: { remoteJid: '120363000000000003@newsletter', id: 'X' } }] })
  await until(() => b.store.calls.filter(([m]) => m === 'channels.seen').length === 3)
  assert.deepEqual(b.store.calls.filter(([m]) => m === 'channels.seen').map(([, p]) => p), [
    { session: 'ses_1', ids: [CH] },
    { session: 'ses_1', ids: ['120363000000000002@newsletter'] },
    { session: 'ses_1', ids: ['120363000000000003@newsletter'] }
  ])
})
