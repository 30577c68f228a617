import { test } from 'node:test'
import assert from 'node:assert/strict'
import { assertNodeErrorFree } from 'baileys'
import { ERRORS } from '../src/rpc.js'
import { fakeBridge as bridge, until } from './fakes.js'

const send = (b, message) => b.call('message.send', { session: 'ses_1', message: { chatId: '15550000001@c.us', ...message } })
const file = { path: '/data/f.bin', mimetype: 'image/jpeg', filename: 'f.jpg', size: 3 }
const key = { chatId: '15550000001@c.us', fromMe: false, id: 'T1' }

test('every outgoing message kind is the exact Baileys sendMessage call', async () => {
  const b = await bridge()
  const cases = [
    [{ kind: 'text', text: 'hi', mentions: ['15550000002@c.us'], linkPreview: false }, { text: 'hi', mentions: ['15550000002@s.whatsapp.net'], linkPreview: null }],
    // No preview made by Java (or none wanted): null, so that Baileys fetches nothing itself.
    [{ kind: 'text', text: 'see https://x.example', mentions: [], linkPreview: true }, { text: 'see https://x.example', linkPreview: null }],
    [{ kind: 'text', text: 'see https://x.example/a', mentions: [], linkPreview: true, preview: { url: 'https://x.example/a?b=1', matchedText: 'https://x.example/a', title: 'A page', description: 'About it' } },
      { text: 'see https://x.example/a', linkPreview: { 'canonical-url': 'https://x.example/a?b=1', 'matched-text': 'https://x.example/a', title: 'A page', description: 'About it' } }],
    [{ kind: 'text', text: 'see https://x.example/b', mentions: [], linkPreview: false, preview: { url: 'https://x.example/b', matchedText: 'https://x.example/b', title: 'B' } }, { text: 'see https://x.example/b', linkPreview: null }],
    [{ kind: 'image', file, caption: 'c', viewOnce: true }, { image: { url: '/data/f.bin' }, caption: 'c', mimetype: 'image/jpeg', viewOnce: true }],
    [{ kind: 'video', file, caption: '', asGif: true, viewOnce: false }, { video: { url: '/data/f.bin' }, caption: '', mimetype: 'image/jpeg', gifPlayback: true }],
    [{ kind: 'audio', file, voiceNote: true }, { audio: { url: '/data/f.bin' }, mimetype: 'audio/ogg; codecs=opus', ptt: true }],
    [{ kind: 'audio', file, voiceNote: false }, { audio: { url: '/data/f.bin' }, mimetype: 'image/jpeg', ptt: false }],
    [{ kind: 'document', file, caption: 'doc' }, { document: { url: '/data/f.bin' }, mimetype: 'image/jpeg', fileName: 'f.jpg', caption: 'doc' }],
    [{ kind: 'location', location: { latitude: 1.5, longitude: 2.5, title: 'Here', address: '' } }, { location: { degreesLatitude: 1.5, degreesLongitude: 2.5, name: 'Here' } }],
    [{ kind: 'contacts', contacts: [{ displayName: 'Jeff', vcard: 'BEGIN:VCARD' }] }, { contacts: { displayName: 'Jeff', contacts: [{ displayName: 'Jeff', vcard: 'BEGIN:VCARD' }] } }],
    [{ kind: 'poll', poll: { name: 'Q', options: ['a', 'b'], selectableCount: 1 }, announcementGroup: false }, { poll: { name: 'Q', values: ['a', 'b'], selectableCount: 1 } }]
  ]
  for (const [message, content] of cases) {
    const answer = await send(b, message)
    assert.ok(answer.result, JSON.stringify(answer))
    assert.deepEqual(b.sock.calls.at(-1), ['sendMessage', '15550000001@s.whatsapp.net', content, {}], message.kind)
  }
})

test('a send answers the wagate message; a reply quotes the original', async () => {
  const b = await bridge()
  const first = await send(b, { kind: 'text', text: 'one', mentions: [] })
  assert.deepEqual(first.result, { key: { chatId: '15550000001@c.us', fromMe: true, id: 'OUT1' }, timestamp: 1700000000000, from: '15550000100@c.us', to: '15550000001@c.us', source: 'API', type: 'TEXT', body: 'one', vCards: [], ack: 'SERVER' })
  await send(b, { kind: 'text', text: 'two', mentions: [], replyTo: { key: { chatId: '15550000001@c.us', fromMe: true, id: 'OUT1' }, body: 'one' } })
  assert.deepEqual(b.sock.calls.at(-1)[3], { quoted: { key: { remoteJid: '15550000001@s.whatsapp.net', fromMe: true, id: 'OUT1' }, message: { conversation: 'one' } } })
  await send(b, { kind: 'text', text: 'three', mentions: [], replyTo: { key: { chatId: '1-2@g.us', fromMe: false, id: 'X', participant: '15550000002@c.us' }, body: 'q' } })
  assert.deepEqual(b.sock.calls.at(-1)[3].quoted, { key: { remoteJid: '1-2@g.us', fromMe: false, id: 'X', participant: '15550000002@s.whatsapp.net' }, message: { conversation: 'q' } })
})

