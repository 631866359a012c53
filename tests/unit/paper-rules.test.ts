import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type DecisionRules,
  evaluate,
  failureReason,
  passes,
  supportPercent,
  type Tally,
  tallyOf,
} from "@/features/proposals/rules";

const NONE: Tally = {
  support: 0,
  oppose: 0,
  abstain: 0,
  practitionerSupport: 0,
  practitionerOppose: 0,
  serviceUserSupport: 0,
  serviceUserOppose: 0,
};
const tally = (t: Partial<Tally>): Tally => ({ ...NONE, ...t });
const rules = (r: Partial<DecisionRules> = {}): DecisionRules => ({
  quorum: 3,
  thresholdPercent: 60,
  requireBothPerspectives: false,
  ...r,
});

const check = (t: Tally, r: DecisionRules, rule: string) => evaluate(t, r).find((c) => c.rule === rule);

describe("supportPercent", () => {
  it("is the share of support among those who took a side", () => {
    expect(supportPercent(3, 1)).toBe(75);
    expect(supportPercent(1, 0)).toBe(100);
    expect(supportPercent(0, 4)).toBe(0);
  });

  it("is 0 when nobody took a side", () => {
    expect(supportPercent(0, 0)).toBe(0);
  });
});

describe("evaluate: quorum", () => {
  it("counts abstentions towards the quorum", () => {
    expect(check(tally({ support: 1, abstain: 2 }), rules({ quorum: 3 }), "quorum")?.met).toBe(true);
    expect(check(tally({ support: 1, abstain: 1 }), rules({ quorum: 3 }), "quorum")?.met).toBe(false);
  });

  it("says how many votes were cast against how many are needed, singular for one", () => {
    expect(check(tally({ support: 1, abstain: 1 }), rules({ quorum: 3 }), "quorum")?.detail).toBe(
      "2 of at least 3 votes cast.",
    );
    expect(check(tally({ oppose: 1 }), rules({ quorum: 1 }), "quorum")?.detail).toBe("1 of at least 1 vote cast.");
  });
});

