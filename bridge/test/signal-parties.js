// Baileys' own signal pieces for tests that encrypt and decrypt between two parties.
import { DEFAULT_CONNECTION_CONFIG, getBinaryNodeChild } from 'baileys'

export const makeRepository = DEFAULT_CONNECTION_CONFIG.makeSignalRepository
export const transactionOpts = { maxCommitRetries: 1, delayBetweenTriesMs: 1 }

/** A key store in memory (Baileys' SignalKeyStore shape). */
export function memoryKeys () {
  const data = new Map()
  return {
    get: async (type, ids) => Object.fromEntries(ids.filter(id => data.has(`${type}:${id}`)).map(id => [id, data.get(`${type}:${id}`)])),
    set: async update => {
      for (const [type, values] of Object.entries(update)) {
        for (const [id, value] of Object.entries(values ?? {})) {
          if (value == null) data.delete(`${type}:${id}`)
          else data.set(`${type}:${id}`, value)
        }
      }
    }
  }
}

/** The pre-key bundle of `jid` as WhatsApp hands it to a sender, from the node of its pre-key upload. */
export function bundleOf (jid, upload) {
  const child = tag => getBinaryNodeChild(upload, tag)
  return {
    tag: 'iq',
    attrs: {},
    content: [{
      tag: 'list',
      attrs: {},
      content: [{ tag: 'user', attrs: { jid }, content: [child('registration'), child('identity'), child('skey'), getBinaryNodeChild(child('list'), 'key')] }]
    }]
  }
}