test('react, revoke, edit, star, read, presence, subscribe, exists and reject call', async () => {
  const b = await bridge()
  const bk = { remoteJid: '15550000001@s.whatsapp.net', fromMe: false, id: 'T1' }
  b.sock.answers.onWhatsApp = () => [{ jid: '15550000001@s.whatsapp.net', exists: true }]
  const steps = [
    ['message.react', { target: key, emoji: '👍' }, ['sendMessage', bk.remoteJid, { react: { text: '👍', key: bk } }]],
    ['message.react', { target: key, emoji: '' }, ['sendMessage', bk.remoteJid, { react: { text: '', key: bk } }]],
    ['message.revoke', { target: key }, ['sendMessage', bk.remoteJid, { delete: bk }]],
    ['message.edit', { target: key, text: 'new' }, ['sendMessage', bk.remoteJid, { text: 'new', edit: bk, linkPreview: null }, undefined]],
    ['message.star', { target: key, starred: true }, ['chatModify', { star: { messages: [{ id: 'T1', fromMe: false }], star: true } }, bk.remoteJid]],
    ['message.read', { chatId: key.chatId, keys: [key] }, ['readMessages', [bk]]],
    ['presence.set', { presence: 'TYPING', chatId: key.chatId }, ['sendPresenceUpdate', 'composing', bk.remoteJid]],
    ['presence.set', { presence: 'OFFLINE' }, ['sendPresenceUpdate', 'unavailable', undefined]],
    ['presence.subscribe', { chatId: key.chatId }, ['presenceSubscribe', bk.remoteJid]],
    ['contact.exists', { phone: '15550000001' }, ['onWhatsApp', '15550000001']],
    ['call.reject', { callId: 'C1', from: key.chatId }, ['rejectCall', 'C1', bk.remoteJid]]
  ]
  for (const [method, params, expected] of steps) {
    const answer = await b.call(method, { session: 'ses_1', ...params })
    assert.ok(!answer.error, `${method}: ${JSON.stringify(answer.error)}`)
    assert.deepEqual(b.sock.calls.at(-1), expected, method)
  }
  assert.deepEqual((await b.call('contact.exists', { session: 'ses_1', phone: '15550000001' })).result, { exists: true, chatId: '15550000001@c.us' })
})

test('group commands are the Baileys group calls', async () => {
  const b = await bridge()
  const meta = { id: '1-2@g.us', subject: 'G', owner: '15550000100@s.whatsapp.net', participants: [{ id: '15550000100@s.whatsapp.net', admin: 'superadmin' }], announce: true, restrict: false, creation: 1700000000 }
  Object.assign(b.sock.answers, {
    groupCreate: meta,
    groupMetadata: meta,
    groupFetchAllParticipating: { '1-2@g.us': meta },
    groupParticipantsUpdate: (jid, ps) => ps.map(p => ({ status: '200', jid: p })),
    groupInviteCode: 'CODE1',
    groupRevokeInvite: 'CODE2',
    groupAcceptInvite: '3-4@g.us'
  })
  const g = '1-2@g.us'
  const created = await b.call('group.create', { session: 'ses_1', subject: 'G', participants: ['15550000001@c.us'], description: 'd' })
  assert.deepEqual(b.sock.calls.slice(-2), [['groupCreate', 'G', ['15550000001@s.whatsapp.net']], ['groupUpdateDescription', g, 'd']])
  assert.deepEqual(created.result, { id: g, subject: 'G', description: 'd', owner: '15550000100@c.us', participants: [{ id: '15550000100@c.us', role: 'SUPERADMIN' }], messagesAdminOnly: true, infoAdminOnly: false, createdAt: 1700000000000 })
  const steps = [
    ['group.list', {}, ['groupFetchAllParticipating']],
    ['group.get', { groupId: g }, ['groupMetadata', g]],
    ['group.leave', { groupId: g }, ['groupLeave', g]],
    ['group.subject', { groupId: g, subject: 'S' }, ['groupUpdateSubject', g, 'S']],
    ['group.description', { groupId: g, description: 'D' }, ['groupUpdateDescription', g, 'D']],
    ['group.setting', { groupId: g, setting: 'MESSAGES_ADMIN_ONLY', adminsOnly: true }, ['groupSettingUpdate', g, 'announcement']],
    ['group.setting', { groupId: g, setting: 'INFO_ADMIN_ONLY', adminsOnly: false }, ['groupSettingUpdate', g, 'unlocked']],
    ['group.participants', { groupId: g, action: 'PROMOTE', participants: ['15550000001@c.us'] }, ['groupParticipantsUpdate', g, ['15550000001@s.whatsapp.net'], 'promote']],
    ['group.inviteCode', { groupId: g }, ['groupInviteCode', g]],
    ['group.revokeInvite', { groupId: g }, ['groupRevokeInvite', g]],
    ['group.join', { code: 'CODE1' }, ['groupAcceptInvite', 'CODE1']]
  ]
  for (const [method, params, expected] of steps) {
    const answer = await b.call(method, { session: 'ses_1', ...params })
    assert.ok(!answer.error, `${method}: ${JSON.stringify(answer.error)}`)
    assert.deepEqual(b.sock.calls.at(-1), expected, method)
  }
  assert.deepEqual((await b.call('group.participants', { session: 'ses_1', groupId: g, action: 'ADD', participants: ['15550000001@c.us'] })).result, [{ id: '15550000001@c.us', status: 200 }])
  assert.deepEqual((await b.call('group.join', { session: 'ses_1', code: 'C' })).result, { groupId: '3-4@g.us' })
})

