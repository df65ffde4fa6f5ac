import type { z } from 'zod'
import { AppError, describeZodError } from '../../shared/errors'

/** Parses repository input with zod, turning a failure into an AppError the status area can show. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input)
  if (!result.success) {
    throw new AppError('invalid-input', `Invalid ${what}: ${describeZodError(result.error)}`)
  }
  return result.data
}

/** The rows that still validate against `schema` (parsed); rows written by an older version that no longer do are skipped. */
export function validRows<T>(schema: z.ZodType<T>, rows: readonly unknown[]): T[] {
  return rows.flatMap((row) => {
    const parsed = schema.safeParse(row)
    return parsed.success ? [parsed.data] : []
  })
}
