import type { CommissionPhase, PostingState } from "../timeline";
import { PHASE_LABELS, POSTING_LABELS } from "../timeline";

const TONE: Record<CommissionPhase | PostingState, string> = {
  NOT_OPEN: "border-line bg-white text-ink",
  OPEN: "border-accent bg-accent-soft text-accent-dark",
  AWAITING: "border-line bg-white text-ink",
  DRAFTING: "border-accent bg-accent-soft text-accent-dark",
  PUBLISHED: "border-accent bg-accent text-white",
  OVERDUE: "border-danger bg-warn-soft text-danger",
  DECLINED: "border-line bg-paper text-muted",
};

/** The stage in words (the colour only repeats it). */
export function PhaseBadge({ phase }: { phase: CommissionPhase }) {
  return (
    <span className={`inline-block rounded border px-2 py-0.5 text-sm font-semibold ${TONE[phase]}`}>
      {PHASE_LABELS[phase]}
    </span>
  );
}

export function PostingBadge({ state }: { state: PostingState }) {
  return (
    <span className={`inline-block rounded border px-2 py-0.5 text-xs font-semibold ${TONE[state]}`}>
      {POSTING_LABELS[state]}
    </span>
  );
}
