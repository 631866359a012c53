// Numbers and periods in words, for any page.

/** "1 vote", "3 votes", "1,204 people". */
export const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** "3 days", "1 day 4 hours", "45 minutes": a period in the largest sensible units. */
export function formatPeriod(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return plural(minutes, "minute");
  const hours = Math.floor(minutes / 60);
  if (hours < 24)
    return hours < 6 && minutes % 60 >= 5
      ? `${plural(hours, "hour")} ${plural(minutes % 60, "minute")}`
      : plural(Math.round(minutes / 60), "hour");
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest > 0 && days < 3
    ? `${plural(days, "day")} ${plural(rest, "hour")}`
    : plural(Math.round(hours / 24), "day");
}

/** A voting period in hours, in words: "72 hours (3 days)". */
export function hoursInWords(hours: number): string {
  if (hours < 24 || hours % 24 !== 0) return plural(hours, "hour");
  return `${plural(hours, "hour")} (${plural(hours / 24, "day")})`;
}
