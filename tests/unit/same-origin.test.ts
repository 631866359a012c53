import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { changesState, isSameOrigin, refuseCrossSite } from "@/server/same-origin";
import { proxy } from "@/proxy";

const headers = (h: Record<string, string>) => new Headers(h);

describe("isSameOrigin", () => {
  it("accepts an Origin that names the requested host", () => {
    expect(isSameOrigin(headers({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }))).toBe(true);
    expect(isSameOrigin(headers({ origin: "https://commons.example", host: "Commons.Example" }))).toBe(true);
  });

  it("refuses another site, another port, a subdomain and the opaque origin", () => {
    for (const origin of ["https://evil.example", "http://127.0.0.1:3001", "https://sub.commons.example", "null", "not a url"]) {
      expect(isSameOrigin(headers({ origin, host: origin === "http://127.0.0.1:3001" ? "127.0.0.1:3000" : "commons.example" }))).toBe(false);
    }
  });

  it("compares with the first X-Forwarded-Host when a reverse proxy sets one, as Next's action check does", () => {
    expect(isSameOrigin(headers({ origin: "https://commons.example", host: "127.0.0.1:3000", "x-forwarded-host": "commons.example, inner" }))).toBe(true);
    expect(isSameOrigin(headers({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000", "x-forwarded-host": "commons.example" }))).toBe(false);
  });

  it("refuses when there is no host to compare with", () => {
    expect(isSameOrigin(headers({ origin: "https://commons.example" }))).toBe(false);
  });

  it("without Origin, refuses only what the browser marks cross-site", () => {
    expect(isSameOrigin(headers({ host: "commons.example" }))).toBe(true);
    expect(isSameOrigin(headers({ host: "commons.example", "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(isSameOrigin(headers({ host: "commons.example", "sec-fetch-site": "cross-site" }))).toBe(false);
  });
});

describe("refuseCrossSite", () => {
  const evil = headers({ origin: "https://evil.example", host: "commons.example" });

  it("answers 403 to every state-changing method from another site", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "post"]) {
      const refusal = refuseCrossSite({ method, headers: evil });
      expect(refusal?.status).toBe(403);
      expect(await refusal?.json()).toEqual({ error: "Cross-site requests are not accepted." });
    }
  });

  it("lets reads through: links and feeds from other sites must work", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(changesState(method)).toBe(false);
      expect(refuseCrossSite({ method, headers: evil })).toBeNull();
    }
  });
});

describe("proxy", () => {
  afterEach(() => vi.unstubAllEnvs());
  const request = (method: string, h: Record<string, string>) => new NextRequest("http://commons.example/groups", { method, headers: { host: "commons.example", ...h } });

  it("refuses a cross-site POST before anything runs, with a request id", () => {
    const response = proxy(request("POST", { origin: "https://evil.example", "x-request-id": "req-12345678" }));
    expect(response.status).toBe(403);
    expect(response.headers.get("x-request-id")).toBe("req-12345678");
  });

  it("sets a fresh CSP nonce per request with frame-ancestors 'none'", () => {
    const csp = (r: Response) => r.headers.get("content-security-policy") ?? "";
    const [a, b] = [proxy(request("GET", {})), proxy(request("POST", { origin: "http://commons.example" }))];
    expect(csp(a)).toContain("frame-ancestors 'none'");
    expect(csp(a).match(/'nonce-([^']+)'/)?.[1]).not.toEqual(csp(b).match(/'nonce-([^']+)'/)?.[1]);
  });

  it("sends HSTS only when a trusted proxy says the request came over TLS", () => {
    const hsts = (h: Record<string, string>) => proxy(request("GET", h)).headers.get("strict-transport-security");
    vi.stubEnv("TRUST_PROXY", "0");
    expect(hsts({ "x-forwarded-proto": "https" })).toBeNull();
    vi.stubEnv("TRUST_PROXY", "1");
    expect(hsts({ "x-forwarded-proto": "http" })).toBeNull();
    expect(hsts({ "x-forwarded-proto": "https" })).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    expect(proxy(request("GET", { "x-forwarded-proto": "https" })).headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });
});

describe("route handlers", () => {
  // The proxy refuses cross-site writes everywhere; a handler that takes cookies must not rely on it alone.
  it("every route handler that changes state checks the origin itself", () => {
    const app = path.resolve(__dirname, "../../src/app");
    const routes = readdirSync(app, { recursive: true, encoding: "utf8" }).filter((f) => path.basename(f) === "route.ts");
    const writers = routes.filter((f) => /\b(POST|PUT|PATCH|DELETE)\b/.test(readFileSync(path.join(app, f), "utf8").match(/export[^;]*/g)?.join(" ") ?? ""));
    expect(writers.length).toBeGreaterThan(0);
    for (const file of writers) expect(readFileSync(path.join(app, file), "utf8"), file).toContain("refuseCrossSite(");
  });
});
