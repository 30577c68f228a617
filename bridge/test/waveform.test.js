// Voice notes carry a waveform: 64 bars computed from the audio, kept by Baileys' own message building.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateWAMessageContent } from 'baileys'
import pino from 'pino'
import { audioWaveform } from '../src/waveform.js'
import { commandHandlers } from '../src/commands.js'
import { FakeSocket } from './fakes.js'

const dir = mkdtempSync(join(tmpdir(), 'wagate-waveform-'))
test.after(() => rmSync(dir, { recursive: true, force: true }))

/** Two seconds of a tone growing louder, as an Opus voice note. */
function risingVoiceNote () {
  const path = join(dir, 'rising.ogg')
  execFileSync('ffmpeg', ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', "aevalsrc='sin(440*2*PI*t)*t/2':s=16000:d=2", '-c:a', 'libopus', path])
  return path
}

test('a voice note is sent with a 64-bar waveform of its audio, which Baileys keeps', async () => {
  const path = risingVoiceNote()
  const sock = new FakeSocket({})
  sock.answers.sendMessage = (jid, content, options) => ({ key: { remoteJid: jid, fromMe: true, id: options.messageId ?? 'V' }, messageTimestamp: 1700000000, message: { audioMessage: { ptt: true } } })
  const session = { socket: () => sock, rememberSent: async () => {}, ephemeralFor: () => undefined, recent: new Map(), logger: pino({ level: 'silent' }) }
  const handlers = commandHandlers(async sent => sent)
  await handlers['message.send'](session, { message: { chatId: '15550000001@c.us', kind: 'audio', voiceNote: true, file: { path, mimetype: 'audio/ogg' } } })
  const [, , content] = sock.calls.find(([name]) => name === 'sendMessage')
  const waveform = content.waveform
  assert.equal(waveform.length, 64)
  assert.equal(Math.max(...waveform), 100)
  assert.ok(waveform[5] < waveform[32] && waveform[32] < waveform[60], `rising: ${[...waveform]}`)

  const built = await generateWAMessageContent(content, { upload: async () => ({ mediaUrl: 'http://127.0.0.1:9/a', directPath: '/a' }), logger: pino({ level: 'silent' }) })
  assert.deepEqual([...built.audioMessage.waveform], [...waveform])
  assert.equal(built.audioMessage.ptt, true)
})

test('audio ffmpeg cannot read gives no waveform, not a failed send', async () => {
  assert.equal(await audioWaveform(join(dir, 'missing.ogg')), undefined)
})
