/** Timing helpers shared by the bench modules. */

export interface Timing {
  medianMs: number
  minMs: number
  runs: number
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed; returns the median and minimum. */
export function time(fn: () => unknown, runs: number, warmup = 2): Timing {
  for (let i = 0; i < warmup; i++) fn()
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    fn()
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  return {
    medianMs: samples[Math.floor(samples.length / 2)] ?? Number.NaN,
    minMs: samples[0] ?? Number.NaN,
    runs,
  }
}
