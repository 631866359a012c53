import { describe, expect, it } from "vitest";
import { isPermanentFailure, MAX_ATTEMPTS, retryDelayMinutes } from "@/server/email/retry-policy";

describe("which mail failures are tried again", () => {
  it("gives up only on a server's 5xx answer, not on its refusal to let us log in", () => {
    expect(isPermanentFailure({ responseCode: 550 })).toBe(true);
    expect(isPermanentFailure({ responseCode: 554, code: "EENVELOPE" })).toBe(true);
    expect(isPermanentFailure({ responseCode: 535, code: "EAUTH" })).toBe(false);
    expect(isPermanentFailure({ responseCode: 451 })).toBe(false);
    expect(isPermanentFailure({ responseCode: 421 })).toBe(false);
    expect(isPermanentFailure(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNECTION" }))).toBe(false);
    expect(isPermanentFailure(new Error("timeout"))).toBe(false);
    expect(isPermanentFailure(null)).toBe(false);
  });

  it("waits longer after each failure, up to three hours, for about eight hours in all", () => {
    expect([1, 2, 3, 4, 8, 9, 20].map(retryDelayMinutes)).toEqual([1, 2, 4, 8, 128, 180, 180]);
    const total = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMinutes(i + 1)).reduce((a, b) => a + b);
    expect(total / 60).toBeGreaterThan(7);
    expect(total / 60).toBeLessThan(10);
  });
});
