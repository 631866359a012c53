// The page cache for signed-out readers. No "server-only": src/instrumentation.ts loads it.
//
// A page that every signed-out reader sees alike (a thread, a published paper, the library)
// offers itself while it renders (offer.ts). This hook, on every HTTP request of the process
// (`next start` runs its server in the process of src/instrumentation.ts), answers a signed-out
// GET from the cache when it holds the page, before Next.js or src/proxy.ts does any work;
// otherwise lets Next render it and keeps a copy if the page offered itself. Invalidation comes
// from PostgreSQL (invalidation.ts), so every process hears of every write, whoever made it.
//
// What is never cached: a request with a session cookie, anything but GET, Next's client-side
// navigation and prefetch requests (they ask for the RSC payload, not the document), answers
// other than 200 HTML, and answers that set a cookie.

import { randomBytes } from "node:crypto";
import type http from "node:http";
import { requestIdFrom } from "@/lib/request-id";
import { contentSecurityPolicy } from "../csp";
import { beforeEveryRequest } from "../request-hook";
import { type Captured, captureResponse } from "./capture";
import { decodeBody, inlineScriptHashes } from "./script-hashes";
import { CAPTURE_HEADER, pageCacheState } from "./shared";
import type { CachedPage, PageStore } from "./store";

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?next-auth\.session-token/;
/** Request headers that ask for something other than the plain document, or for someone in particular. */
const NOT_THE_DOCUMENT = [
  "rsc",
  "next-router-prefetch",
  "next-router-state-tree",
  "next-router-segment-prefetch",
  "next-action",
  "authorization",
  "range",
];
/** Response headers that belong to one answer, not to the page. */
const PER_ANSWER = new Set([
  "content-length",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "date",
  "x-request-id",
  "content-security-policy",
]);

/** The cache key of a request, or null when it must go to Next.js. */
export function cacheKey(req: http.IncomingMessage): string | null {
  const url = req.url ?? "";
  if (req.method !== "GET" || !url.startsWith("/") || url.startsWith("/_next/") || url.startsWith("/api/auth"))
    return null;
  if (NOT_THE_DOCUMENT.some((name) => req.headers[name] !== undefined)) return null;
  if (SESSION_COOKIE.test(req.headers.cookie ?? "")) return null;
  if (/[?&]_rsc=/.test(url)) return null;
  const encoding = String(req.headers["accept-encoding"] ?? "")
    .toLowerCase()
    .replace(/\s+/g, "");
  // The scheme was set by src/server/client-address-hook.ts from what trusted proxies said. Host
  // and X-Forwarded-Host are in the key because, without a configured NEXTAUTH_URL, a page's
  // absolute links follow them (src/server/site-origin.ts): a page made for a forged host is then
  // only ever served to requests that forge the same.
  return [
    req.headers["x-forwarded-proto"] ?? "",
    req.headers.host ?? "",
    String(req.headers["x-forwarded-host"] ?? ""),
    encoding,
    url,
  ].join("\n");
}

/** The page to keep from a captured answer, or null when it must not be kept. */
export function cachedPageFrom(captured: Captured, tags: string[]): CachedPage | null {
  const { status, headers, body } = captured;
  if (status !== 200 || headers["set-cookie"] !== undefined) return null;
  if (!String(headers["content-type"] ?? "").startsWith("text/html")) return null;
  const policy = headers["content-security-policy"];
  if (typeof policy !== "string") return null; // src/proxy.ts did not see it: keep nothing unusual
  const html = decodeBody(body, headers["content-encoding"] as string | undefined);
  if (html === null) return null;
  const kept: CachedPage["headers"] = {};
  for (const [name, value] of Object.entries(headers)) if (!PER_ANSWER.has(name)) kept[name] = value;
  kept["content-security-policy"] = contentSecurityPolicy(inlineScriptHashes(html).join(" "), {
    behindTls: policy.includes("upgrade-insecure-requests"),
  });
  return { status, headers: kept, body, tags };
}

function serve(req: http.IncomingMessage, res: http.ServerResponse, page: CachedPage) {
  res.writeHead(page.status, {
    ...page.headers,
    "content-length": String(page.body.length),
    "x-request-id": requestIdFrom(req.headers["x-request-id"] as string | undefined),
    // For operators and tests: this answer came from the cache, not from a render.
    "x-page-cache": "hit",
  });
  res.end(page.body);
}

/** Lets Next render the request, and keeps the answer if the page offered itself; `done` gets what was kept, or null. */
function capture(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  key: string,
  store: PageStore,
  done: (kept: CachedPage | null) => void,
) {
  const { captures } = pageCacheState();
  const id = randomBytes(16).toString("base64url");
  captures.set(id, null);
  req.headers[CAPTURE_HEADER] = id;
  const mark = store.mark();
  captureResponse(res, (captured) => {
    const tags = captures.get(id);
    captures.delete(id);
    const page = captured && tags ? cachedPageFrom(captured, tags) : null;
    done(page && store.set(key, page, mark) ? page : null);
  });
}

/**
 * Requests for a page that is being rendered wait for that render rather than start their own:
 * when a popular page is invalidated, one render serves everyone who asked meanwhile. A waiter
 * whose render is not kept (not offered, refused, stale) is handed to Next.js after all, as is
 * one that has waited longer than any page should take.
 */
const MAX_WAIT_MS = 10_000;
type Waiter = (kept: CachedPage | null) => void;
const rendering = new Map<string, Waiter[]>();

function waitForRender(key: string, req: http.IncomingMessage, res: http.ServerResponse, proceed: () => void) {
  let settled = false;
  const settle: Waiter = (kept) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    if (kept) serve(req, res, kept);
    else proceed();
  };
  const timer = setTimeout(() => settle(null), MAX_WAIT_MS);
  rendering.get(key)?.push(settle);
}

/** Answers from the cache or holds the request for a render in progress (true), or lets it render, captured (false). */
function handle(req: http.IncomingMessage, res: http.ServerResponse, proceed: () => void, store: PageStore): boolean {
  delete req.headers[CAPTURE_HEADER]; // only this hook may set it
  if (!store.available) return false;
  const key = cacheKey(req);
  if (!key) return false;
  const page = store.get(key);
  if (page) {
    serve(req, res, page);
    return true;
  }
  if (rendering.has(key)) {
    waitForRender(key, req, res, proceed);
    return true;
  }
  rendering.set(key, []);
  capture(req, res, key, store, (kept) => {
    const waiters = rendering.get(key) ?? [];
    rendering.delete(key);
    for (const waiter of waiters) waiter(kept);
  });
  return false;
}

/**
 * Puts the hook in front of every HTTP server of this process, once: false when it already is.
 * Install it before src/server/client-address-hook.ts, so that hook (which then runs first) has
 * already set the forwarding headers the cache key reads.
 */
export function installPageCacheHook(store: PageStore): boolean {
  const state = pageCacheState();
  if (state.store) return false;
  state.store = store;
  beforeEveryRequest((req, res, proceed) => handle(req, res, proceed, store));
  return true;
}
