/** The Model area. */
export function ModelArea() {
  return (
    <section className="area" data-testid="area-model">
      <h2>Model</h2>
      <p className="muted">Nothing here yet.</p>
    </section>
  )
}
