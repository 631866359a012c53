import { createHash } from "node:crypto";
import type http from "node:http";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { Captured } from "@/server/page-cache/capture";
import { cachedPageFrom, cacheKey } from "@/server/page-cache/hook";
import { decodeBody, inlineScriptHashes } from "@/server/page-cache/script-hashes";
import { PageStore } from "@/server/page-cache/store";
import { SITE } from "@/server/page-cache/tags";

const page = (body: string, tags: string[]) => ({ status: 200, headers: {}, body: Buffer.from(body), tags });

function listeningStore(maxBytes = 1_000_000) {
  const store = new PageStore({ maxBytes, ttlMs: 60_000 });
  store.setListening(true);
  return store;
}

describe("the page store", () => {
  it("drops the pages of an invalidated tag and keeps the others", () => {
    const store = listeningStore();
    store.set("/threads/a", page("a", [SITE, "thread:a"]), store.mark());
    store.set("/threads/b", page("b", [SITE, "thread:b"]), store.mark());
    store.invalidate("thread:a");
    expect(store.get("/threads/a")).toBeUndefined();
    expect(store.get("/threads/b")?.body.toString()).toBe("b");
  });

  it("drops everything when the site tag is invalidated", () => {
    const store = listeningStore();
    store.set("/library", page("l", [SITE, "papers"]), store.mark());
    store.set("/threads/b", page("b", [SITE, "thread:b"]), store.mark());
    store.invalidate(SITE);
    expect(store.size).toBe(0);
  });

  it("drops a page that did not name the site tag with the site (every page depends on it)", () => {
    const store = listeningStore();
    store.set("/library", page("l", ["papers"]), store.mark());
    const mark = store.mark();
    store.invalidate(SITE);
    expect(store.get("/library")).toBeUndefined();
    expect(store.set("/library", page("l", ["papers"]), mark)).toBe(false);
  });

  it("refuses a page rendered before one of its tags was invalidated", () => {
    const store = listeningStore();
    const mark = store.mark();
    store.invalidate("thread:a"); // a write committed while the page was rendering
    expect(store.set("/threads/a", page("old", ["thread:a"]), mark)).toBe(false);
    expect(store.set("/threads/b", page("b", ["thread:b"]), mark)).toBe(true);
  });

  it("refuses a page when too many invalidations passed to know which tags they named", () => {
    const store = listeningStore();
    const mark = store.mark();
    for (let i = 0; i < 5000; i++) store.invalidate(`thread:${i}`);
    expect(store.set("/threads/b", page("b", ["thread:b"]), mark)).toBe(false);
  });

  it("serves and keeps nothing while it cannot hear invalidations, and starts empty again", () => {
    const store = listeningStore();
    store.set("/x", page("x", [SITE]), store.mark());
    store.setListening(false);
    expect(store.get("/x")).toBeUndefined();
    expect(store.set("/y", page("y", [SITE]), store.mark())).toBe(false);
    store.setListening(true);
    expect(store.get("/x")).toBeUndefined();
  });

  it("stays within its size, dropping the least recently used page", () => {
    const store = listeningStore(3 * (1000 + 600));
    for (const key of ["/1", "/2", "/3", "/4"]) store.set(key, page("x".repeat(1000), [SITE]), store.mark());
    expect(store.size).toBeLessThanOrEqual(3);
    expect(store.get("/1")).toBeUndefined();
    expect(store.get("/4")).toBeDefined();
    store.invalidate(SITE);
    expect(store.bytes).toBe(0);
  });
});

