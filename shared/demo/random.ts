/** A small seeded PRNG (mulberry32): the same seed gives the same demo everywhere. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** FNV-1a over a string, mixed with a seed. */
export function hashString(text: string, seed: number): number {
  let h = (2166136261 ^ seed) >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 16777619) >>> 0
  }
  return h
}

/**
 * A stable random number in [0, 1) for a named fact about the demo (e.g. "account 3, key of user ci").
 * Latent values drawn this way stay the same across quarters, so improving accounts improve steadily.
 */
export function latent(seed: number, ...parts: Array<string | number>): number {
  return mulberry32(hashString(parts.join('|'), seed))()
}
