// Numbers and periods in words, for any page.

/** "1 vote", "3 votes", "1,204 people". */
export const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** A voting period in hours, in words: "72 hours (3 days)". */
export function hoursInWords(hours: number): string {
  if (hours < 24 || hours % 24 !== 0) return plural(hours, "hour");
  return `${plural(hours, "hour")} (${plural(hours / 24, "day")})`;
}
