import type { PerspectiveCounts } from "../queries";

/** Members by perspective, as numbers and proportional bars (the numbers carry the meaning). */
export function PerspectiveCountsPanel({ counts, memberCount }: { counts: PerspectiveCounts; memberCount: number }) {
  const rows = [
    { label: "Practitioners", value: counts.practitioners, bar: "bg-sky-600" },
    { label: "Service users", value: counts.serviceUsers, bar: "bg-amber-500" },
    { label: "Others", value: counts.others, bar: "bg-slate-500" },
  ];
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <section aria-labelledby="who-heading" className="rounded-lg border border-line bg-white p-5">
      <h2 id="who-heading" className="text-lg font-semibold">
        Who is here
      </h2>
      <p className="text-sm text-muted">
        {memberCount} member{memberCount === 1 ? "" : "s"}
      </p>
      <dl className="mt-3 space-y-2">
        {rows.map((r) => (
          <div key={r.label} className="grid grid-cols-[8rem_1fr_2.5rem] items-center gap-2 text-sm">
            <dt>{r.label}</dt>
            <dd className="h-3 rounded bg-slate-100" aria-hidden>
              <div className={`h-3 rounded ${r.bar}`} style={{ width: `${(r.value / max) * 100}%` }} />
            </dd>
            <dd className="text-right font-semibold tabular-nums">{r.value}</dd>
          </div>
        ))}
      </dl>
      {counts.both > 0 ? (
        <p className="mt-2 text-xs text-muted">
          {counts.both} {counts.both === 1 ? "person is" : "people are"} both, and counted in each.
        </p>
      ) : null}
    </section>
  );
}
