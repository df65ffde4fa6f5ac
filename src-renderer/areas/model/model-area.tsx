import { useShallow } from 'zustand/react/shallow'
import { defaultModel } from '../../../shared/model/default-model'
import { modelVersion } from '../../../shared/model/schema'
import { useAppStore, useLoadOnMount } from '../../store/app-store'
import { modelFile, modelSelectors } from '../../store/model-slice'
import { ModelBrowser } from './model-browser'
import { ParamsEditor } from './params-editor'
import './model.css'
import { ExportAsButtons } from '../../components/export-as-buttons'
import { TableHead } from '../../components/table-head'
import { TextFileInput } from '../../components/text-file-input'

/** The Model area: the model in use, its versions, its parameters, and every domain, level and control. */
export function ModelArea() {
  const { storedModels, scoredVersions, choice, isLoaded } = useAppStore(
    useShallow((s) => ({
      storedModels: s.storedModels,
      scoredVersions: s.scoredVersions,
      choice: s.modelChoice,
      isLoaded: s.isModelLoaded,
    })),
  )
  const baseModel = useAppStore(modelSelectors.baseModel)
  const activeModel = useAppStore(modelSelectors.activeModel)
  const activeVersion = useAppStore(modelSelectors.activeVersion)
  const importModel = useAppStore((s) => s.importModel)
  const selectModel = useAppStore((s) => s.selectModel)
  const removeModel = useAppStore((s) => s.removeModel)
  useLoadOnMount((s) => s.loadModels)

  const builtInVersion = modelVersion(defaultModel)
  const versions = [
    { hash: null, label: `${defaultModel.name} (built in)`, version: builtInVersion, origin: 'built in' },
    ...storedModels.map((m) => ({
      hash: m.hash,
      label: m.name,
      version: m.hash,
      origin: m.fileName ? `imported from ${m.fileName}` : m.origin,
    })),
  ]

  return (
    <section className="area" data-testid="area-model">
      <h2>Model</h2>
      <p data-testid="model-in-use">
        In use: <strong>{activeModel.name}</strong> <code>{activeVersion}</code>
        {activeVersion !== modelVersion(baseModel) ? ' (with your parameter values)' : ''}
      </p>
      {!isLoaded ? <p className="muted">Reading models…</p> : null}

      <section aria-labelledby="model-versions-title">
        <h3 id="model-versions-title">Model versions</h3>
        <table className="table" data-testid="model-versions">
          <TableHead columns={['Model', 'Version', 'Origin', 'Actions']} />
          <tbody>
            {versions.map((v) => {
              const isInUse = v.hash === choice.activeHash
              return (
                <tr key={v.version} aria-current={isInUse ? 'true' : undefined}>
                  <td>
                    {v.label} {isInUse ? <span className="badge">in use</span> : null}
                  </td>
                  <td>
                    <code>{v.version}</code>
                  </td>
                  <td>{v.origin}</td>
                  <td>
                    {isInUse ? null : (
                      <button type="button" onClick={() => void selectModel(v.hash)}>
                        Use {v.label}
                      </button>
                    )}{' '}
                    {v.hash && !isInUse ? (
                      <button
                        type="button"
                        onClick={() => {
                          if (window.confirm(`Delete model version ${v.version}?`))
                            void removeModel(v.version)
                        }}
                      >
                        Delete
                      </button>
                    ) : null}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
        <div className="inline-form">
          <label htmlFor="model-import">Import a model (JSON or YAML)</label>
          <TextFileInput
            id="model-import"
            accept=".json,.yaml,.yml,application/json,text/yaml"
            what="a model file"
            onText={importModel}
          />
          <ExportAsButtons file={(format) => modelFile(activeModel, format)} />
        </div>
      </section>

      <section aria-labelledby="scored-versions-title">
        <h3 id="scored-versions-title">Versions that have scored snapshots</h3>
        {scoredVersions.length === 0 ? (
          <p className="muted">No snapshot has been saved yet.</p>
        ) : (
          <table className="table" data-testid="scored-versions">
            <TableHead columns={['Model', 'Version', 'Snapshots', 'Last scored']} />
            <tbody>
              {scoredVersions.map((v) => (
                <tr key={v.hash} aria-current={v.hash === activeVersion ? 'true' : undefined}>
                  <td>
                    {v.name} {v.hash === activeVersion ? <span className="badge">in use</span> : null}
                  </td>
                  <td>
                    <code>{v.hash}</code>
                  </td>
                  <td>{v.snapshotCount}</td>
                  <td>{v.lastScoredAt.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <ParamsEditor model={baseModel} params={choice.params} />
      <ModelBrowser model={activeModel} />
    </section>
  )
}
