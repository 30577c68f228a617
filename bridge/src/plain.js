// Baileys objects → data that survives JSON.stringify: bytes as base64, Longs as numbers, no cycles.
const MAX_DEPTH = 8

export function plain (value, depth = 0) {
  if (value === null || value === undefined) return value ?? null
  if (typeof value === 'bigint') return Number(value)
  if (typeof value !== 'object') return typeof value === 'function' ? undefined : value
  if (depth > MAX_DEPTH) return '[deep]'
  if (value instanceof Date) return value.getTime()
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString('base64')
  if (typeof value.toNumber === 'function' && 'low' in value && 'high' in value) return value.toNumber()
  if (value instanceof Error) return { error: value.message }
  if (Array.isArray(value)) return value.map(v => plain(v, depth + 1))
  const out = {}
  for (const [k, v] of Object.entries(value)) {
    const converted = plain(v, depth + 1)
    if (converted !== undefined) out[k] = converted
  }
  return out
}
