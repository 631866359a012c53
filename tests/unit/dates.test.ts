import { describe, expect, it } from "vitest";
import { closesIn, formatExactTime, relativeTime } from "@/lib/dates";

const now = new Date("2026-12-07T14:05:00Z");
const at = (ms: number) => new Date(now.getTime() + ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe("relativeTime", () => {
  it("says 'in under a minute' ahead and 'just now' behind for less than a minute", () => {
    expect(relativeTime(at(59_999), now)).toBe("in under a minute");
    expect(relativeTime(at(1), now)).toBe("in under a minute");
    expect(relativeTime(now, now)).toBe("just now");
    expect(relativeTime(at(-59_999), now)).toBe("just now");
  });

  it("counts whole minutes under an hour, singular and plural", () => {
    expect(relativeTime(at(MIN), now)).toBe("in 1 minute");
    expect(relativeTime(at(-MIN), now)).toBe("1 minute ago");
    expect(relativeTime(at(2 * MIN - 1), now)).toBe("in 1 minute");
    expect(relativeTime(at(59 * MIN + 59_999), now)).toBe("in 59 minutes");
    expect(relativeTime(at(-45 * MIN), now)).toBe("45 minutes ago");
  });

  it("counts whole hours from an hour to two days, so a deadline's last two days read in hours", () => {
    expect(relativeTime(at(HOUR), now)).toBe("in 1 hour");
    expect(relativeTime(at(-HOUR), now)).toBe("1 hour ago");
    expect(relativeTime(at(5 * HOUR + 59 * MIN), now)).toBe("in 5 hours");
    expect(relativeTime(at(2 * DAY - 1), now)).toBe("in 47 hours");
    expect(relativeTime(at(-(2 * DAY - 1)), now)).toBe("47 hours ago");
  });

  it("counts days from two days, to the nearest day (a 72-hour vote just opened reads 'in 3 days')", () => {
    expect(relativeTime(at(2 * DAY), now)).toBe("in 2 days");
    expect(relativeTime(at(2 * DAY + 11 * HOUR), now)).toBe("in 2 days");
    expect(relativeTime(at(2 * DAY + 23 * HOUR), now)).toBe("in 3 days");
    expect(relativeTime(at(3 * DAY - 16 * MIN), now)).toBe("in 3 days");
    expect(relativeTime(at(3 * DAY), now)).toBe("in 3 days");
    expect(relativeTime(at(-3 * DAY - 5 * HOUR), now)).toBe("3 days ago");
    expect(relativeTime(at(59 * DAY), now)).toBe("in 59 days");
  });

  it("counts months from 60 days and years from two years", () => {
    expect(relativeTime(at(-60 * DAY), now)).toBe("2 months ago");
    expect(relativeTime(at(-400 * DAY), now)).toBe("13 months ago");
    expect(relativeTime(at(-730 * DAY), now)).toBe("2 years ago");
    expect(relativeTime(at(1100 * DAY), now)).toBe("in 3 years");
  });

  it("is symmetric: the same distance reads the same ahead and behind", () => {
    for (const ms of [MIN, 7 * MIN, HOUR, 30 * HOUR, 2 * DAY, 10 * DAY, 90 * DAY, 1000 * DAY]) {
      expect(relativeTime(at(ms), now).replace(/^in /, "")).toBe(relativeTime(at(-ms), now).replace(/ ago$/, ""));
    }
  });
});

describe("closesIn", () => {
  it("reads a deadline with the same words as relativeTime, wherever it is shown", () => {
    // 2 days 12 hours: once read "closes in 3 days" on the paper and "in 2 days" on the proposal.
    const deadline = at(2 * DAY + 12 * HOUR);
    expect(closesIn(deadline, now)).toBe("closes in 3 days");
    expect(closesIn(deadline, now)).toBe(`closes ${relativeTime(deadline, now)}`);
  });

  it("says the result is being counted once the deadline has passed", () => {
    expect(closesIn(now, now)).toBe("voting has ended; the result is being counted");
    expect(closesIn(at(-HOUR), now)).toBe("voting has ended; the result is being counted");
    expect(closesIn(at(30_000), now)).toBe("closes in under a minute");
  });
});

describe("formatExactTime", () => {
  it("gives the day, month in words, year and 24-hour UTC time", () => {
    expect(formatExactTime(now)).toBe("7 December 2026, 14:05 UTC");
    expect(formatExactTime(new Date("2027-01-01T00:00:59Z"))).toBe("1 January 2027, 00:00 UTC");
  });
});
