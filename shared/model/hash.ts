/**
 * Pure-JS content hashing for model versions (shared/ may not use node:crypto). FNV-1a 64 is not a
 * cryptographic hash; it identifies content, it does not protect it.
 */

/** JSON with object keys sorted at every depth and undefined properties dropped, so equal content hashes equal. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`
}

/**
 * FNV-1a 64 over the UTF-8 bytes of `text`, as 16 lowercase hex digits. The 64-bit product is computed on
 * two 32-bit halves (prime = 2^40 + 0x1b3), which is much faster than BigInt and gives identical results.
 */
export function fnv1a64(text: string): string {
  let hi = 0xcbf29ce4
  let lo = 0x84222325
  for (const byte of new TextEncoder().encode(text)) {
    lo = (lo ^ byte) >>> 0
    const loProduct = lo * 0x1b3
    const carry = Math.floor(loProduct / 0x100000000)
    hi = (Math.imul(hi, 0x1b3) + carry + (lo << 8)) >>> 0
    lo = loProduct >>> 0
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0')
}
