import { useAppStore } from './app-store'
import type { DeskModel } from './desk-model'
import { modelSelectors } from './model-slice'

/** The model the desk scores with, as a React value: components re-render when the model changes. */
export function useDeskModel(): DeskModel {
  return useAppStore(modelSelectors.desk)
}
