// The signal state of a sent message stored before the message leaves, so that a kill -9 of the bridge cannot
// make it encrypt the next message with the same keys. Baileys' relayMessage encrypts, sends the stanza and
// only then commits its key transaction (Socket/messages-send.js): a bridge that dies in between has sent a
// message whose ratchet step (or sender-key step) is not stored. The restarted bridge encrypts its next
// message with that same message key, which the recipient used up on the first: it cannot decrypt it ("Key
// used already or never filled") and nacks it, so the message is lost. Here each encryption's key writes go
// to the store as soon as the encryption returns, before the stanza is sent (the transaction's commit writes
// the same values again later). A send that then fails leaves a ratchet stepped past a message never sent,
// which the recipient skips over as Signal allows.
import { AsyncLocalStorage } from 'node:async_hooks'

/** What an encryption steps: the 1:1 ratchet and the group sender key. */
const STEPPED = ['session', 'sender-key']

/**
 * Wraps a makeSignalRepository (a SocketConfig option).
 * @param {Function} makeRepository the repository to wrap (Baileys' or inbox.js's)
 * @param {{set: (data: object) => Promise<void>}} store the key store under Baileys' transactions (writes at once)
 */
export function durableEncryption (makeRepository, store) {
  return (auth, logger, pnToLid) => {
    const encrypting = new AsyncLocalStorage()
    const keys = {
      ...auth.keys,
      set: async data => {
        await auth.keys.set(data)
        const written = encrypting.getStore()
        for (const type of STEPPED) if (written && data?.[type]) written.push({ [type]: data[type] })
      }
    }
    const repository = makeRepository({ ...auth, keys }, logger, pnToLid)
    const durably = encrypt => async args => {
      const written = []
      const result = await encrypting.run(written, () => encrypt(args))
      for (const data of written) await store.set(data)
      return result
    }
    return {
      ...repository,
      encryptMessage: durably(args => repository.encryptMessage(args)),
      encryptGroupMessage: durably(args => repository.encryptGroupMessage(args))
    }
  }
}
