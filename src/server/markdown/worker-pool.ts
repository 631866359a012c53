import "server-only";
import os from "node:os";
import { Worker } from "node:worker_threads";
import type { RenderedMarkdown, RenderRequest, RenderResponse } from "@/lib/markdown/render.mjs";
import { logError, logInfo } from "../log";

// Markdown is rendered on worker threads, never on the thread that answers requests: whatever a
// member writes, the server goes on serving everyone else. Each text has a time budget; a worker
// that overruns it is terminated (V8 stops it mid-loop) and replaced, and the text is refused as
// too complex. A worker takes texts only once it has loaded the renderer, so the budget never
// counts its start. Texts wait in a bounded queue; past it, or after waiting too long, the answer
// is "busy" (nothing is refused for good because the server was busy).

/**
 * Several times what the costliest text within the limits of src/lib/markdown/limits.ts needs on
 * a busy two-core machine (about half a second), so a text is refused for its shape, never for
 * the machine's load. Texts that reach it are caught first by those limits, in microseconds.
 */
export const RENDER_BUDGET_MS = 2_000;
/** A text that cannot start within this long is answered "busy". */
export const QUEUE_WAIT_MS = 3_000;
/** While no worker has finished starting (the first text after a start or a crash), texts wait this long. */
const STARTUP_WAIT_MS = 30_000;
const MAX_QUEUED = 200;
/** One worker per core beyond the one that serves requests, at most two. */
export const MARKDOWN_WORKERS = Math.max(1, Math.min(2, os.availableParallelism() - 1));
/** A pathological text must not take the process's memory with it. */
const WORKER_MEMORY_MB = 256;

export type RenderOutcome = ({ ok: true } & RenderedMarkdown) | { ok: false; reason: "too-complex" | "busy" };

type Job = { request: RenderRequest; resolve: (outcome: RenderOutcome) => void; queuedAt: number; budgetMs: number };
type Slot = { worker: Worker; ready: boolean; job: Job | null; timer: NodeJS.Timeout | null };

const slots: Slot[] = [];
const queue: Job[] = [];
let nextId = 1;
let stopped = false;
/**
 * When the pool first became ready after starting cold (the server's start, or after a stop):
 * texts sent meanwhile waited for the start, not in a queue. A worker replaced after an overrun
 * does not move it, so a stream of costly texts cannot hold the others past the queue's limit.
 */
let readySince = 0;
let startingCold = false;

function settle(slot: Slot, outcome: RenderOutcome) {
  const job = slot.job;
  if (slot.timer) clearTimeout(slot.timer);
  slot.job = null;
  slot.timer = null;
  job?.resolve(outcome);
}

/** Replaces a worker that overran or broke with a fresh one, started now so the next text does not wait for it. */
function retire(slot: Slot, outcome: RenderOutcome) {
  const index = slots.indexOf(slot);
  if (index >= 0) slots.splice(index, 1);
  settle(slot, outcome);
  slot.worker.removeAllListeners();
  slot.worker.on("error", () => {});
  void slot.worker.terminate().catch(() => {});
  if (!stopped && slots.length < MARKDOWN_WORKERS) spawn({ replacing: true });
  pump();
}

function spawn({ replacing = false } = {}): Slot {
  if (slots.length === 0 && !replacing) startingCold = true;
  const worker = new Worker(new URL("../../lib/markdown/render.mjs", import.meta.url), {
    workerData: { policyCommonsMarkdownWorker: true },
    resourceLimits: { maxOldGenerationSizeMb: WORKER_MEMORY_MB },
    stdout: false,
    stderr: false,
  });
  // Idle workers never keep a script (the seed, a test run) from exiting.
  worker.unref();
  const slot: Slot = { worker, ready: false, job: null, timer: null };
  worker.on("message", (response: RenderResponse) => {
    if ("ready" in response) {
      if (startingCold) readySince = Date.now();
      startingCold = false;
      slot.ready = true;
      pump();
      return;
    }
    if (!slot.job || response.id !== slot.job.request.id) return;
    if (response.ok) {
      const { ok: _ok, id: _id, ...rendered } = response;
      settle(slot, { ok: true, ...rendered });
    } else {
      settle(slot, { ok: false, reason: "too-complex" });
    }
    pump();
  });
  worker.on("error", (error) => {
    // Out of memory or a crash while rendering: the text was too much for it.
    if (slot.job) logInfo("markdown worker gave up on a text", { error: error.message });
    else logError("markdown worker failed", error);
    retire(slot, { ok: false, reason: "too-complex" });
  });
  worker.on("exit", () => {
    if (slots.includes(slot)) retire(slot, { ok: false, reason: "too-complex" });
  });
  slots.push(slot);
  return slot;
}

function pump() {
  while (queue.length > 0) {
    const job = queue[0];
    const now = Date.now();
    const expired = slots.some((s) => s.ready)
      ? now - Math.max(job.queuedAt, readySince) > QUEUE_WAIT_MS
      : now - job.queuedAt > STARTUP_WAIT_MS;
    if (expired) {
      queue.shift();
      job.resolve({ ok: false, reason: "busy" });
      continue;
    }
    if (slots.length < MARKDOWN_WORKERS) spawn();
    const slot = slots.find((s) => s.ready && s.job === null);
    if (!slot) break;
    queue.shift();
    slot.job = job;
    slot.worker.ref(); // a script waiting for this answer must not exit first
    slot.timer = setTimeout(() => {
      logInfo("markdown render over budget: worker replaced", {
        budgetMs: job.budgetMs,
        length: job.request.markdown.length,
      });
      retire(slot, { ok: false, reason: "too-complex" });
    }, job.budgetMs);
    slot.worker.postMessage(job.request);
  }
  // Idle workers are unreferenced, except while texts wait for one to start: a script waiting for
  // its answer must not exit first.
  for (const slot of slots) {
    if (slot.job !== null) continue;
    if (queue.length > 0) slot.worker.ref();
    else slot.worker.unref();
  }
}

/** Renders Markdown on a worker thread within the time budget (tests may set a smaller one). Never throws. */
export function renderInWorker(
  markdown: string,
  headingOffset: number,
  { budgetMs = RENDER_BUDGET_MS } = {},
): Promise<RenderOutcome> {
  stopped = false;
  if (queue.length >= MAX_QUEUED) return Promise.resolve({ ok: false, reason: "busy" });
  return new Promise((resolve) => {
    queue.push({ request: { id: nextId++, markdown, headingOffset }, resolve, queuedAt: Date.now(), budgetMs });
    pump();
  });
}

/** Starts the workers ahead of the first text (at server start), so no member waits for one to load. */
export function warmMarkdownWorkers(): void {
  stopped = false;
  while (slots.length < MARKDOWN_WORKERS) spawn();
}

/** For shutdown and tests: stops every worker (a later render starts them again). */
export async function stopMarkdownWorkers(): Promise<void> {
  stopped = true;
  const all = slots.splice(0);
  for (const slot of all) settle(slot, { ok: false, reason: "busy" });
  await Promise.all(all.map((s) => s.worker.terminate().catch(() => {})));
}
