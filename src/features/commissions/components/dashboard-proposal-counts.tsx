import type { ProposalCounts } from "../queries/dashboard";

const OUTCOMES = [
  ["open", "Open"],
  ["passed", "Passed"],
  ["failed", "Failed"],
  ["other", "Withdrawn or needing an update"],
] as const;

/** Proposals by outcome, as labelled numbers. */
export function DashboardProposalCounts({
  counts,
  size = "small",
}: {
  counts: ProposalCounts;
  size?: "small" | "large";
}) {
  return (
    <dl className={`grid grid-cols-2 gap-2 ${size === "large" ? "sm:grid-cols-4" : ""}`}>
      {OUTCOMES.map(([key, label]) => (
        <div key={key} className="rounded border border-line bg-paper px-3 py-2">
          <dt className="text-xs text-muted">{label}</dt>
          <dd className={`font-semibold tabular-nums ${size === "large" ? "text-2xl" : "text-lg"}`}>{counts[key]}</dd>
        </div>
      ))}
    </dl>
  );
}
