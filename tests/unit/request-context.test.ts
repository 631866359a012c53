import { AsyncLocalStorage } from "node:async_hooks";
import { afterEach, describe, expect, it, vi } from "vitest";

// Next's server puts AsyncLocalStorage on globalThis before it loads any app code; its store
// module picks it up when first imported, hence the imports after this line.
(globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;
const { workUnitAsyncStorage } = await import("next/dist/server/app-render/work-unit-async-storage.external");
const { logError, logInfo } = await import("@/server/log");
const { currentRequestId } = await import("@/server/request-context");

// Log lines carry the id of the request being handled. The id is read from Next's own request store
// (an internal of Next): this test runs against the installed Next and fails if an upgrade moves it.

type Store = Parameters<typeof workUnitAsyncStorage.run>[0];
const inRequest = <T>(headers: Record<string, string>, fn: () => T): T =>
  workUnitAsyncStorage.run({ type: "request", headers: new Headers(headers) } as unknown as Store, fn);

function lines(spy: { mock: { calls: unknown[][] } }) {
  return spy.mock.calls.map((call) => JSON.parse(String(call[0])) as Record<string, unknown>);
}

afterEach(() => vi.restoreAllMocks());

describe("request ids in the logs", () => {
  it("reads the id set by the proxy while a request is handled, and nothing outside one", () => {
    expect(currentRequestId()).toBeUndefined();
    expect(inRequest({ "x-request-id": "req-12345678" }, currentRequestId)).toBe("req-12345678");
    expect(inRequest({}, currentRequestId)).toBeUndefined();
    // A prerender (no request, no id) must not break logging.
    expect(
      workUnitAsyncStorage.run({ type: "prerender-legacy" } as unknown as Store, currentRequestId),
    ).toBeUndefined();
  });

  it("adds requestId to every line written inside a request, also after an await", async () => {
    const out = vi.spyOn(console, "log").mockImplementation(() => {});
    const err = vi.spyOn(console, "error").mockImplementation(() => {});
    await inRequest({ "x-request-id": "req-abcdefgh" }, async () => {
      logInfo("proposal closed", { proposalId: "p1" });
      await new Promise((r) => setTimeout(r, 1));
      logError("vote failed", new Error("boom"));
    });
    logInfo("job ran", { job: "close-due-proposals" });

    const [closed, ran] = lines(out);
    expect(closed).toMatchObject({
      level: "info",
      message: "proposal closed",
      requestId: "req-abcdefgh",
      proposalId: "p1",
    });
    expect(lines(err)[0]).toMatchObject({
      level: "error",
      message: "vote failed",
      requestId: "req-abcdefgh",
      error: "boom",
    });
    expect(ran).not.toHaveProperty("requestId");
    expect(typeof ran!.time).toBe("string");
  });
});
