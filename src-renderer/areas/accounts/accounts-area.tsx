/** The Accounts area. */
export function AccountsArea() {
  return (
    <section className="area" data-testid="area-accounts">
      <h2>Accounts</h2>
      <p className="muted">Nothing here yet.</p>
    </section>
  )
}
