import type { StateCreator } from 'zustand'
import { AppError } from '../../shared/errors'
import {
  defaultRolePreference,
  type LoginProgress,
  type ProfileSummary,
  type SsoSessionSummary,
} from '../../shared/ipc/domains/aws'
import {
  applyRolePreference,
  createTargetsRepo,
  mergeDiscovered,
  type StoredTarget,
  type TargetsSetting,
} from '../db/targets-repo'
import type { AppState } from './app-store'

export interface AwsSlice {
  profiles: ProfileSummary[]
  sessions: SsoSessionSummary[]
  configFile: string | undefined
  /** The sign-in in progress (or just ended), with the user code to show. */
  login: LoginProgress | undefined
  /** The session whose accounts are being listed. */
  discovering: string | undefined
  /** A session whose token AWS refused (expired or revoked): Settings offers to sign in again. */
  signInNeeded: string | undefined
  targets: StoredTarget[]
  rolePreference: string[]
  /** Loads the profiles from the AWS files the environment names (main decides where; the renderer cannot). */
  loadProfiles(): Promise<void>
  /** Signs in to a session with the device flow, then lists its accounts. */
  signIn(sessionId: string): Promise<void>
  cancelSignIn(): Promise<void>
  /** Lists every account and role of a session and merges them into the stored targets. */
  discover(sessionId: string): Promise<void>
  loadTargets(): Promise<void>
  setIncluded(targetIds: readonly string[], isIncluded: boolean): Promise<void>
  chooseRole(targetId: string, roleName: string): Promise<void>
  setRolePreference(roles: readonly string[]): Promise<void>
  /** Adds a plain profile as a target (its account comes from STS). */
  addProfileTarget(profile: string): Promise<void>
  removeTarget(targetId: string): Promise<void>
}

export const createAwsSlice: StateCreator<AppState, [], [], AwsSlice> = (set, get) => {
  const repo = () => createTargetsRepo(get().deps.db)
  const persist = async (change: (current: TargetsSetting) => TargetsSetting) => {
    try {
      const saved = await repo().update(change)
      set({ targets: saved.targets, rolePreference: saved.rolePreference })
    } catch (error) {
      get().reportError(error)
    }
  }
  return {
    profiles: [],
    sessions: [],
    configFile: undefined,
    login: undefined,
    discovering: undefined,
    signInNeeded: undefined,
    targets: [],
    rolePreference: [...defaultRolePreference],

    loadProfiles: async () => {
      try {
        const result = await get().deps.api.aws.listProfiles({})
        set({ profiles: result.profiles, sessions: result.sessions, configFile: result.configFile })
      } catch (error) {
        get().reportError(error)
      }
    },

    signIn: async (sessionId) => {
      const { api } = get().deps
      set({ login: { sessionId, state: 'registering' } })
      const unsubscribe = api.aws.onLoginProgress((progress) => {
        if (progress.sessionId === sessionId) set({ login: progress })
      })
      try {
        await api.aws.startLogin({ sessionId })
        set({ login: { sessionId, state: 'succeeded' }, signInNeeded: undefined })
        get().notify({ level: 'info', message: `Signed in to ${sessionId}.` })
      } catch (error) {
        const isCancelled = error instanceof AppError && error.code === 'sso-login-cancelled'
        set({ login: undefined })
        if (!isCancelled) get().reportError(error)
        return
      } finally {
        unsubscribe()
      }
      await get().loadProfiles()
      await get().discover(sessionId)
    },

    cancelSignIn: async () => {
      const login = get().login
      if (!login) return
      try {
        await get().deps.api.aws.cancelLogin({ sessionId: login.sessionId })
      } catch (error) {
        get().reportError(error)
      }
      set({ login: undefined })
    },

    discover: async (sessionId) => {
      set({ discovering: sessionId })
      try {
        const result = await get().deps.api.aws.discoverTargets({
          sessionId,
          rolePreference: get().rolePreference,
        })
        await persist((current) => mergeDiscovered(current, sessionId, result.targets))
        get().notify({ level: 'info', message: `Found ${result.targets.length} accounts in ${sessionId}.` })
      } catch (error) {
        if (error instanceof AppError && error.code === 'sso-token-expired') set({ signInNeeded: sessionId })
        get().reportError(error)
      } finally {
        set({ discovering: undefined })
      }
    },

    loadTargets: async () => {
      try {
        const stored = await repo().load()
        set({ targets: stored.targets, rolePreference: stored.rolePreference })
      } catch (error) {
        get().reportError(error)
      }
    },

    setIncluded: (targetIds, isIncluded) => {
      const ids = new Set(targetIds)
      return persist((current) => ({
        ...current,
        targets: current.targets.map((t) => (ids.has(t.id) ? { ...t, isIncluded } : t)),
      }))
    },

    chooseRole: (targetId, roleName) =>
      persist((current) => ({
        ...current,
        targets: current.targets.map((t) =>
          t.id === targetId && (t.availableRoles ?? []).includes(roleName)
            ? { ...t, roleName, isRoleChosen: true }
            : t,
        ),
      })),

    setRolePreference: (roles) => {
      const cleaned = [...new Set(roles.map((r) => r.trim()).filter(Boolean))]
      return persist((current) => applyRolePreference(current, cleaned))
    },

    addProfileTarget: async (profile) => {
      try {
        const target = await get().deps.api.aws.profileTarget({ profile })
        await persist((current) => ({
          ...current,
          targets: [
            ...current.targets.filter((t) => t.id !== target.id),
            { ...target, isIncluded: true, isRoleChosen: false },
          ],
        }))
      } catch (error) {
        get().reportError(error)
      }
    },

    removeTarget: (targetId) =>
      persist((current) => ({ ...current, targets: current.targets.filter((t) => t.id !== targetId) })),
  }
}

export const awsSelectors = {
  profiles: (s: AppState) => s.profiles,
  sessions: (s: AppState) => s.sessions,
  configFile: (s: AppState) => s.configFile,
  login: (s: AppState) => s.login,
  discovering: (s: AppState) => s.discovering,
  signInNeeded: (s: AppState) => s.signInNeeded,
  targets: (s: AppState) => s.targets,
  rolePreference: (s: AppState) => s.rolePreference,
  /** The targets a collection run should use: included, and (for SSO) with a role. */
  includedTargets: (s: AppState) =>
    s.targets.filter((t) => t.isIncluded && (t.kind === 'profile' || t.roleName)),
}

/** Whether a target matches the search text (name, id, e-mail, role or session). */
export function matchesTargetSearch(target: StoredTarget, query: string): boolean {
  const q = query.trim().toLowerCase()
  if (!q) return true
  return [
    target.accountName,
    target.accountId,
    target.email,
    target.roleName,
    target.ssoSession,
    target.profile,
  ].some((field) => field?.toLowerCase().includes(q))
}
