import { z } from 'zod'
import { event, invoke } from '../define'

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  /** True when no AWS configuration was found at start-up, so the renderer opens the demo organization. */
  isDemoDefault: z.boolean(),
})
export type AppInfo = z.infer<typeof appInfoSchema>

export const appDomain = {
  /** Version and start-up facts about the app. */
  getInfo: invoke(z.undefined(), appInfoSchema),
  /** Opens an https link in the system browser after checking it against the allow-list. */
  openExternal: invoke(
    z.object({ url: z.url({ protocol: /^https$/ }) }),
    z.object({ isOpened: z.boolean() }),
  ),
  /** Main-side notices for the status area (for example a failed background job). */
  notice: event(z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() })),
} as const
