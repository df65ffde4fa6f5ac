/** The Collect area. */
export function CollectArea() {
  return (
    <section className="area" data-testid="area-collect">
      <h2>Collect</h2>
      <p className="muted">Nothing here yet.</p>
    </section>
  )
}
