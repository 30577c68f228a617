import { test } from 'node:test'
import assert from 'node:assert/strict'
import { assertNodeErrorFree } from 'baileys'
import { Boom } from '@hapi/boom'
import { toRpcError } from '../src/host.js'
import { ERRORS } from '../src/rpc.js'

/** The error Baileys' query() throws for an IQ WhatsApp answered with <error code text>. */
function iqError (code, text) {
  try {
    assertNodeErrorFree({ tag: 'iq', attrs: { type: 'error' }, content: [{ tag: 'error', attrs: { code: String(code), text } }] })
  } catch (err) {
    return err
  }
  throw new Error('assertNodeErrorFree accepted an error node')
}

test('an IQ error of WhatsApp maps by its own code, which Baileys keeps as the Boom\'s data', () => {
  assert.equal(toRpcError(iqError(404, 'item-not-found')).code, ERRORS.NOT_FOUND)
  assert.equal(toRpcError(iqError(401, 'not-authorized')).code, ERRORS.REFUSED)
  assert.equal(toRpcError(iqError(400, 'bad-request')).code, ERRORS.INVALID)
  const failed = toRpcError(iqError(500, 'internal-server-error'))
  assert.equal(failed.code, ERRORS.UNAVAILABLE)
  assert.equal(failed.message, 'WhatsApp answered with error 500 (internal-server-error)')
  assert.equal(toRpcError(iqError(503, 'service-unavailable')).code, ERRORS.UNAVAILABLE)
  assert.equal(toRpcError(iqError(429, 'rate-overlimit')).code, ERRORS.UNAVAILABLE)
})

test('a Boom without a WhatsApp code maps by its status, and a plain error is internal', () => {
  assert.equal(toRpcError(new Boom('Timed Out', { statusCode: 408 })).code, ERRORS.UNAVAILABLE)
  assert.equal(toRpcError(new Boom('Connection Closed', { statusCode: 428, data: { some: 'node' } })).code, ERRORS.NOT_READY)
  assert.equal(toRpcError(new TypeError('x is undefined')).code, ERRORS.INTERNAL)
})
