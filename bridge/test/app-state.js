// An account's other device for app-state patches: what chatModify hands to WhatsApp is made into a patch by
// Baileys' chatModificationToAppPatch, encrypted by encodeSyncdPatch (what appPatch sends), then decrypted by
// decodeSyncdPatch and applied by processSyncAction on a real socket's events, as the account's devices do. No
// WhatsApp server serves app state in tests, so the network leg between encode and decode is left out.
import { randomBytes } from 'node:crypto'
import { chatModificationToAppPatch, decodeSyncdPatch, encodeSyncdPatch, newLTHashState, processSyncAction } from 'baileys'

/** @param {object} sock Baileys' real socket, whose events hear the patches */
export function appStateDevice (sock) {
  const keyId = Buffer.from('wagate-test-app-state-key').toString('base64')
  const key = { keyData: randomBytes(32), fingerprint: { rawId: 1, currentIndex: 0, deviceIndexes: [0] }, timestamp: Date.now() }
  const appStateKey = async id => (id === keyId ? key : undefined)
  return async function apply (mod, jid) {
    const patch = chatModificationToAppPatch(mod, jid)
    const { patch: encoded, state } = await encodeSyncdPatch(patch, keyId, newLTHashState(), appStateKey)
    await decodeSyncdPatch({ ...encoded, version: { version: state.version } }, patch.type, newLTHashState(), appStateKey,
      mutation => processSyncAction(mutation, sock.ev, sock.authState.creds.me), true)
  }
}
