import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { cleanSearchText, hasMalformedPercentEncoding, isParamOfShape } from "@/lib/route-params";
import { proxy } from "@/proxy";

/** Malformed for every shape. */
const BAD = ["", "\u0000", "a".repeat(5000), "../../etc/passwd", "%E0%A4%A", "a b", "é", "x\r\ny"];

describe("isParamOfShape", () => {
  it("takes ids, slugs, usernames, versions and tokens of their own shape", () => {
    expect(isParamOfShape("uuid", "5ce7054a-962d-4943-a854-5d89e2cb275f")).toBe(true);
    expect(isParamOfShape("uuid", "5CE7054A-962D-4943-A854-5D89E2CB275F")).toBe(true);
    expect(isParamOfShape("slug", "ending-the-five-week-wait")).toBe(true);
    expect(isParamOfShape("slug", "Welfare-Reform")).toBe(true); // looked up lower-cased
    expect(isParamOfShape("handle", "ben_k")).toBe(true);
    expect(isParamOfShape("version", "1")).toBe(true);
    expect(isParamOfShape("version", "999999999")).toBe(true);
    expect(isParamOfShape("token", "A".repeat(43))).toBe(true);
  });

  it("refuses everything else, whatever the shape", () => {
    for (const shape of ["uuid", "slug", "handle", "version", "token"] as const) {
      for (const value of BAD)
        expect(isParamOfShape(shape, value), `${shape}: ${JSON.stringify(value.slice(0, 20))}`).toBe(false);
      expect(isParamOfShape(shape, undefined)).toBe(false);
      expect(isParamOfShape(shape, ["a"])).toBe(false);
    }
    expect(isParamOfShape("uuid", "not-a-uuid")).toBe(false);
    expect(isParamOfShape("version", "99999999999999999999")).toBe(false);
    expect(isParamOfShape("version", "0")).toBe(false);
    expect(isParamOfShape("version", "01")).toBe(false);
    expect(isParamOfShape("version", "2147483648")).toBe(false); // would overflow an int column
    expect(isParamOfShape("slug", "a".repeat(101))).toBe(false);
    expect(isParamOfShape("uuid", "5ce7054a962d4943a8545d89e2cb275f")).toBe(false);
  });
});

describe("hasMalformedPercentEncoding", () => {
  it("is false for a path that decodes, whatever it decodes to", () => {
    for (const path of [
      "/",
      "/groups/welfare-reform",
      "/groups/%E0%A4%A0",
      "/threads/%00",
      "/a/..%2F..",
      "/people/%C3%A9",
      "/a%20b",
    ]) {
      expect(hasMalformedPercentEncoding(path), path).toBe(false);
    }
  });

  it("is true when any segment has a % that starts no encoded character", () => {
    for (const path of [
      "/groups/%E0%A4%A",
      "/groups/100%",
      "/groups/welfare-reform/papers/%ZZ",
      "/x/%C0%AF",
      "/x/%ED%A0%80",
    ]) {
      expect(hasMalformedPercentEncoding(path), path).toBe(true);
    }
  });
});

describe("cleanSearchText", () => {
  it("keeps ordinary text and removes what PostgreSQL cannot take", () => {
    expect(cleanSearchText("  welfare reform ")).toBe("welfare reform");
    expect(cleanSearchText("a\u0000b")).toBe("a b");
    expect(cleanSearchText("\u0000")).toBe("");
    expect(cleanSearchText("x\uD800y").isWellFormed()).toBe(true);
    expect(cleanSearchText("a".repeat(5000))).toHaveLength(100);
    expect(cleanSearchText(`${"a".repeat(99)}😀`).isWellFormed()).toBe(true);
    expect(cleanSearchText(undefined)).toBe("");
    expect(cleanSearchText(["a"])).toBe("");
  });
});

describe("proxy", () => {
  const send = (url: string, method = "GET") =>
    proxy(new NextRequest(url, { method, headers: { host: "commons.example", origin: "http://commons.example" } }));

  it("answers a page address Next.js cannot decode with a 404 page, the CSP and a request id", async () => {
    const response = await send("http://commons.example/groups/%E0%A4%A?q=1");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await response.text()).toContain("<h1>Page not found</h1>");
    expect(response.headers.get("x-middleware-rewrite")).toBeNull(); // rewrites are proxied over the network under -H 127.0.0.1
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });

  it("answers 400 in the API's error format for such an API address", async () => {
    const response = await send("http://commons.example/api/proposals/%E0%A4%A/votes", "POST");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: "VALIDATION", message: expect.stringContaining("not valid") },
    });
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });

  it("answers a Server Action request sent to a file or a route handler as not found: there is no form there", async () => {
    for (const path of ["/favicon.ico", "/robots.txt", "/_next/static/chunks/a.js", "/api/papers"]) {
      const response = await proxy(
        new NextRequest(`http://commons.example${path}`, {
          method: "POST",
          headers: {
            host: "commons.example",
            origin: "http://commons.example",
            "next-action": "7f".padEnd(42, "0"),
            "content-type": "multipart/form-data; boundary=x",
          },
        }),
      );
      expect([path, response.status]).toEqual([path, 404]);
    }
  });

  it("lets every address that decodes through untouched", async () => {
    for (const url of [
      "http://commons.example/groups/welfare-reform",
      "http://commons.example/threads/%00",
      "http://commons.example/api/papers/not-a-uuid",
    ]) {
      const response = await send(url);
      expect(response.headers.get("x-middleware-rewrite"), url).toBeNull();
      expect(response.headers.get("x-middleware-next"), url).toBe("1");
    }
  });
});

describe("dynamic routes", () => {
  // Every page and route handler under a [param] folder checks its values' shapes through one helper
  // (or, in the public API, its zod schema), so a malformed address answers 404/400, never 500.
  // next-auth parses its own [...nextauth] path.
  const EXEMPT = new Set(["api/auth/[...nextauth]/route.ts"]);

  it("read their params through pageParams/routeParams", () => {
    const app = path.resolve(__dirname, "../../src/app");
    const files = readdirSync(app, { recursive: true, encoding: "utf8" })
      .filter((f) => /(^|\/)(page\.tsx|route\.ts)$/.test(f) && f.includes("["))
      .filter((f) => !EXEMPT.has(f));
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const source = readFileSync(path.join(app, file), "utf8");
      const checked = /\b(pageParams|routeParams)\(params,/.test(source) || /Z\w*Params?\.safeParse\(/.test(source);
      expect(checked, `${file} reads params without checking their shape`).toBe(true);
      expect(source, `${file} reads params without checking their shape`).not.toMatch(/=\s*await params;/);
    }
  });
});

describe("routeParams", () => {
  it("reads a UUID in upper case as its row's lower-case id (Prisma matches batched lookups by text)", async () => {
    const { routeParams } = await import("@/server/route-params");
    expect(
      await routeParams(Promise.resolve({ threadId: "7AA6E8BA-70CD-485A-B743-F96FCF0A930A", slug: "Welfare-Reform" }), {
        threadId: "uuid",
        slug: "slug",
      }),
    ).toEqual({ threadId: "7aa6e8ba-70cd-485a-b743-f96fcf0a930a", slug: "Welfare-Reform" });
  });
});