test('commands on a session that is not WORKING or not open say NOT_READY; Baileys errors keep their meaning', async () => {
  const b = await bridge()
  assert.equal((await b.call('message.react', { session: 'nope', target: key, emoji: 'x' })).error.code, ERRORS.NOT_READY)
  b.sock.answers.groupMetadata = () => { throw Object.assign(new Error('item-not-found'), { output: { statusCode: 404 } }) }
  assert.equal((await b.call('group.get', { session: 'ses_1', groupId: '9@g.us' })).error.code, ERRORS.NOT_FOUND)
  b.sock.answers.groupLeave = () => { throw Object.assign(new Error('forbidden'), { output: { statusCode: 403 } }) }
  assert.equal((await b.call('group.leave', { session: 'ses_1', groupId: '9@g.us' })).error.code, ERRORS.REFUSED)
  assert.equal((await send(b, { kind: 'pollVote' })).error.code, ERRORS.INVALID_PARAMS)
  b.sock.closeWith(408)
  await until(() => b.host.sessions.get('ses_1').status === 'STARTING')
  assert.equal((await send(b, { kind: 'text', text: 'x' })).error.code, ERRORS.NOT_READY)
  await b.call('session.close', { session: 'ses_1' })
})

test('an IQ WhatsApp answered with an error keeps the error\'s meaning (Baileys\' own assertNodeErrorFree throws it)', async () => {
  const b = await bridge()
  const answeredWith = (code, text) => () => assertNodeErrorFree({ tag: 'iq', attrs: { type: 'error' }, content: [{ tag: 'error', attrs: { code, text } }] })
  b.sock.answers.groupParticipantsUpdate = answeredWith('401', 'not-authorized')
  const refused = await b.call('group.participants', { session: 'ses_1', groupId: '9@g.us', action: 'PROMOTE', participants: ['1@c.us'] })
  assert.deepEqual([refused.error.code, refused.error.message], [ERRORS.REFUSED, 'WhatsApp answered with error 401 (not-authorized)'])
  b.sock.answers.groupMetadata = answeredWith('404', 'item-not-found')
  assert.equal((await b.call('group.get', { session: 'ses_1', groupId: '9@g.us' })).error.code, ERRORS.NOT_FOUND)
  await b.call('session.close', { session: 'ses_1' })
})

test('events of a session reach Java as notifications; ping answers; shutdown closes every session', async () => {
  const b = await bridge()
  const notes = b.out.filter(o => o.method === 'event')
  assert.deepEqual(notes.at(-1).params, { session: 'ses_1', event: { type: 'status', status: 'WORKING', me: { id: '15550000100@c.us', pushName: 'Me' } } })
  assert.equal((await b.call('ping', {})).result.sessions, 1)
  await b.call('shutdown', {})
  assert.equal(b.host.sessions.size, 0)
  assert.ok(b.sock.calls.some(([m]) => m === 'end'))
})

test('a text sent with a preview answers with it, as Baileys puts it in the extendedTextMessage', async () => {
  const b = await bridge()
  b.sock.answers.sendMessage = (jid, content) => ({
    key: { remoteJid: jid, fromMe: true, id: 'OUT2' },
    messageTimestamp: 1700000000,
    message: { extendedTextMessage: { text: content.text, matchedText: content.linkPreview['matched-text'], title: content.linkPreview.title, description: content.linkPreview.description, previewType: 0 } }
  })
  const answer = await send(b, { kind: 'text', text: 'see https://x.example/a', mentions: [], linkPreview: true, preview: { url: 'https://x.example/a', matchedText: 'https://x.example/a', title: 'A page', description: 'About it' } })
  assert.deepEqual(answer.result.linkPreview, { url: 'https://x.example/a', title: 'A page', description: 'About it' })
})
