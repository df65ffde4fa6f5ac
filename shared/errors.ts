import { z } from 'zod'

/** The error shape that crosses the IPC boundary: never a stack trace. */
export const appErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
})
export type AppErrorData = z.infer<typeof appErrorSchema>

/** An error that carries a machine-readable code and a hint that tells the user what to do next. */
export class AppError extends Error {
  readonly code: string
  readonly hint: string | undefined

  constructor(code: string, message: string, hint?: string) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.hint = hint
  }

  toData(): AppErrorData {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint }
  }

  static from(data: AppErrorData): AppError {
    return new AppError(data.code, data.message, data.hint)
  }
}

export const isAppError = (value: unknown): value is AppError => value instanceof AppError

/** Turns a zod failure into one readable sentence: "path.to.field: what was expected; …". */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)'
      return `${path}: ${issue.message}`
    })
    .join('; ')
}
