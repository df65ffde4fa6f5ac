import { useEffect, useState } from 'react'
import { TextFileInput } from '../../components/text-file-input'
import { useAppStore } from '../../store/app-store'
import { awsSelectors } from '../../store/aws-slice'
import { OptionSelect } from '../accounts/option-select'

/** Account details in bulk (a file, or AWS Organizations), so baselines can scope by environment, owner and tag. */
export function AccountDetailsImport() {
  const importAccountDetails = useAppStore((s) => s.importAccountDetails)
  const importOrganizationAccounts = useAppStore((s) => s.importOrganizationAccounts)
  const targets = useAppStore(awsSelectors.targets)
  const loadTargets = useAppStore((s) => s.loadTargets)
  const [targetId, setTargetId] = useState('')
  const [ownerTag, setOwnerTag] = useState('owner')
  const [environmentTag, setEnvironmentTag] = useState('environment')
  const [isBusy, setBusy] = useState(false)
  useEffect(() => {
    void loadTargets()
  }, [loadTargets])
  const target = targets.find((t) => t.id === targetId) ?? targets[0]

  return (
    <section aria-labelledby="account-details-title">
      <h2 id="account-details-title">Account details</h2>
      <p className="muted">
        Names, owners, environments, tags and targets from a CSV, JSON or YAML file (the file `cli check
        --accounts` reads), or from AWS Organizations through the management account. Only accounts Ratchet
        knows are updated.
      </p>
      <div className="inline-form">
        <label htmlFor="account-details-import">Import account details</label>
        <TextFileInput
          id="account-details-import"
          accept=".csv,.json,.yaml,.yml"
          what="an account-details file"
          onText={importAccountDetails}
        />
      </div>
      {targets.length > 0 ? (
        <form
          className="inline-form"
          aria-label="Import from AWS Organizations"
          onSubmit={async (e) => {
            e.preventDefault()
            if (!target) return
            setBusy(true)
            await importOrganizationAccounts(target, { ownerTag, environmentTag })
            setBusy(false)
          }}
        >
          <OptionSelect
            label="Management account"
            value={target?.id ?? ''}
            values={targets.map((t) => t.id)}
            text={(id) => {
              const t = targets.find((x) => x.id === id)
              return t ? `${t.accountName} (${t.accountId})` : id
            }}
            onChange={setTargetId}
          />
          <label>
            Owner tag <input value={ownerTag} onChange={(e) => setOwnerTag(e.target.value)} size={12} />
          </label>
          <label>
            Environment tag{' '}
            <input value={environmentTag} onChange={(e) => setEnvironmentTag(e.target.value)} size={12} />
          </label>
          <button type="submit" disabled={isBusy || !ownerTag.trim() || !environmentTag.trim()}>
            Import from AWS Organizations
          </button>
        </form>
      ) : null}
    </section>
  )
}
