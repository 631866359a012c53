import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { shutdownSequence } from "@/server/shutdown";

// The order of a graceful shutdown (src/server/shutdown.ts), without a process: background work
// stops at the signal, the pools close only once HTTP has drained, and a deadline bounds it all.

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("shutdownSequence", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(deadlineMs = 25_000) {
    const events: string[] = [];
    const work = deferred();
    const exit = vi.fn((code: number) => void events.push(`exit ${code}`));
    const sequence = shutdownSequence(
      {
        stopWork: () => {
          events.push("stop work");
          return work.promise;
        },
        closeConnections: async () => void events.push("close connections"),
      },
      { exit, deadlineMs },
    );
    return { events, work, exit, sequence };
  }

  it("stops background work at the signal but keeps the pools open while requests drain", async () => {
    const { events, sequence } = setup();
    sequence.begin("SIGTERM");
    await vi.advanceTimersByTimeAsync(1_000);
    expect(events).toEqual(["stop work"]);
  });

  it("when HTTP has drained, waits for the background work, then closes the pools, then exits 0", async () => {
    const { events, work, sequence } = setup();
    sequence.begin("SIGTERM");
    const finished = sequence.finish();
    await vi.advanceTimersByTimeAsync(100);
    expect(events).toEqual(["stop work"]); // a job is still running
    work.resolve();
    await finished;
    expect(events).toEqual(["stop work", "close connections", "exit 0"]);
  });

  it("a second signal or a second exit call changes nothing", async () => {
    const { events, work, exit, sequence } = setup();
    sequence.begin("SIGTERM");
    sequence.begin("SIGINT");
    work.resolve();
    await Promise.all([sequence.finish(), sequence.finish()]);
    expect(events.filter((e) => e === "stop work")).toHaveLength(1);
    expect(exit).toHaveBeenCalledTimes(1);
  });

  it("still closes the pools and exits, with 1, when stopping the work failed", async () => {
    const { events, work, sequence } = setup();
    sequence.begin("SIGTERM");
    work.reject(new Error("pg-boss could not stop"));
    await sequence.finish();
    expect(events).toEqual(["stop work", "close connections", "exit 1"]);
  });

  it("exits 1 at the deadline when requests or jobs never finish", async () => {
    const { events, exit, sequence } = setup(25_000);
    sequence.begin("SIGTERM");
    await vi.advanceTimersByTimeAsync(24_999);
    expect(exit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(events).toEqual(["stop work", "exit 1"]);
  });
});