describe("inline script hashes", () => {
  it("hashes each inline script's text and skips scripts with a src", () => {
    const html =
      '<script src="/_next/static/a.js" nonce="n"></script><script nonce="n">self.__next_f.push([1,"a"])</script>' +
      '<SCRIPT>one()</SCRIPT ><script>self.__next_f.push([1,"a"])</script>';
    const sha = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    expect(inlineScriptHashes(html)).toEqual([sha('self.__next_f.push([1,"a"])'), sha("one()")]);
  });

  it("reads a gzip body, and gives up on an encoding it does not know", () => {
    expect(decodeBody(gzipSync("<p>hi</p>"), "gzip")).toBe("<p>hi</p>");
    expect(decodeBody(Buffer.from("<p>hi</p>"), undefined)).toBe("<p>hi</p>");
    expect(decodeBody(Buffer.from("x"), "zstd")).toBeNull();
  });
});

function request(headers: Record<string, string>, method = "GET", url = "/threads/1"): http.IncomingMessage {
  return { method, url, headers } as unknown as http.IncomingMessage;
}

describe("which requests the cache answers", () => {
  it("answers a signed-out GET for a document", () => {
    expect(cacheKey(request({ host: "x", cookie: "next-auth.csrf-token=abc" }))).not.toBeNull();
  });

  it.each([
    ["a session cookie", request({ cookie: "a=1; next-auth.session-token=abc" })],
    ["a secure session cookie", request({ cookie: "__Secure-next-auth.session-token.0=abc" })],
    ["a POST", request({}, "POST")],
    ["a HEAD", request({}, "HEAD")],
    ["a Server Action", request({ "next-action": "1" })],
    ["a client navigation", request({ rsc: "1" })],
    ["a prefetch", request({ "next-router-prefetch": "1" })],
    ["an RSC query", request({}, "GET", "/threads/1?_rsc=abc")],
    ["a built file", request({}, "GET", "/_next/static/x.js")],
    ["next-auth", request({}, "GET", "/api/auth/session")],
  ])("leaves %s to Next.js", (_, req) => {
    expect(cacheKey(req)).toBeNull();
  });

  it("keeps compressed and plain answers, schemes, hosts and forwarded hosts apart", () => {
    const keys = new Set(
      (
        [
          { host: "a" },
          { host: "a", "accept-encoding": "gzip, br" },
          { host: "b" },
          { host: "a", "x-forwarded-proto": "https" },
          // Without NEXTAUTH_URL a page's links follow these: a forged one must not reach others.
          { host: "a", "x-forwarded-host": "evil.example" },
        ] as Record<string, string>[]
      ).map((h) => cacheKey(request(h))),
    );
    expect(keys.size).toBe(5);
  });
});

describe("which answers the cache keeps", () => {
  const html = "<html><script>boot()</script><p>hello</p></html>";
  const answer = (headers: Record<string, string | string[]>, status = 200): Captured => ({
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": "script-src 'self' 'nonce-abc' 'strict-dynamic'",
      ...headers,
    },
    body: Buffer.from(html),
  });

  it("replaces the nonce policy with the page's script hashes and drops per-answer headers", () => {
    const kept = cachedPageFrom(answer({ "x-request-id": "r1", date: "now", vary: "rsc" }), [SITE]);
    const policy = String(kept?.headers["content-security-policy"]);
    expect(policy).toContain(inlineScriptHashes(html)[0]);
    expect(policy).not.toContain("nonce-");
    expect(policy).not.toContain("strict-dynamic");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(kept?.headers["x-request-id"]).toBeUndefined();
    expect(kept?.headers.vary).toBe("rsc");
  });

  it.each([
    ["an answer that sets a cookie", answer({ "set-cookie": ["a=1"] })],
    ["a refusal", answer({}, 403)],
    ["a not-found page", answer({}, 404)],
    ["JSON", answer({ "content-type": "application/json" })],
  ])("keeps nothing of %s", (_, captured) => {
    expect(cachedPageFrom(captured, [SITE])).toBeNull();
  });

  it("keeps nothing that did not pass through the proxy (no policy to replace)", () => {
    const captured = answer({});
    delete captured.headers["content-security-policy"];
    expect(cachedPageFrom(captured, [SITE])).toBeNull();
  });
});
