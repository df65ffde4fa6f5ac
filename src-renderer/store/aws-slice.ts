import type { StateCreator } from 'zustand'
import type { ProfileSummary } from '../../shared/ipc/domains/aws'
import type { AppState } from './app-store'

export interface AwsSlice {
  profiles: ProfileSummary[]
  configFile: string | undefined
  /** Loads the profiles from the default files, or from the file the user typed. */
  loadProfiles(configFile?: string): Promise<void>
}

export const createAwsSlice: StateCreator<AppState, [], [], AwsSlice> = (set, get) => ({
  profiles: [],
  configFile: undefined,
  loadProfiles: async (configFile) => {
    try {
      const result = await get().deps.api.aws.listProfiles(configFile ? { configFile } : {})
      set({ profiles: result.profiles, configFile: result.configFile })
    } catch (error) {
      get().reportError(error)
    }
  },
})

export const awsSelectors = {
  profiles: (s: AppState) => s.profiles,
  configFile: (s: AppState) => s.configFile,
}
