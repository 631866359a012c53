// Limits that count failures only are reserved before the work and given back when it succeeds.
// A reservation the limit refuses must not count either: six fine texts sent at once used to leave
// three refused reservations standing, and their sender shut out for an hour.
import { beforeAll, describe, expect, it } from "vitest";
import { consumeLimit, refundLimit, resetLimit } from "@/server/rate-limit";
import { appError } from "./helpers/app-error";
import { resetDatabase } from "./helpers/reset-db";

beforeAll(resetDatabase);

/** Reserves, waits for all to be decided, then refunds the ones that got through (the work went fine). */
async function burstOfSuccesses(key: string, n: number) {
  const outcomes = await Promise.allSettled(Array.from({ length: n }, () => consumeLimit("slowRender", key)));
  const through = outcomes.filter((o) => o.status === "fulfilled").length;
  for (let i = 0; i < through; i++) await refundLimit("slowRender", key);
  return { through, refused: n - through };
}

describe("limits that count failures only", () => {
  it("a burst of successes, some refused at the time, leaves nothing counted", async () => {
    const key = `burst-${Date.now()}`;
    await resetLimit("slowRender", key);
    const { through, refused } = await burstOfSuccesses(key, 6);
    expect(through).toBe(3);
    expect(refused).toBe(3);
    // The full allowance is there again: three reservations in a row all get through.
    for (let i = 0; i < 3; i++) await consumeLimit("slowRender", key);
  });

  it("real failures still stop the sender, with the limit's own message", async () => {
    const key = `failing-${Date.now()}`;
    await resetLimit("slowRender", key);
    for (let i = 0; i < 3; i++) await consumeLimit("slowRender", key); // three failures, kept
    const refused = await appError(consumeLimit("slowRender", key));
    expect(refused.message).toMatch(/too complex to format/);
    // Refusals did not pile up beyond the failures: one success frees one place.
    await refundLimit("slowRender", key);
    await consumeLimit("slowRender", key);
  });
});
