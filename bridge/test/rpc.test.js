import { test } from 'node:test'
import assert from 'node:assert/strict'
import { PassThrough } from 'node:stream'
import { ERRORS, RpcError, RpcPeer } from '../src/rpc.js'
import { silentLogger, until } from './fakes.js'

function peer (opts = {}) {
  const input = new PassThrough()
  const out = []
  const warnings = []
  const log = { ...silentLogger, warn: (obj, msg) => warnings.push(msg) }
  const rpc = new RpcPeer({ input, write: line => out.push(JSON.parse(line)), log, ...opts })
  const send = object => input.write((typeof object === 'string' ? object : JSON.stringify(object)) + '\n')
  return { rpc, out, send, warnings, input }
}

test('a request is answered with its handler\'s result', async () => {
  const { rpc, out, send } = peer()
  rpc.handle('ping', () => ({ pong: true }))
  send({ jsonrpc: '2.0', id: 7, method: 'ping', params: {} })
  await until(() => out.length === 1)
  assert.deepEqual(out[0], { jsonrpc: '2.0', id: 7, result: { pong: true } })
})

test('a handler\'s RpcError keeps its code; other errors are internal', async () => {
  const { rpc, out, send } = peer()
  rpc.handle('refused', () => { throw new RpcError(ERRORS.REFUSED, 'not an admin') })
  rpc.handle('broken', () => { throw new Error('boom') })
  send({ jsonrpc: '2.0', id: 1, method: 'refused' })
  send({ jsonrpc: '2.0', id: 2, method: 'broken' })
  await until(() => out.length === 2)
  assert.deepEqual(out.find(o => o.id === 1).error, { code: ERRORS.REFUSED, message: 'not an admin' })
  assert.equal(out.find(o => o.id === 2).error.code, ERRORS.INTERNAL)
})

test('an unknown method is answered with method-not-found', async () => {
  const { out, send } = peer()
  send({ jsonrpc: '2.0', id: 3, method: 'nope' })
  await until(() => out.length === 1)
  assert.equal(out[0].error.code, ERRORS.METHOD_NOT_FOUND)
})

test('malformed lines are answered with an error and do not stop the loop', async () => {
  const { rpc, out, send, warnings } = peer()
  rpc.handle('ping', () => 'pong')
  send('{not json')
  send('[1,2]')
  send({ id: 4, method: 'ping' })
  send('')
  send({ jsonrpc: '2.0', id: 5, method: 'ping' })
  await until(() => out.some(o => o.id === 5))
  assert.equal(out[0].error.code, ERRORS.PARSE)
  assert.equal(out[1].error.code, ERRORS.INVALID_REQUEST)
  assert.equal(out[2].error.code, ERRORS.INVALID_REQUEST)
  assert.equal(out.find(o => o.id === 5).result, 'pong')
  assert.equal(warnings.length, 3)
})

test('our request resolves with the answer, rejects with an error answer', async () => {
  const { rpc, out, send } = peer()
  const ok = rpc.request('auth.creds.load', { session: 's' })
  const bad = rpc.request('auth.keys.get', { session: 's' })
  await until(() => out.length === 2)
  send({ jsonrpc: '2.0', id: out[0].id, result: { value: 'x' } })
  send({ jsonrpc: '2.0', id: out[1].id, error: { code: ERRORS.NOT_FOUND, message: 'gone' } })
  assert.deepEqual(await ok, { value: 'x' })
  await assert.rejects(bad, e => e.code === ERRORS.NOT_FOUND && e.message === 'gone')
})

test('a request times out, and its late answer is logged and dropped', async () => {
  const { rpc, out, send, warnings } = peer({ timeoutMs: 20 })
  await assert.rejects(rpc.request('auth.creds.load', {}), e => e.code === ERRORS.TIMEOUT)
  send({ jsonrpc: '2.0', id: out[0].id, result: 'late' })
  await until(() => warnings.includes('dropped a late or unknown answer'))
})

test('closing the input fails pending requests instead of leaving them hanging', async () => {
  const { rpc, input } = peer()
  const pending = rpc.request('auth.creds.load', {})
  input.end()
  await assert.rejects(pending, e => e.code === ERRORS.UNAVAILABLE)
  await assert.rejects(rpc.request('x', {}), e => e.code === ERRORS.UNAVAILABLE)
})

test('a line over the limit is refused with an error to its request, and the next line is read as usual', async () => {
  const { rpc, out, input, warnings } = peer({ maxLineBytes: 1024 })
  rpc.handle('ping', () => 'pong')
  rpc.handle('send', () => 'carried out')
  // Written in pieces, as a pipe delivers it: nothing of it past the limit is kept.
  const long = JSON.stringify({ jsonrpc: '2.0', id: 11, method: 'send', params: { text: 'x'.repeat(5000) } })
  for (let i = 0; i < long.length; i += 700) input.write(long.slice(i, i + 700))
  input.write('\n' + JSON.stringify({ jsonrpc: '2.0', id: 12, method: 'ping' }) + '\n')
  await until(() => out.some(o => o.id === 12))
  assert.equal(out.length, 2)
  assert.equal(out[0].id, 11)
  assert.equal(out[0].error.code, ERRORS.INVALID_REQUEST)
  assert.match(out[0].error.message, /more than 1024 bytes/)
  assert.equal(out[1].result, 'pong')
  assert.ok(warnings.includes('refused a line over the limit'))
})

test('an answer over the limit fails the request it answers; a line of no one gets an error without id', async () => {
  const { rpc, out, send, input } = peer({ maxLineBytes: 256 })
  const asked = rpc.request('auth.keys.get', { session: 's' })
  await until(() => out.length === 1)
  send({ jsonrpc: '2.0', id: out[0].id, result: { value: 'k'.repeat(1000) } })
  await assert.rejects(asked, e => e.code === ERRORS.INVALID_REQUEST && /more than 256 bytes/.test(e.message))
  input.write('y'.repeat(300) + '\r\n')
  await until(() => out.length === 2)
  assert.deepEqual(out[1], { jsonrpc: '2.0', id: null, error: { code: ERRORS.INVALID_REQUEST, message: 'a line of more than 256 bytes' } })
  // A line of exactly the limit (a CR before its LF would count), split across writes, is taken.
  rpc.handle('ping', () => 'pong')
  const exact = JSON.stringify({ jsonrpc: '2.0', id: 13, method: 'ping', params: { pad: '' } })
  const padded = exact.replace('"pad":""', `"pad":"${'p'.repeat(256 - exact.length)}"`)
  assert.equal(Buffer.byteLength(padded), 256)
  input.write(padded.slice(0, 100))
  input.write(padded.slice(100) + '\n')
  await until(() => out.some(o => o.id === 13))
  assert.equal(out.find(o => o.id === 13).result, 'pong')
})
