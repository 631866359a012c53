import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FORM_TOO_LARGE_MESSAGE, MAX_FORM_BYTES, UNREADABLE_FORM_MESSAGE } from "@/lib/request-limits";
import { config, proxy } from "@/proxy";
import { changesState, isSameOrigin, refuseCrossSite } from "@/server/same-origin";

const headers = (h: Record<string, string>) => new Headers(h);

describe("isSameOrigin", () => {
  it("accepts an Origin that names the requested host", () => {
    expect(isSameOrigin(headers({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }))).toBe(true);
    expect(isSameOrigin(headers({ origin: "https://commons.example", host: "Commons.Example" }))).toBe(true);
  });

  it("refuses another site, another port, a subdomain and the opaque origin", () => {
    for (const origin of [
      "https://evil.example",
      "http://127.0.0.1:3001",
      "https://sub.commons.example",
      "null",
      "not a url",
    ]) {
      expect(
        isSameOrigin(
          headers({ origin, host: origin === "http://127.0.0.1:3001" ? "127.0.0.1:3000" : "commons.example" }),
        ),
      ).toBe(false);
    }
  });

  it("compares with the first X-Forwarded-Host when a reverse proxy sets one, as Next's action check does", () => {
    expect(
      isSameOrigin(
        headers({
          origin: "https://commons.example",
          host: "127.0.0.1:3000",
          "x-forwarded-host": "commons.example, inner",
        }),
      ),
    ).toBe(true);
    expect(
      isSameOrigin(
        headers({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000", "x-forwarded-host": "commons.example" }),
      ),
    ).toBe(false);
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
  const request = (method: string, h: Record<string, string>, body?: BodyInit) =>
    new NextRequest("http://commons.example/groups", {
      method,
      headers: { host: "commons.example", ...h },
      body,
      ...(body ? { duplex: "half" } : {}),
    } as ConstructorParameters<typeof NextRequest>[1]);

  it("refuses a cross-site POST before anything runs, with a request id", async () => {
    const response = await proxy(request("POST", { origin: "https://evil.example", "x-request-id": "req-12345678" }));
    expect(response.status).toBe(403);
    expect(response.headers.get("x-request-id")).toBe("req-12345678");
  });

  it("sets a fresh CSP nonce per request with frame-ancestors 'none'", async () => {
    const csp = (r: Response) => r.headers.get("content-security-policy") ?? "";
    const [a, b] = [
      await proxy(request("GET", {})),
      await proxy(request("POST", { origin: "http://commons.example" })),
    ];
    expect(csp(a)).toContain("frame-ancestors 'none'");
    expect(csp(a).match(/'nonce-([^']+)'/)?.[1]).not.toEqual(csp(b).match(/'nonce-([^']+)'/)?.[1]);
  });

  it("sends HSTS only when a trusted proxy says the request came over TLS", async () => {
    const hsts = async (h: Record<string, string>) =>
      (await proxy(request("GET", h))).headers.get("strict-transport-security");
    vi.stubEnv("TRUST_PROXY", "0");
    expect(await hsts({ "x-forwarded-proto": "https" })).toBeNull();
    vi.stubEnv("TRUST_PROXY", "1");
    expect(await hsts({ "x-forwarded-proto": "http" })).toBeNull();
    expect(await hsts({ "x-forwarded-proto": "https" })).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    // One proxy: the entry it appended counts, not one a client put before it.
    expect(await hsts({ "x-forwarded-proto": "https, http" })).toBeNull();
    vi.stubEnv("TRUST_PROXY", "2");
    expect(await hsts({ "x-forwarded-proto": "https, http" })).toMatch(/^max-age=/);
    expect(
      (await proxy(request("GET", { "x-forwarded-proto": "https" }))).headers.get("content-security-policy"),
    ).toContain("upgrade-insecure-requests");
  });

  const multipart = { "content-type": "multipart/form-data; boundary=----x" };

  it("answers a body over 1 MB with 413 and a message, declared or chunked, before Next reads it", async () => {
    const big = "x".repeat(MAX_FORM_BYTES + 1);
    const declared = await proxy(
      request("POST", {
        origin: "http://commons.example",
        "next-action": "abc",
        ...multipart,
        "content-length": String(big.length),
      }),
    );
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ error: FORM_TOO_LARGE_MESSAGE });

    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 3; i++) controller.enqueue(new Uint8Array(512 * 1024));
        controller.close();
      },
    });
    const chunked = await proxy(
      request("POST", { origin: "http://commons.example", "next-action": "abc", ...multipart }, chunks),
    );
    expect(chunked.status).toBe(413);

    // A form posted without JavaScript gets a page that says what to do.
    const page = await proxy(
      request("POST", { origin: "http://commons.example", accept: "text/html", "content-length": String(big.length) }),
    );
    expect(page.status).toBe(413);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain(FORM_TOO_LARGE_MESSAGE);

    // Up to the limit goes on to the app, sent with or without a declared length.
    const form = `------x\r\nContent-Disposition: form-data; name="bio"\r\n\r\n${"x".repeat(1000)}\r\n------x--\r\n`;
    const fine = await proxy(
      request("POST", { origin: "http://commons.example", "next-action": "abc", ...multipart }, form),
    );
    expect(fine.status).toBe(200);
    expect(fine.headers.get("x-middleware-next")).toBe("1");
    const small = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(form));
        controller.close();
      },
    });
    const fineChunked = await proxy(
      request("POST", { origin: "http://commons.example", "next-action": "abc", ...multipart }, small),
    );
    expect(fineChunked.status).toBe(200);
  });

  it("answers a Server Action form that does not parse (cut short, a broken boundary) with 400 and a message", async () => {
    for (const body of ["------x\r\ngarbage", "x".repeat(1000), "------y\r\n\r\n"]) {
      const response = await proxy(
        request(
          "POST",
          {
            origin: "http://commons.example",
            "next-action": "abc",
            ...multipart,
            "content-length": String(body.length),
          },
          body,
        ),
      );
      expect([JSON.stringify(body).slice(0, 20), response.status]).toEqual([JSON.stringify(body).slice(0, 20), 400]);
      expect(await response.json()).toEqual({ error: UNREADABLE_FORM_MESSAGE });
    }
  });

  it("answers a Server Action request that is not multipart/form-data (no form of ours sends one) with 415 and a message", async () => {
    for (const type of [
      undefined,
      "text/plain;charset=UTF-8",
      "application/json",
      "application/x-www-form-urlencoded",
      "multipart/form-data",
    ]) {
      const response = await proxy(
        request(
          "POST",
          { origin: "http://commons.example", "next-action": "abc", ...(type ? { "content-type": type } : {}) },
          "[]",
        ),
      );
      expect(response.status, String(type)).toBe(415);
      expect(await response.json()).toEqual({ error: UNREADABLE_FORM_MESSAGE });
    }
    // Without the header it is no Server Action: an ordinary form post goes on.
    expect(
      (
        await proxy(
          request(
            "POST",
            { origin: "http://commons.example", "content-type": "application/x-www-form-urlencoded" },
            "a=1",
          ),
        )
      ).status,
    ).toBe(200);
  });

  it("runs for Server Action requests to any path, static files included", () => {
    const next = config.matcher.find((m) => "has" in m);
    expect(next).toEqual({ source: "/:path*", has: [{ type: "header", key: "next-action" }] });
  });
});

