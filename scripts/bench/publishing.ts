// The publishing pages of `npm run bench` (issue 5): a published paper, the library and search,
// over the corpus of scripts/bench/corpus-seed.ts; and the static baseline, the published page's
// HTML served by a plain file server (scripts/bench/static-server.ts) in the same run.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "../lib/embedded-postgres";
import { ROOT, bin, start, waitForHttp, type Running } from "../lib/processes";
import { LIBRARY_PAGE_SIZE } from "../../src/features/library/schemas";
import { COMMON_WORD, PHRASE, RARE_WORD, type SeededCorpus } from "./corpus-seed";
import type { BenchPage } from "./pages";
import { PUBLISHED_KIND } from "./report";

export const PUBLISHING_PARTS = ["paper", "static", "library", "search"] as const;
export type PublishingPart = (typeof PUBLISHING_PARTS)[number];

/** BENCH_PUBLISHING: "all" (default), "none", or a comma list of paper, static, library, search. */
export function publishingParts(raw = process.env.BENCH_PUBLISHING ?? "all"): Set<PublishingPart> {
  if (raw === "all") return new Set(PUBLISHING_PARTS);
  if (raw === "none" || raw === "") return new Set();
  const parts = raw.split(",").map((p) => p.trim());
  for (const p of parts) {
    if (!(PUBLISHING_PARTS as readonly string[]).includes(p)) throw new Error(`BENCH_PUBLISHING: unknown part ${JSON.stringify(p)} (use all, none or a comma list of ${PUBLISHING_PARTS.join(", ")}).`);
  }
  return new Set(parts as PublishingPart[]);
}

export const publishedPath = (c: SeededCorpus) => `/groups/${c.published.groupSlug}/papers/${c.published.paperSlug}/v/${c.published.version}`;

/** The library's last page (the oldest papers: the deepest OFFSET), or BENCH_LIBRARY_DEEP_PAGE. */
const lastPage = (c: SeededCorpus) => Math.max(1, Math.ceil(c.counts.publications / LIBRARY_PAGE_SIZE));

/** Signed out: these pages are public, and a reader without an account is their main audience. */
export function publishingPages(corpus: SeededCorpus, parts: Set<PublishingPart>): Omit<BenchPage, "signedIn">[] {
  const pages: Omit<BenchPage, "signedIn">[] = [];
  const q = (text: string) => `/search?q=${encodeURIComponent(text)}`;
  if (parts.has("paper")) pages.push({ kind: PUBLISHED_KIND, threadSize: null, path: publishedPath(corpus), mustContain: corpus.published.title });
  if (parts.has("library")) {
    pages.push({ kind: "library, page 1", threadSize: null, path: "/library" });
    const deep = Number(process.env.BENCH_LIBRARY_DEEP_PAGE ?? lastPage(corpus));
    // The last page lists the oldest papers, the corpus's first among them (newest first).
    const check = deep === lastPage(corpus) ? { mustContain: corpus.published.title } : {};
    pages.push({ kind: `library, page ${deep} of ${lastPage(corpus)}`, threadSize: null, path: `/library?page=${deep}`, ...check });
  }
  if (parts.has("search")) {
    pages.push({ kind: `search "${COMMON_WORD}" (common)`, threadSize: null, path: q(COMMON_WORD) });
    pages.push({ kind: `search "${RARE_WORD}" (rare)`, threadSize: null, path: q(RARE_WORD), mustContain: RARE_WORD });
    pages.push({ kind: `search "${PHRASE}" (phrase)`, threadSize: null, path: q(`"${PHRASE}"`) });
  }
  return pages;
}

export interface StaticBaseline {
  /** The static server's URL for the saved page. */
  url: string;
  bytes: number;
  server: Running;
}

/**
 * Saves the published page's HTML as the app sends it (signed out) to `dir`, and serves it with
 * the plain file server on a free port.
 */
export async function startStaticBaseline(appUrl: string, dir: string): Promise<StaticBaseline> {
  const response = await fetch(appUrl, { signal: AbortSignal.timeout(60_000) });
  const html = await response.text();
  if (response.status !== 200) throw new Error(`GET ${appUrl} answered ${response.status}: no HTML for the static baseline`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "published.html"), html);
  const port = await freePort();
  const server = start(bin("tsx"), [path.join(ROOT, "scripts", "bench", "static-server.ts"), dir, String(port)]);
  const url = `http://127.0.0.1:${port}/published.html`;
  await waitForHttp(url, server);
  return { url, bytes: Buffer.byteLength(html), server };
}
