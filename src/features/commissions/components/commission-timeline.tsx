import { formatDate } from "@/lib/dates";
import { type CommissionPhase, daysLeft, type Timeline } from "../timeline";
import { PhaseBadge } from "./phase-badge";

function deadlineNote(phase: CommissionPhase, deadlineAt: Date, now: Date) {
  if (phase === "PUBLISHED" || phase === "DECLINED") return null;
  const left = daysLeft(deadlineAt, now);
  if (left < 0) return `The deadline passed ${-left} ${left === -1 ? "day" : "days"} ago without a published report.`;
  if (left === 0) return "The deadline is today.";
  return `${left} ${left === 1 ? "day" : "days"} until the deadline.`;
}

/** The three dates as an ordered list, with where things stand today. */
export function CommissionTimeline({
  timeline,
  phase,
  now,
}: {
  timeline: Timeline;
  phase: CommissionPhase;
  now: Date;
}) {
  const steps = [
    { label: "Contributions open", at: timeline.contributionsOpenAt },
    { label: "Drafting starts", at: timeline.draftingFrom },
    { label: "Publication deadline", at: timeline.deadlineAt },
  ];
  const note = deadlineNote(phase, timeline.deadlineAt, now);
  return (
    <section aria-labelledby="commission-timeline" className="rounded-lg border border-line bg-white p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="commission-timeline" className="text-lg font-semibold">
          Timeline
        </h2>
        <PhaseBadge phase={phase} />
      </div>
      <ol className="mt-3 grid gap-3 sm:grid-cols-3">
        {steps.map((step) => {
          const passed = step.at <= now;
          return (
            <li key={step.label} className={`border-l-4 pl-3 ${passed ? "border-accent" : "border-line"}`}>
              <p className="text-sm text-muted">{step.label}</p>
              <p className="font-semibold">{formatDate(step.at)}</p>
              <p className="text-xs text-muted">{passed ? "Passed" : "Ahead"}</p>
            </li>
          );
        })}
      </ol>
      {note ? <p className={`mt-3 text-sm ${phase === "OVERDUE" ? "font-semibold text-danger" : ""}`}>{note}</p> : null}
    </section>
  );
}
