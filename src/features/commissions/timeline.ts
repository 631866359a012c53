// Where a commission stands against its timeline. Pure, so pages, the dashboard, the CSV and the
// reminder job all agree, and unit tests can walk the calendar.

export type CommissionPhase = "NOT_OPEN" | "OPEN" | "DRAFTING" | "PUBLISHED" | "OVERDUE" | "DECLINED";
export type PostingState = "AWAITING" | "DECLINED" | "DRAFTING" | "PUBLISHED" | "OVERDUE";

export type Timeline = { contributionsOpenAt: Date; draftingFrom: Date; deadlineAt: Date };

/** One group's posting: waiting for the group's decision, declined, being drafted, published or overdue. */
export function postingStateOf(
  posting: { status: "PROPOSED" | "ACCEPTED" | "DECLINED"; publishedAt: Date | null },
  deadlineAt: Date,
  now = new Date(),
): PostingState {
  if (posting.status === "DECLINED") return "DECLINED";
  if (posting.publishedAt) return "PUBLISHED";
  if (now > deadlineAt) return "OVERDUE";
  return posting.status === "ACCEPTED" ? "DRAFTING" : "AWAITING";
}

/**
 * The commission as a whole: published once any group has published its report; declined when
 * every group declined; overdue once the deadline passed without a report; otherwise the
 * stage of the timeline the calendar is in. Nothing is closed or forced by a phase.
 */
export function phaseOf(timeline: Timeline, postings: PostingState[], now = new Date()): CommissionPhase {
  if (postings.includes("PUBLISHED")) return "PUBLISHED";
  if (postings.length > 0 && postings.every((s) => s === "DECLINED")) return "DECLINED";
  if (now > timeline.deadlineAt) return "OVERDUE";
  if (now >= timeline.draftingFrom) return "DRAFTING";
  if (now >= timeline.contributionsOpenAt) return "OPEN";
  return "NOT_OPEN";
}

export const PHASE_LABELS: Record<CommissionPhase, string> = {
  NOT_OPEN: "Not yet open",
  OPEN: "Open for contributions",
  DRAFTING: "Drafting",
  PUBLISHED: "Published",
  OVERDUE: "Overdue",
  DECLINED: "Declined by every group",
};

export const POSTING_LABELS: Record<PostingState, string> = {
  AWAITING: "Waiting for the group to decide",
  DECLINED: "Declined by the group",
  DRAFTING: "Taken on; drafting",
  PUBLISHED: "Published",
  OVERDUE: "Overdue",
};

const DAY_MS = 24 * 3_600_000;

/** Whole days left until the deadline (0 on its last day); negative once it has passed. */
export function daysLeft(deadlineAt: Date, now = new Date()): number {
  const ms = deadlineAt.getTime() - now.getTime();
  return ms >= 0 ? Math.floor(ms / DAY_MS) : -Math.ceil(-ms / DAY_MS);
}