describe("evaluate: threshold", () => {
  it("is judged over support and oppose only: abstentions neither help nor hurt", () => {
    const r = rules({ quorum: 1, thresholdPercent: 60 });
    expect(check(tally({ support: 3, oppose: 2 }), r, "threshold")?.met).toBe(true);
    expect(check(tally({ support: 3, oppose: 2, abstain: 50 }), r, "threshold")?.met).toBe(true);
    expect(check(tally({ support: 1, oppose: 1, abstain: 50 }), r, "threshold")?.met).toBe(false);
  });

  it("passes exactly at the threshold", () => {
    expect(check(tally({ support: 3, oppose: 2 }), rules({ thresholdPercent: 60 }), "threshold")?.met).toBe(true);
    expect(check(tally({ support: 1, oppose: 1 }), rules({ thresholdPercent: 50 }), "threshold")?.met).toBe(true);
    expect(check(tally({ support: 4 }), rules({ thresholdPercent: 100 }), "threshold")?.met).toBe(true);
    // 29 / 50 * 100 is 57.99999999999999 in floating point; it is exactly 58%.
    expect(check(tally({ support: 29, oppose: 21 }), rules({ thresholdPercent: 58 }), "threshold")?.met).toBe(true);
  });

  it("fails just below the threshold", () => {
    expect(check(tally({ support: 2, oppose: 1 }), rules({ thresholdPercent: 67 }), "threshold")?.met).toBe(false);
    expect(check(tally({ support: 99, oppose: 1 }), rules({ thresholdPercent: 100 }), "threshold")?.met).toBe(false);
  });

  it("fails when nobody supported or opposed, even with a low threshold", () => {
    const c = check(tally({ abstain: 5 }), rules({ thresholdPercent: 50 }), "threshold");
    expect(c?.met).toBe(false);
    expect(c?.detail).toBe("0% support among those who took a side; 50% needed.");
  });

  it("is met exactly when support × 100 ≥ threshold × (support + oppose)", () => {
    fc.assert(
      fc.property(
        fc.nat(2000),
        fc.nat(2000),
        fc.nat(50),
        fc.integer({ min: 50, max: 100 }),
        (support, oppose, abstain, thresholdPercent) => {
          const sides = support + oppose;
          const expected = sides > 0 && support * 100 >= thresholdPercent * sides;
          expect(check(tally({ support, oppose, abstain }), rules({ thresholdPercent }), "threshold")?.met).toBe(
            expected,
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it("shows the share with at most one decimal", () => {
    expect(check(tally({ support: 3, oppose: 2 }), rules(), "threshold")?.detail).toBe(
      "60% support among those who took a side; 60% needed.",
    );
    expect(check(tally({ support: 1, oppose: 2 }), rules(), "threshold")?.detail).toBe(
      "33.3% support among those who took a side; 60% needed.",
    );
  });

  it("never shows a failing share as reaching the threshold", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.nat(10_000),
        fc.integer({ min: 50, max: 100 }),
        (support, oppose, thresholdPercent) => {
          const c = check(tally({ support, oppose }), rules({ thresholdPercent }), "threshold")!;
          const shown = Number(/^([\d.]+)%/.exec(c.detail)![1]);
          expect(shown >= thresholdPercent).toBe(c.met);
        },
      ),
      { numRuns: 500 },
    );
    // 1499 of 2499 is 59.98%: rounding to 60% would contradict the outcome.
    expect(check(tally({ support: 1499, oppose: 1000 }), rules(), "threshold")?.detail).toBe(
      "59.9% support among those who took a side; 60% needed.",
    );
  });
});

describe("evaluate: both perspectives", () => {
  const both = rules({ quorum: 1, thresholdPercent: 50, requireBothPerspectives: true });

  it("is checked only when the paper requires it", () => {
    expect(evaluate(tally({ support: 3 }), rules()).map((c) => c.rule)).toEqual(["quorum", "threshold"]);
    expect(evaluate(tally({ support: 3 }), both).map((c) => c.rule)).toEqual([
      "quorum",
      "threshold",
      "practitioners",
      "serviceUsers",
    ]);
  });

  it("needs a majority in support among practitioners and among service users who voted", () => {
    const t = tally({
      support: 5,
      oppose: 1,
      practitionerSupport: 2,
      practitionerOppose: 1,
      serviceUserSupport: 3,
      serviceUserOppose: 0,
    });
    expect(passes(t, both)).toBe(true);
    expect(check(t, both, "practitioners")?.detail).toBe("Practitioners: 2 support, 1 oppose — a majority supports.");
    expect(check(t, both, "serviceUsers")?.detail).toBe("Service users: 3 support, 0 oppose — a majority supports.");
  });

  it("fails when nobody from one side supported or opposed", () => {
    const t = tally({ support: 3, practitionerSupport: 3 });
    expect(passes(t, both)).toBe(false);
    expect(check(t, both, "practitioners")?.met).toBe(true);
    const users = check(t, both, "serviceUsers");
    expect(users?.met).toBe(false);
    expect(users?.detail).toBe("No service users have supported or opposed yet; a majority of them must support.");
    expect(check(tally({ support: 2, serviceUserSupport: 2 }), both, "practitioners")?.detail).toBe(
      "No practitioners have supported or opposed yet; a majority of them must support.",
    );
  });

  it("fails on a tie within one side", () => {
    const t = tally({ support: 4, oppose: 1, practitionerSupport: 3, serviceUserSupport: 1, serviceUserOppose: 1 });
    expect(passes(t, both)).toBe(false);
    expect(check(t, both, "serviceUsers")).toEqual({
      rule: "serviceUsers",
      met: false,
      detail: "Service users: 1 support, 1 oppose — no majority in support.",
    });
  });

  it("fails when one side opposes even though the overall share passes", () => {
    const t = tally({ support: 8, oppose: 2, practitionerSupport: 8, serviceUserOppose: 2 });
    expect(check(t, both, "threshold")?.met).toBe(true);
    expect(passes(t, both)).toBe(false);
  });
});

describe("passes and failureReason", () => {
  it("passes only when every rule is met, and then gives no reason", () => {
    const t = tally({ support: 3, oppose: 1, abstain: 1 });
    expect(passes(t, rules())).toBe(true);
    expect(failureReason(t, rules())).toBe("");
  });

  it("explains every unmet rule, in order, in one line", () => {
    const t = tally({ support: 1, oppose: 1 });
    expect(passes(t, rules({ requireBothPerspectives: true }))).toBe(false);
    expect(failureReason(t, rules({ requireBothPerspectives: true }))).toBe(
      "2 of at least 3 votes cast. 50% support among those who took a side; 60% needed. " +
        "No practitioners have supported or opposed yet; a majority of them must support. " +
        "No service users have supported or opposed yet; a majority of them must support.",
    );
  });

  it("leaves out rules that are met", () => {
    expect(failureReason(tally({ support: 1, oppose: 3 }), rules())).toBe(
      "25% support among those who took a side; 60% needed.",
    );
    expect(failureReason(tally({ support: 2 }), rules())).toBe("2 of at least 3 votes cast.");
  });
});

describe("tallyOf", () => {
  it("maps a proposal's kept counters one to one", () => {
    // Someone who is both a practitioner and a service user is already counted on each side by the caller.
    expect(
      tallyOf({
        supportCount: 7,
        opposeCount: 2,
        abstainCount: 1,
        practitionerSupportCount: 4,
        practitionerOpposeCount: 1,
        serviceUserSupportCount: 5,
        serviceUserOpposeCount: 2,
      }),
    ).toEqual({
      support: 7,
      oppose: 2,
      abstain: 1,
      practitionerSupport: 4,
      practitionerOppose: 1,
      serviceUserSupport: 5,
      serviceUserOppose: 2,
    });
  });
});
