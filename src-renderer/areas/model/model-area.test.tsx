import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultModel, defaultModelInput } from '../../../shared/model/default-model'
import { modelVersion } from '../../../shared/model/schema'
import { createModelsRepo } from '../../db/models-repo'
import { AppStoreContext } from '../../store/app-store'
import { fakeApi, testStore } from '../../store/test-support'
import { ModelArea } from './model-area'

afterEach(cleanup)

async function renderArea() {
  const fake = fakeApi({ isDemoDefault: false })
  const { store, db } = testStore('model-area', { api: fake.api })
  render(
    <AppStoreContext.Provider value={store}>
      <ModelArea />
    </AppStoreContext.Provider>,
  )
  await waitFor(() => expect(store.getState().isModelLoaded).toBe(true))
  return { store, db, opened: fake.opened }
}

describe('the Model area', () => {
  it('shows the model in use with its version and marks it in the versions table', async () => {
    await renderArea()
    expect(screen.getByTestId('model-in-use').textContent).toContain(modelVersion(defaultModel))
    const current = within(screen.getByTestId('model-versions'))
      .getAllByRole('row')
      .find((r) => r.getAttribute('aria-current') === 'true')
    expect(current?.textContent).toContain('in use')
    expect(current?.textContent).toContain('(built in)')
  })

  it('browses domains and shows a control’s rule, evidence and remediation links', async () => {
    const { opened } = await renderArea()
    fireEvent.click(screen.getByRole('tab', { name: 'Logging & detection' }))
    const card = screen.getByTestId('model-control-log.cloudtrail-on')
    expect(card.textContent).toContain('Trusted Advisor check vjafUGJ9H0 has at most 0 error resources')
    expect(card.textContent).toContain('Trusted Advisor (vjafUGJ9H0); Manual attestation (valid 180 days)')
    fireEvent.click(within(card).getByRole('button', { name: 'Creating a trail' }))
    await waitFor(() => expect(opened[0]).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/awscloudtrail\//))
  })

  it('refuses parameter values out of bounds, and saves valid ones', async () => {
    const { store } = await renderArea()
    const input = screen.getByLabelText('Maximum access key age')
    fireEvent.change(input, { target: { value: '5' } })
    expect(screen.getByRole('alert').textContent).toBe('must be between 30 and 365')
    expect(screen.getByRole('button', { name: 'Save parameters' })).toHaveProperty('disabled', true)
    fireEvent.change(input, { target: { value: '60' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save parameters' }))
    await waitFor(() =>
      expect(store.getState().modelChoice.params).toEqual({ 'access-key-max-age-days': 60 }),
    )
    expect(screen.getByTestId('model-in-use').textContent).toContain('(with your parameter values)')
  })

  it('imports a model file and lists it; a broken file stores nothing and says why', async () => {
    const { store, db } = await renderArea()
    const input = screen.getByLabelText('Import a model (JSON or YAML)')
    const good = new File([JSON.stringify({ ...defaultModelInput, id: 'acme', name: 'ACME' })], 'acme.json')
    fireEvent.change(input, { target: { files: [good] } })
    await screen.findByText('imported from acme.json')
    const bad = new File(['schemaVersion: 2'], 'bad.yaml')
    fireEvent.change(input, { target: { files: [bad] } })
    await waitFor(() => expect(store.getState().notices.some((n) => n.level === 'error')).toBe(true))
    expect(store.getState().notices.find((n) => n.level === 'error')?.message).toContain(
      'bad.yaml is not a valid Ratchet model:',
    )
    expect((await createModelsRepo(db).list()).map((m) => m.modelId)).toEqual(['acme'])
  })
})
