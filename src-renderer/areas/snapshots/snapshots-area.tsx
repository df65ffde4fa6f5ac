/** The Snapshots area. */
export function SnapshotsArea() {
  return (
    <section className="area" data-testid="area-snapshots">
      <h2>Snapshots</h2>
      <p className="muted">Nothing here yet.</p>
    </section>
  )
}
