/** The Compare area. */
export function CompareArea() {
  return (
    <section className="area" data-testid="area-compare">
      <h2>Compare</h2>
      <p className="muted">Nothing here yet.</p>
    </section>
  )
}
