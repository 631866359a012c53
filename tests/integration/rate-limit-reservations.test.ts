// Limits that count failures only. Sign-in, two-step and account-proof limits are reserved before
// the work and given back when it succeeds; a reservation the limit refuses must not count either.
// The render worker's limit counts texts it gave up on after the fact, so fine texts sent at once
// are never refused: six previews at once used to be told "too complex" and to wait an hour.
import { beforeAll, describe, expect, it } from "vitest";
import { renderForWrite } from "@/server/markdown/rendered";
import { assertUnderLimit, consumeLimit, countFailure, refundLimit, resetLimit } from "@/server/rate-limit";
import { appError } from "./helpers/app-error";
import { makeUser } from "./helpers/factories";
import { resetDatabase } from "./helpers/reset-db";

beforeAll(resetDatabase);

/** Reserves, waits for all to be decided, then refunds the ones that got through (the work went fine). */
async function burstOfSuccesses(key: string, n: number) {
  const outcomes = await Promise.allSettled(Array.from({ length: n }, () => consumeLimit("accountProof", key)));
  const through = outcomes.filter((o) => o.status === "fulfilled").length;
  for (let i = 0; i < through; i++) await refundLimit("accountProof", key);
  return { through, refused: n - through };
}

describe("limits reserved before the work", () => {
  it("a burst of successes, some refused at the time, leaves nothing counted", async () => {
    const key = `burst-${Date.now()}`;
    await resetLimit("accountProof", key);
    const { through, refused } = await burstOfSuccesses(key, 8);
    expect(through).toBe(5);
    expect(refused).toBe(3);
    // The full allowance is there again: five reservations in a row all get through.
    for (let i = 0; i < 5; i++) await consumeLimit("accountProof", key);
  });

  it("real failures still stop the sender, with the limit's own message", async () => {
    const key = `failing-${Date.now()}`;
    await resetLimit("accountProof", key);
    for (let i = 0; i < 5; i++) await consumeLimit("accountProof", key); // five failures, kept
    const refused = await appError(consumeLimit("accountProof", key));
    expect(refused.message).toMatch(/Too many wrong passwords or codes/);
    // Refusals did not pile up beyond the failures: one success frees one place.
    await refundLimit("accountProof", key);
    await consumeLimit("accountProof", key);
  });
});

describe("the render worker's limit", () => {
  it("renders many fine texts sent at once by one person, and counts none of them", async () => {
    const writer = await makeUser();
    await resetLimit("slowRender", writer.id);
    const text = "A plain paragraph about waiting times. ".repeat(200);
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => renderForWrite({ body: text }, { by: writer.id })),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    await assertUnderLimit("slowRender", writer.id);
  });

  it("refuses once three texts were given up on, saying how long to wait", async () => {
    const key = `slow-${Date.now()}`;
    await resetLimit("slowRender", key);
    for (let i = 0; i < 3; i++) {
      await assertUnderLimit("slowRender", key);
      await countFailure("slowRender", key);
    }
    const refused = await appError(assertUnderLimit("slowRender", key));
    expect(refused.message).toMatch(/too complex to format\. Please wait (\d+ minutes|an? \w+) and try again\./);
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
  });
});
