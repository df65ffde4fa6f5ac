import { useShallow } from 'zustand/react/shallow'
import { useAppStore, useLoadOnMount } from '../../store/app-store'
import { awsSelectors } from '../../store/aws-slice'
import { SessionsPanel } from './sessions-panel'
import { TargetsPanel } from './targets-panel'
import { ThemePanel } from './theme-panel'
import { TokenStateLabel } from './token-state'
import './settings.css'
import { TableHead } from '../../components/table-head'

/** Settings: the theme; AWS profiles, SSO sessions and sign-in, and the accounts to collect from. */
export function SettingsArea() {
  const profiles = useAppStore(useShallow(awsSelectors.profiles))
  const configFile = useAppStore(awsSelectors.configFile)
  const addProfileTarget = useAppStore((s) => s.addProfileTarget)
  const loadProfiles = useAppStore((s) => s.loadProfiles)
  useLoadOnMount((s) => s.loadProfiles)
  return (
    <section className="area settings-area" data-testid="area-settings">
      <h2>Settings</h2>
      <h3>Appearance</h3>
      <ThemePanel />
      <h3>AWS profiles</h3>
      {/* Where the files are comes from AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, as for the AWS CLI. */}
      <div className="inline-form">
        <button type="button" onClick={() => void loadProfiles()}>
          Reload profiles
        </button>
      </div>
      <p className="muted" data-testid="config-file">
        {configFile ? `Read from ${configFile}` : 'Not loaded yet'}
      </p>
      <table className="table" aria-label="AWS profiles">
        <TableHead columns={['Profile', 'Kind', 'Region', 'Session', 'Token', 'Target']} />
        <tbody>
          {profiles.map((p) => (
            <tr key={p.name}>
              <td>{p.name}</td>
              <td>{p.kind}</td>
              <td>{p.region ?? '—'}</td>
              <td>{p.ssoSession ?? '—'}</td>
              <td>
                <TokenStateLabel token={p.token} />
              </td>
              <td>
                {/* No per-row aria-label: the row's profile cell already names it, and tests find cells by name. */}
                <button
                  type="button"
                  title={`Collect from profile ${p.name}`}
                  onClick={() => void addProfileTarget(p.name)}
                >
                  Add as target
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <SessionsPanel />
      <TargetsPanel />
    </section>
  )
}
