// The page cache's request hook on a real HTTP server standing in for Next.js: one render serves
// everyone who asked for the page while it rendered; nothing is kept that the page did not offer.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installPageCacheHook } from "@/server/page-cache/hook";
import { CAPTURE_HEADER, pageCacheState } from "@/server/page-cache/shared";
import { PageStore } from "@/server/page-cache/store";
import { SITE } from "@/server/page-cache/tags";

const store = new PageStore({ maxBytes: 1_000_000, ttlMs: 60_000 });
const renders = new Map<string, number>();
let base = "";
let server: http.Server;

beforeAll(async () => {
  store.setListening(true);
  installPageCacheHook(store);
  // What Next.js does for a page: render for a while, offer it (or not), answer with the proxy's policy.
  server = http.createServer((req, res) => {
    const path = req.url ?? "";
    renders.set(path, (renders.get(path) ?? 0) + 1);
    const capture = req.headers[CAPTURE_HEADER] as string | undefined;
    setTimeout(() => {
      if (capture && path.startsWith("/offered")) pageCacheState().captures.set(capture, [SITE]);
      res.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "content-security-policy": "script-src 'self' 'nonce-abc' 'strict-dynamic'",
      });
      res.end(`<html><script>boot()</script><p>${path} render ${renders.get(path)}</p></html>`);
    }, 150);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  // The hook stays on this worker's http.Server; a store that cannot hear invalidations passes everything through.
  store.setListening(false);
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const getMany = (path: string, n: number, headers: Record<string, string> = {}) =>
  Promise.all(
    Array.from({ length: n }, async () => {
      const response = await fetch(`${base}${path}`, { headers });
      return { hit: response.headers.get("x-page-cache") === "hit", body: await response.text() };
    }),
  );

describe("the page cache hook", () => {
  it("renders a page once for ten readers who ask at the same moment, and serves the rest from memory", async () => {
    const answers = await getMany("/offered/a", 10);
    expect(renders.get("/offered/a")).toBe(1);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(answers.filter((a) => a.hit)).toHaveLength(9);
    expect((await getMany("/offered/a", 1))[0]!.hit).toBe(true);
  });

  it("hands waiters to the app when the page did not offer itself, so each gets its own render", async () => {
    const answers = await getMany("/private/b", 5);
    expect(renders.get("/private/b")).toBe(5);
    expect(answers.some((a) => a.hit)).toBe(false);
  });

  it("never answers a request with a session cookie from memory, nor holds it for another's render", async () => {
    await getMany("/offered/c", 1);
    const signedIn = await getMany("/offered/c", 3, { cookie: "next-auth.session-token=abc" });
    expect(signedIn.some((a) => a.hit)).toBe(false);
    expect(renders.get("/offered/c")).toBe(4);
  });

  it("keeps nothing of a render that began before one of its tags was invalidated", async () => {
    const pending = getMany("/offered/d", 3);
    setTimeout(() => store.invalidate(SITE), 50); // a write commits while the page renders
    const answers = await pending;
    expect(answers.some((a) => a.hit)).toBe(false); // the waiters rendered the new state themselves
    expect(renders.get("/offered/d")).toBe(3);
    expect((await getMany("/offered/d", 1))[0]!.hit).toBe(false);
    expect((await getMany("/offered/d", 1))[0]!.hit).toBe(true);
  });
});
