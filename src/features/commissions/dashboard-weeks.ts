// The calendar arithmetic behind the commission dashboard: which weeks the activity chart covers
// and where today falls on the commission's timeline. Pure and in UTC, matching PostgreSQL's
// date_trunc('week', …, 'UTC'), whose weeks start on Monday.
import type { Timeline } from "./timeline";

const DAY_MS = 24 * 3_600_000;
const WEEK_MS = 7 * DAY_MS;

/** The most weeks the activity chart and CSV cover: two years, so a long commission stays readable. */
export const ACTIVITY_WEEKS_CAP = 104;

/** Monday 00:00 UTC of the week the moment falls in. */
export function weekStartUtc(date: Date): Date {
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const sinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - sinceMonday * DAY_MS);
}

/**
 * The start of every week from the one the commission was created in to the current one, oldest
 * first, keeping only the last `cap` weeks. Always at least one week.
 */
export function activityWeeks(createdAt: Date, now: Date, cap = ACTIVITY_WEEKS_CAP): Date[] {
  const last = weekStartUtc(now).getTime();
  const first = Math.min(last, Math.max(weekStartUtc(createdAt).getTime(), last - (cap - 1) * WEEK_MS));
  const weeks: Date[] = [];
  for (let t = first; t <= last; t += WEEK_MS) weeks.push(new Date(t));
  return weeks;
}

export type TimelineStage = "BEFORE_OPEN" | "CONTRIBUTIONS" | "DRAFTING" | "PAST_DEADLINE";

export type TimelinePosition = {
  stage: TimelineStage;
  /** Where today falls between contributions opening (0) and the deadline (1), clamped. */
  today: number;
  /** Where drafting starts on the same scale. */
  drafting: number;
};

const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

/** Today on the commission's calendar: the stage and the fractions a timeline bar is drawn from. */
export function timelinePosition(timeline: Timeline, now: Date): TimelinePosition {
  const start = timeline.contributionsOpenAt.getTime();
  const span = Math.max(1, timeline.deadlineAt.getTime() - start);
  const stage: TimelineStage =
    now > timeline.deadlineAt
      ? "PAST_DEADLINE"
      : now >= timeline.draftingFrom
        ? "DRAFTING"
        : now >= timeline.contributionsOpenAt
          ? "CONTRIBUTIONS"
          : "BEFORE_OPEN";
  return {
    stage,
    today: clamp01((now.getTime() - start) / span),
    drafting: clamp01((timeline.draftingFrom.getTime() - start) / span),
  };
}
