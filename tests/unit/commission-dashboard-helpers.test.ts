import { describe, expect, it } from "vitest";
import { labelledIndexes, yScale } from "@/features/commissions/dashboard-chart";
import {
  ACTIVITY_WEEKS_CAP,
  activityWeeks,
  timelinePosition,
  weekStartUtc,
} from "@/features/commissions/dashboard-weeks";

const at = (iso: string) => new Date(iso);
const isoDays = (dates: Date[]) => dates.map((d) => d.toISOString().slice(0, 10));

describe("weekStartUtc", () => {
  it("is Monday 00:00 UTC, as PostgreSQL's date_trunc('week', …, 'UTC')", () => {
    expect(weekStartUtc(at("2026-11-22T23:59:59Z")).toISOString()).toBe("2026-11-16T00:00:00.000Z"); // a Sunday
    expect(weekStartUtc(at("2026-11-23T00:00:00Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z"); // a Monday
    expect(weekStartUtc(at("2026-11-25T12:30:00+05:00")).toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(weekStartUtc(at("2027-01-01T08:00:00Z")).toISOString()).toBe("2026-12-28T00:00:00.000Z"); // across a year
  });
});

describe("activityWeeks", () => {
  it("runs from the commission's week to the current one, oldest first", () => {
    expect(isoDays(activityWeeks(at("2026-11-04T10:00:00Z"), at("2026-11-22T10:00:00Z")))).toEqual([
      "2026-11-02",
      "2026-11-09",
      "2026-11-16",
    ]);
  });
  it("is one week for a commission created this week, or (clock skew) in the future", () => {
    expect(isoDays(activityWeeks(at("2026-11-20T10:00:00Z"), at("2026-11-22T10:00:00Z")))).toEqual(["2026-11-16"]);
    expect(isoDays(activityWeeks(at("2026-12-20T10:00:00Z"), at("2026-11-22T10:00:00Z")))).toEqual(["2026-11-16"]);
  });
  it("keeps only the last weeks up to the cap", () => {
    const weeks = activityWeeks(at("2020-01-01T00:00:00Z"), at("2026-11-22T10:00:00Z"));
    expect(weeks).toHaveLength(ACTIVITY_WEEKS_CAP);
    expect(weeks.at(-1)!.toISOString().slice(0, 10)).toBe("2026-11-16");
    expect(activityWeeks(at("2026-01-01T00:00:00Z"), at("2026-11-22T10:00:00Z"), 3)).toHaveLength(3);
  });
});

describe("timelinePosition", () => {
  const timeline = {
    contributionsOpenAt: at("2026-11-01T00:00:00Z"),
    draftingFrom: at("2026-11-11T00:00:00Z"),
    deadlineAt: at("2026-12-01T00:00:00Z"),
  };
  it("places today and the start of drafting between opening (0) and the deadline (1)", () => {
    expect(timelinePosition(timeline, at("2026-10-20T00:00:00Z"))).toEqual({
      stage: "BEFORE_OPEN",
      today: 0,
      drafting: 1 / 3,
    });
    expect(timelinePosition(timeline, at("2026-11-06T00:00:00Z"))).toEqual({
      stage: "CONTRIBUTIONS",
      today: 1 / 6,
      drafting: 1 / 3,
    });
    expect(timelinePosition(timeline, at("2026-11-16T00:00:00Z"))).toEqual({
      stage: "DRAFTING",
      today: 0.5,
      drafting: 1 / 3,
    });
    expect(timelinePosition(timeline, at("2027-01-01T00:00:00Z"))).toEqual({
      stage: "PAST_DEADLINE",
      today: 1,
      drafting: 1 / 3,
    });
  });
});

describe("yScale", () => {
  it("rounds the top up to a round step and ticks from zero", () => {
    expect(yScale(0)).toEqual({ max: 1, ticks: [0, 1] });
    expect(yScale(1)).toEqual({ max: 1, ticks: [0, 1] });
    expect(yScale(3)).toEqual({ max: 3, ticks: [0, 1, 2, 3] });
    expect(yScale(7)).toEqual({ max: 8, ticks: [0, 2, 4, 6, 8] });
    expect(yScale(37)).toEqual({ max: 40, ticks: [0, 10, 20, 30, 40] });
    expect(yScale(1234)).toEqual({ max: 1500, ticks: [0, 500, 1000, 1500] });
  });
  it("never gives more than maxTicks + 1 ticks, all whole numbers", () => {
    for (const n of [2, 5, 9, 11, 19, 51, 99, 101, 999]) {
      const { max, ticks } = yScale(n);
      expect(max).toBeGreaterThanOrEqual(n);
      expect(ticks.length).toBeLessThanOrEqual(5);
      expect(ticks.every(Number.isInteger)).toBe(true);
    }
  });
});

describe("labelledIndexes", () => {
  it("labels every bar when there are few, else the first, last and evenly spaced ones", () => {
    expect(labelledIndexes(0)).toEqual([]);
    expect(labelledIndexes(1)).toEqual([0]);
    expect(labelledIndexes(3, 4)).toEqual([0, 1, 2]);
    expect(labelledIndexes(10, 4)).toEqual([0, 3, 6, 9]);
    expect(labelledIndexes(104, 4)).toEqual([0, 34, 69, 103]);
  });
});
