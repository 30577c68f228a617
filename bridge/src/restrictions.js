// What WhatsApp restricts the account in, as Baileys reads it: the reach-out timelock (its
// connection.update `reachoutTimeLock`, from a mex notification or fetchAccountReachoutTimelock) and the
// new-chat message cap (`message-capping.update`, or what fetchNewChatMessageCap answers). WhatsApp notifies
// changes only, so both are asked for at every connect, and the timelock again after a 463 refusal: Baileys
// rc14 means to (messages-recv.js handleAck), but its branch for 463 as a privacy-token error comes first
// and the timelock fetch after it is never reached.

const millis = seconds => {
  const n = Number(seconds)
  if (!Number.isFinite(n) || n <= 0) return undefined
  return n < 1e12 ? n * 1000 : n
}

/** Baileys' ReachoutTimelockState → the bridge's {active, until (ms), enforcementType}. */
export function timelockOf (state) {
  const until = state?.timeEnforcementEnds instanceof Date ? state.timeEnforcementEnds.getTime() : millis(state?.timeEnforcementEnds)
  return { active: Boolean(state?.isActive), ...(state?.isActive && until ? { until } : {}), enforcementType: state?.enforcementType ?? 'DEFAULT' }
}

/** Baileys' NewChatMessageCapInfo (WhatsApp's own field names) → {status, used, total, cycleEndsAt (ms)}. */
export function newChatCapOf (info) {
  const out = { status: info?.capping_status ?? 'NONE' }
  if (Number.isFinite(Number(info?.used_quota))) out.used = Number(info.used_quota)
  if (Number.isFinite(Number(info?.total_quota))) out.total = Number(info.total_quota)
  const ends = millis(info?.cycle_end_timestamp)
  if (ends) out.cycleEndsAt = ends
  return out
}

/** Emits a 'restrictions' event for each change Baileys reports on this emitter. */
export function bindRestrictions (ev, emit) {
  ev.on('connection.update', update => {
    if (update?.reachoutTimeLock) emit({ type: 'restrictions', restrictions: { reachoutTimelock: timelockOf(update.reachoutTimeLock) } })
  })
  ev.on('message-capping.update', info => {
    if (info) emit({ type: 'restrictions', restrictions: { newChatCap: newChatCapOf(info) } })
  })
}

/**
 * Asks WhatsApp for both at connect (a timelock set before the session was linked here is known at once, not
 * with the first refused send). Baileys emits the timelock's answer itself (connection.update, read by
 * bindRestrictions); the cap's is emitted here. A query WhatsApp does not answer leaves that part as it was.
 */
export async function askRestrictions (sock, emit, log) {
  const [lock, cap] = await Promise.allSettled([sock.fetchAccountReachoutTimelock(), sock.fetchNewChatMessageCap()])
  if (lock.status === 'rejected') log?.info({ err: lock.reason }, 'WhatsApp did not answer the reach-out timelock query')
  if (cap.status === 'rejected') log?.info({ err: cap.reason }, 'WhatsApp did not answer the new-chat cap query')
  else if (cap.value) emit({ type: 'restrictions', restrictions: { newChatCap: newChatCapOf(cap.value) } })
}

/**
 * A function to call on each 463 error ack: it asks for the timelock (Baileys then emits it), at most once per
 * `intervalMs`, as a burst of refused sends needs one answer.
 */
export function timelockOnRefusal (sock, log, { intervalMs = 10000, now = Date.now } = {}) {
  let last = -Infinity
  return () => {
    if (typeof sock.fetchAccountReachoutTimelock !== 'function' || now() - last < intervalMs) return
    last = now()
    sock.fetchAccountReachoutTimelock().catch(err => log?.info({ err }, 'WhatsApp did not answer the reach-out timelock query'))
  }
}
