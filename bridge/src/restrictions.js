// What WhatsApp restricts the account in, as Baileys reads it: the reach-out timelock (its
// connection.update `reachoutTimeLock`, from a mex notification or fetchAccountReachoutTimelock, which
// Baileys runs itself after a 463 nack) and the new-chat message cap (`message-capping.update`).

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
