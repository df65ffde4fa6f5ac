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

/**
 * What a main-side folder picker is for. The renderer never sends a path: it asks main to show a picker, gets
 * an opaque handle bound to this purpose, and passes the handle back to the channel that uses it.
 */
export const folderPurposes = ['evidence-import', 'evidence-export'] as const
export type FolderPurpose = (typeof folderPurposes)[number]

/** An opaque reference to a folder the user chose in a main-side picker (a random id, never a path). */
export const folderHandleSchema = z
  .string()
  .regex(/^fh-[0-9a-f-]{36}$/, 'must be a folder handle from app:pick-folder')

export const pickFolderResultSchema = z.object({
  /** False when the user cancelled: there is no handle. */
  isChosen: z.boolean(),
  handle: folderHandleSchema.optional(),
  /** The folder the user chose, to show back to them. */
  label: z.string().optional(),
})
export type PickFolderResult = z.infer<typeof pickFolderResultSchema>

export const appDomain = {
  /** Version and start-up facts about the app. */
  getInfo: invoke(z.undefined(), appInfoSchema),
  /** Opens an https link in the system browser after checking it against the allow-list. */
  openExternal: invoke(
    z.object({ url: z.url({ protocol: /^https$/ }) }),
    z.object({ isOpened: z.boolean() }),
  ),
  /** Shows a main-side folder picker for one purpose; the handle it returns works only for that purpose. */
  pickFolder: invoke(z.object({ purpose: z.enum(folderPurposes) }), pickFolderResultSchema),
  /** Main-side notices for the status area (for example a failed background job). */
  notice: event(z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() })),
} as const