describe("route handlers", () => {
  // The proxy refuses cross-site writes everywhere; a handler that takes cookies must not rely on it alone.
  it("every route handler that changes state checks the origin itself", () => {
    const app = path.resolve(__dirname, "../../src/app");
    const routes = readdirSync(app, { recursive: true, encoding: "utf8" }).filter(
      (f) => path.basename(f) === "route.ts",
    );
    const writers = routes.filter((f) =>
      /\b(POST|PUT|PATCH|DELETE)\b/.test(
        readFileSync(path.join(app, f), "utf8")
          .match(/export[^;]*/g)
          ?.join(" ") ?? "",
      ),
    );
    expect(writers.length).toBeGreaterThan(0);
    // Authenticated by a signed token in the address, never by a cookie (src/proxy.ts, TOKEN_ENDPOINTS):
    // RFC 8058's one-click unsubscribe is POSTed by mail providers from their own origins.
    const tokenOnly = new Set([path.join("api", "unsubscribe", "route.ts")]);
    for (const file of writers) {
      const source = readFileSync(path.join(app, file), "utf8");
      if (tokenOnly.has(file)) expect(source, file).not.toMatch(/getCurrentUser|cookies\(|getServerSession/);
      else expect(source, file).toContain("refuseCrossSite(");
    }
  });
});
