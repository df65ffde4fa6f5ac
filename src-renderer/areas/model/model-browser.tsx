import { useState } from 'react'
import { controlEvidence, controlMode, describeRule } from '../../../shared/model/describe'
import type { MaturityModel, ModelControl } from '../../../shared/model/schema'
import { resolveParams } from '../../../shared/scoring/params'
import { useAppStore } from '../../store/app-store'

/** Domains → levels → controls, with each control's rule, rationale, remediation and evidence. */
export function ModelBrowser({ model }: { model: MaturityModel }) {
  const [domainId, setDomainId] = useState(model.domains[0]?.id ?? 'iam')
  const domain = model.domains.find((d) => d.id === domainId) ?? model.domains[0]
  const params = resolveParams(model, undefined)
  if (!domain) return null
  return (
    <section aria-labelledby="model-browser-title" data-testid="model-browser">
      <h3 id="model-browser-title">Domains, levels and controls</h3>
      <div className="model-tabs" role="tablist" aria-label="Domains">
        {model.domains.map((d) => (
          <button
            key={d.id}
            type="button"
            role="tab"
            aria-selected={d.id === domain.id}
            onClick={() => setDomainId(d.id)}
          >
            {d.name}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={domain.name}>
        {domain.description ? <p className="muted">{domain.description}</p> : null}
        {domain.levels.map((level) => (
          <section
            key={level.level}
            className="model-level"
            aria-label={`Level ${level.level}: ${level.name}`}
          >
            <h4>
              L{level.level} {level.name}
            </h4>
            <p className="muted">{level.meaning}</p>
            {level.controls.length === 0 ? <p className="muted">No controls at this level.</p> : null}
            {level.controls.map((c) => (
              <ControlCard key={c.id} control={c} params={params} />
            ))}
          </section>
        ))}
      </div>
    </section>
  )
}

function ControlCard({
  control,
  params,
}: {
  control: ModelControl
  params: Readonly<Record<string, number>>
}) {
  const openLink = useAppStore((s) => s.openLink)
  const mode = controlMode(control)
  return (
    <details className="model-control" data-testid={`model-control-${control.id}`}>
      <summary>
        <code>{control.id}</code> {control.title} <span className="badge">{mode}</span>
      </summary>
      <dl>
        <dt>Why</dt>
        <dd>{control.rationale}</dd>
        {control.rule ? (
          <>
            <dt>Rule</dt>
            <dd>{describeRule(control.rule, params)}</dd>
          </>
        ) : null}
        {control.question ? (
          <>
            <dt>Question</dt>
            <dd>
              {control.question.prompt} (an answer is valid {control.question.validityDays} days)
            </dd>
          </>
        ) : null}
        <dt>Evidence</dt>
        <dd>{controlEvidence(control).join('; ')}</dd>
        <dt>Remediation</dt>
        <dd>
          {control.remediation.text}
          {control.remediation.links.length > 0 ? (
            <ul>
              {control.remediation.links.map((link) => (
                <li key={link.url}>
                  <button type="button" className="link" onClick={() => openLink(link.url)}>
                    {link.title}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </dd>
      </dl>
    </details>
  )
}
