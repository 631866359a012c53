import { describe, expect, it } from "vitest";
import { originFromHeaders, validHost } from "@/lib/request-origin";
import { siteOriginProblem } from "@/server/site-origin-check";

const headers = (h: Record<string, string>) => ({ get: (name: string) => h[name] ?? null });

describe("validHost", () => {
  it.each([
    ["localhost:3000", "localhost:3000"],
    ["Commons.Example.ORG", "commons.example.org"],
    ["commons.example.org.", "commons.example.org"],
    ["192.168.1.20:3000", "192.168.1.20:3000"],
    ["[::1]:3000", "[::1]:3000"],
    ["example.org:80", "example.org"],
    ["xn--bcher-kva.example", "xn--bcher-kva.example"],
  ])("accepts %s", (value, host) => {
    expect(validHost(value)).toBe(host);
  });

  it.each([
    "",
    "evil.example/path",
    "user@evil.example",
    "evil.example:99999",
    "evil.example:0",
    "<script>alert(1)</script>",
    "two words.example",
    "under_score.example",
    "-leading.example",
    "[not-ipv6]",
    "evil.example\r\nX-Injected: 1",
    "1.2.3.4.5",
    "a".repeat(300),
  ])("refuses %j", (value) => {
    expect(validHost(value)).toBeNull();
  });
});

describe("originFromHeaders", () => {
  it("takes the Host over http when no proxy is trusted, ignoring forwarding headers anyone can send", () => {
    const h = headers({ host: "192.168.1.20:3000", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });
    expect(originFromHeaders(h, 0)).toBe("http://192.168.1.20:3000");
  });

  it("believes the outermost trusted proxy's X-Forwarded-Host and -Proto", () => {
    const h = headers({
      host: "app:3000",
      "x-forwarded-host": "evil.example, commons.example.org",
      "x-forwarded-proto": "https",
    });
    expect(originFromHeaders(h, 1)).toBe("https://commons.example.org");
    expect(originFromHeaders(headers({ host: "commons.example.org", "x-forwarded-proto": "https" }), 1)).toBe(
      "https://commons.example.org",
    );
  });

  it("gives nothing for a malformed Host, so the caller falls back to a safe address", () => {
    expect(originFromHeaders(headers({ host: "evil.example/<script>" }), 0)).toBeNull();
    expect(originFromHeaders(headers({}), 0)).toBeNull();
    expect(originFromHeaders(headers({ host: "ok.example", "x-forwarded-host": "bad host" }), 1)).toBeNull();
  });
});

describe("siteOriginProblem (checked at start-up)", () => {
  it("requires NEXTAUTH_URL in production, unless `npm start` runs on one machine with AUTH_TRUST_HOST", () => {
    expect(siteOriginProblem({ NODE_ENV: "production" })).toMatch(/NEXTAUTH_URL is not set/);
    expect(siteOriginProblem({ NODE_ENV: "production", NEXTAUTH_URL: "https://commons.example.org" })).toBeNull();
    expect(siteOriginProblem({ NODE_ENV: "production", AUTH_TRUST_HOST: "1" })).toBeNull();
    expect(siteOriginProblem({ NODE_ENV: "development" })).toBeNull();
  });

  it("refuses a NEXTAUTH_URL that is not a web address", () => {
    expect(siteOriginProblem({ NODE_ENV: "production", NEXTAUTH_URL: "commons.example.org" })).toMatch(
      /must be the site's public address/,
    );
    expect(siteOriginProblem({ NODE_ENV: "production", NEXTAUTH_URL: "ftp://commons.example.org" })).toMatch(
      /must start with https:/,
    );
  });
});
