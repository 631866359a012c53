import type { PageStore } from "./store";

// State shared by the request hook (loaded by src/instrumentation.ts) and the pages that offer
// themselves for caching (loaded by Next's route bundles): one process may load this module more
// than once, so the state lives on globalThis.

/** The request header by which a page being rendered finds its capture. Set by the hook only. */
export const CAPTURE_HEADER = "x-page-cache-capture";

interface Shared {
  /** Renders being captured: their tags once the page has offered itself, null until then. */
  captures: Map<string, string[] | null>;
  store: PageStore | null;
}

const KEY = Symbol.for("policy-commons.page-cache");
const root = globalThis as typeof globalThis & { [KEY]?: Shared };

export function pageCacheState(): Shared {
  root[KEY] ??= { captures: new Map(), store: null };
  return root[KEY];
}
