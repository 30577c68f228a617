// The waveform of a voice note, as WhatsApp shows it: 64 bars of 0…100. Baileys would make it with the
// optional audio-decode package (Utils/messages-media.js getAudioWaveform), which is not installed; this
// is the same computation on the samples ffmpeg (which wagate already needs) decodes.
import { spawn } from 'node:child_process'

const SAMPLES = 64

/** Baileys' getAudioWaveform on mono float samples: mean magnitude of 64 blocks, scaled so the loudest is 100. */
export function waveformOf (samples) {
  const blockSize = Math.floor(samples.length / SAMPLES)
  if (blockSize === 0) return undefined
  const means = []
  for (let i = 0; i < SAMPLES; i++) {
    let sum = 0
    for (let j = 0; j < blockSize; j++) sum += Math.abs(samples[blockSize * i + j])
    means.push(sum / blockSize)
  }
  const max = Math.max(...means)
  return new Uint8Array(means.map(n => (max > 0 ? Math.floor(100 * n / max) : 0)))
}

/** The waveform of an audio file, or undefined when ffmpeg cannot read it (the note is sent without one). */
export async function audioWaveform (path, { ffmpeg = 'ffmpeg', logger } = {}) {
  try {
    const pcm = await new Promise((resolve, reject) => {
      const child = spawn(ffmpeg, ['-nostdin', '-hide_banner', '-loglevel', 'error', '-i', path, '-ac', '1', '-ar', '8000', '-f', 'f32le', 'pipe:1'], { stdio: ['ignore', 'pipe', 'ignore'] })
      const chunks = []
      child.stdout.on('data', c => chunks.push(c))
      child.on('error', reject)
      child.on('close', code => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(`ffmpeg exited with ${code}`))))
    })
    // A copy: a pooled Buffer's offset need not be a multiple of 4, as a Float32Array's must.
    const samples = new Float32Array(new Uint8Array(pcm).buffer, 0, Math.floor(pcm.length / 4))
    return waveformOf(samples)
  } catch (err) {
    logger?.warn({ err }, 'could not make the voice note\'s waveform')
    return undefined
  }
}
