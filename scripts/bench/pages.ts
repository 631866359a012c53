// The pages `npm run bench` measures: the one place to add, remove or rename them.
import type { SeededData, SeededThread } from "./seed";

export interface BenchPage {
  /** What kind of page, e.g. "first window"; pages of one kind are compared across thread sizes. */
  kind: string;
  /** Posts in the thread the page shows; null for pages outside any thread. */
  threadSize: number | null;
  path: string;
  signedIn: boolean;
  /** Text the page must contain, checked once before measuring (e.g. a permalink's target post id). */
  mustContain?: string;
  /** Another server to measure instead of the app (the static baseline); its SQL is not counted. */
  origin?: string;
}

/**
 * BENCH_PAGES=threads (default): the thread pages, in each size of thread.
 * BENCH_PAGES=groups: the group pages only (for when the thread routes do not build).
 * BENCH_PAGES=none: no pages (only the votes).
 */
export function benchPages(data: SeededData, which = process.env.BENCH_PAGES ?? "threads"): BenchPage[] {
  const pages: Omit<BenchPage, "signedIn">[] = [];
  if (which === "groups") {
    pages.push({ kind: "group list", threadSize: null, path: "/groups" });
    pages.push({ kind: "group page", threadSize: null, path: `/groups/${data.groupSlug}` });
  } else if (which === "threads") {
    pages.push(...data.threads.flatMap(threadPages));
  } else if (which !== "none") {
    throw new Error(`BENCH_PAGES must be "threads", "groups" or "none", not ${JSON.stringify(which)}.`);
  }
  // One kind of page in every size of thread, one after another: the sizes are then compared
  // under the same conditions even when other work on the machine comes and goes.
  const kinds = [...new Set(pages.map((p) => p.kind))];
  return kinds.flatMap((kind) =>
    [false, true].flatMap((signedIn) => pages.filter((p) => p.kind === kind).map((p) => ({ ...p, signedIn }))),
  );
}

function threadPages(thread: SeededThread): Omit<BenchPage, "signedIn">[] {
  return [
    { kind: "first window", threadSize: thread.size, path: `/threads/${thread.id}` },
    {
      kind: "middle permalink",
      threadSize: thread.size,
      path: `/threads/${thread.id}/posts/${thread.middleTopLevelPostId}`,
      mustContain: thread.middleTopLevelPostId,
    },
    { kind: "last window", threadSize: thread.size, path: `/threads/${thread.id}?page=last` },
  ];
}
