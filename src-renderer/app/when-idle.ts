/**
 * Runs `task` once the window is idle, at the latest after `timeoutMs` (a macrotask where idle callbacks
 * don't exist, as in tests), so work that can wait never competes with drawing the first rows.
 */
export function whenIdle(task: () => void, timeoutMs: number): { cancel(): void } {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(task, { timeout: timeoutMs })
    return { cancel: () => cancelIdleCallback(id) }
  }
  const id = setTimeout(task, 0)
  return { cancel: () => clearTimeout(id) }
}
