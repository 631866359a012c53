// Dates shown the same way everywhere, in UK English and UTC so that server and browser agree.

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const dateOnly = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const clock = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});
const relative = new Intl.RelativeTimeFormat("en-GB", { numeric: "always" });

export function formatDateTime(date: Date): string {
  return `${dateTime.format(date)} UTC`;
}

export function formatDate(date: Date): string {
  return dateOnly.format(date);
}

/** The exact moment in full, for a tooltip beside a relative time: "7 December 2026, 14:05 UTC". */
export function formatExactTime(date: Date): string {
  return `${longDate.format(date)}, ${clock.format(date)} UTC`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How far a moment is from now, in one unit: "in 3 days", "5 hours ago", "in 12 minutes". The
 * one rule for every page, email and list, so one deadline always reads the same:
 * - minutes and hours counted down; days, months and years to the nearest whole one, so a 72-hour
 *   vote opened a moment ago reads "in 3 days", as its rules say (counting down read "in 2 days");
 * - minutes under an hour, hours under two days (a deadline's last two days count in hours),
 *   days under 60 days, then months (of 30 days) under two years, then years;
 * - under a minute: "in under a minute" ahead, "just now" behind.
 */
export function relativeTime(date: Date, now: Date = new Date()): string {
  const ms = date.getTime() - now.getTime();
  const future = ms > 0;
  const span = Math.abs(ms);
  if (span < MINUTE) return future ? "in under a minute" : "just now";
  const [value, unit] = largestUnit(span);
  return relative.format(future ? value : -value, unit);
}

function largestUnit(span: number): [number, Intl.RelativeTimeFormatUnit] {
  if (span < HOUR) return [Math.floor(span / MINUTE), "minute"];
  if (span < 2 * DAY) return [Math.floor(span / HOUR), "hour"];
  const days = span / DAY;
  if (days < 59.5) return [Math.round(days), "day"];
  if (days < 730) return [Math.round(days / 30), "month"];
  return [Math.round(days / 365), "year"];
}

/** When voting on a proposal ends, from `now`: "closes in 2 days", or that it has ended and is being counted. */
export function closesIn(closesAt: Date, now: Date = new Date()): string {
  return closesAt.getTime() > now.getTime()
    ? `closes ${relativeTime(closesAt, now)}`
    : "voting has ended; the result is being counted";
}
