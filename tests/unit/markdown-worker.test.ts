import { afterAll, describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/markdown/render.mjs";
import { MARKDOWN_WORKERS, QUEUE_WAIT_MS, renderInWorker, stopMarkdownWorkers } from "@/server/markdown/worker-pool";
import { timedWithStall } from "../fixtures/stall";

// The render worker: Markdown is rendered on worker threads with a time budget, so no text, however
// costly, holds the thread that answers requests.

afterAll(() => stopMarkdownWorkers());

/** 40 KB that passes no limit check and that remark takes a minute over (a setext underline after each line). */
const SLOW = "a\n-\n".repeat(10_000);

describe("renderInWorker", () => {
  it("renders on a worker exactly what the renderer makes, with mentions and counts", async () => {
    const markdown = "# Title\n\nThanks @amara, see [this](https://example.org).\n\n- a\n  - b";
    const outcome = await renderInWorker(markdown, 2);
    expect(outcome).toEqual({ ok: true, ...renderMarkdown(markdown, { headingOffset: 2 }) });
  });

  it("never counts a worker's start against a text's budget (a loaded machine starts workers slowly)", async () => {
    // Loading the renderer takes a fresh worker a few hundred milliseconds here, seconds under load:
    // more than this budget, which a warm worker meets many times over for a short text.
    await stopMarkdownWorkers();
    expect(await renderInWorker("a *fine* text", 2, { budgetMs: 150 })).toMatchObject({ ok: true });
  });

  it("stops a render that overruns its budget, answers 'too complex', and keeps serving", async () => {
    const started = performance.now();
    const { result, stallMs } = await timedWithStall(() => renderInWorker(SLOW, 2, { budgetMs: 300 }));
    expect(result).toEqual({ ok: false, reason: "too-complex" });
    expect(performance.now() - started).toBeLessThan(2_000);
    // The thread that would answer other requests was never held.
    expect(stallMs).toBeLessThan(250);
    expect(await renderInWorker("still **here**", 2)).toMatchObject({
      ok: true,
      html: "<p>still <strong>here</strong></p>",
    });
  });

  it("answers 'too complex' when rendering throws (a stack overflow on 5,000 nested lists)", async () => {
    const { result, stallMs } = await timedWithStall(() => renderInWorker(`${"- ".repeat(5_000)}x`, 2));
    expect(result).toEqual({ ok: false, reason: "too-complex" });
    expect(stallMs).toBeLessThan(250);
    expect(await renderInWorker("*fine*", 2)).toMatchObject({ ok: true });
  });

  it("answers 'busy' when a text cannot start in time, and never refuses it as too complex", async () => {
    // Enough slow texts to keep every worker busy past the queue's wait limit.
    const rounds = Math.ceil(QUEUE_WAIT_MS / 1_000) + 1;
    const slow = Array.from({ length: MARKDOWN_WORKERS * rounds }, () => renderInWorker(SLOW, 2, { budgetMs: 1_000 }));
    const waiting = renderInWorker("a *normal* text", 2);
    expect(await waiting).toEqual({ ok: false, reason: "busy" });
    for (const outcome of await Promise.all(slow))
      expect(["too-complex", "busy"]).toContain(outcome.ok ? "ok" : outcome.reason);
    expect(await renderInWorker("a *normal* text", 2)).toMatchObject({ ok: true });
  }, 30_000);
});
