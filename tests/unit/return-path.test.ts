import { describe, expect, it } from "vitest";
import { returnPathFromPage, safeRedirectUrl, safeReturnPath, safeReturnPathAfterAuth } from "@/lib/return-path";

// Every way a "return to" address has been used to leave a site: each must fall back.
const HOSTILE = [
  "/\t/evil.example/phish", // browsers drop the tab: //evil.example/phish
  "/\n/evil.example",
  "/\r/evil.example",
  "/\u0000/evil.example",
  "/\u001f/evil.example",
  "/\u007f/evil.example",
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "\\/evil.example",
  "/\\/evil.example",
  "/..//evil.example",
  "/.//evil.example",
  "/a/../..//evil.example",
  "/%2e%2e//evil.example",
  "https://evil.example/",
  "http:/evil.example",
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  " /groups",
  "groups",
  "",
  `/${"a".repeat(2001)}`,
];

describe("safeReturnPath", () => {
  it.each(HOSTILE)("refuses %j", (value) => {
    expect(safeReturnPath(value)).toBe("/");
    expect(safeReturnPath(value, "/fallback")).toBe("/fallback");
  });

  it("refuses what is not a string", () => {
    for (const value of [undefined, null, 1, ["/groups"], { toString: () => "/groups" }])
      expect(safeReturnPath(value)).toBe("/");
  });

  it("keeps paths on this site, with their query and fragment, normalised", () => {
    expect(safeReturnPath("/groups/welfare-reform")).toBe("/groups/welfare-reform");
    expect(safeReturnPath("/proposals/1?tab=votes#vote")).toBe("/proposals/1?tab=votes#vote");
    expect(safeReturnPath("/invite/abc_DEF-123")).toBe("/invite/abc_DEF-123");
    expect(safeReturnPath("/a/./b/../c")).toBe("/a/c");
    expect(safeReturnPath("/a b/é")).toBe("/a%20b/%C3%A9");
    // Encoded slashes stay encoded: a path segment, not a new host.
    expect(safeReturnPath("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
    expect(safeReturnPath("/%5Cevil.example")).toBe("/%5Cevil.example");
  });

  it("never returns anything a browser could read as another host", () => {
    for (const value of [...HOSTILE, "/ok", "/%2F/x", "/?next=//evil.example", "/#//evil.example"]) {
      const path = safeReturnPath(value);
      expect(path.startsWith("/") && !path.startsWith("//")).toBe(true);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: no control character may survive
      expect(path).not.toMatch(/[\u0000-\u001f\u007f\\]/);
      expect(new URL(path, "https://commons.example").origin).toBe("https://commons.example");
    }
  });
});

describe("safeRedirectUrl (next-auth's redirect callback)", () => {
  const base = "https://commons.example";

  it("keeps this site's paths and absolute addresses", () => {
    expect(safeRedirectUrl("/groups", base)).toBe("https://commons.example/groups");
    expect(safeRedirectUrl("https://commons.example/proposals/1?x=1", base)).toBe(
      "https://commons.example/proposals/1?x=1",
    );
  });

  it.each([
    ...HOSTILE,
    "https://commons.example.evil.example/",
    "https://commons.example@evil.example/",
    "https://commons.example//evil.example",
    "https://commons.example/\t/evil",
    "not a url",
  ])("sends %j home", (url) => {
    expect(safeRedirectUrl(url, base)).toBe("https://commons.example/");
  });
});

describe("safeReturnPathAfterAuth", () => {
  it("keeps a page of the site", () => {
    expect(safeReturnPathAfterAuth("/groups/care/threads/abc?page=2")).toBe("/groups/care/threads/abc?page=2");
    expect(safeReturnPathAfterAuth("/signing-up-tips")).toBe("/signing-up-tips");
  });

  it.each([
    "/signin",
    "/signin?callbackUrl=%2Fgroups",
    "/signin/continue?callbackUrl=%2F",
    "/register",
    "/register#top",
    "/forgot-password",
    "/reset-password?token=x",
    "/confirm-email?token=x",
    "/confirm-email-change?token=x",
    "/goodbye",
    "/api/auth/signout",
  ])("never goes back to the auth page %s", (path) => {
    expect(safeReturnPathAfterAuth(path)).toBe("/");
    expect(safeReturnPathAfterAuth(path, "")).toBe("");
  });

  it.each(HOSTILE)("still refuses %j", (value) => {
    expect(safeReturnPathAfterAuth(value)).toBe("/");
  });
});

describe("returnPathFromPage", () => {
  it("is the page with its query", () => {
    expect(returnPathFromPage("/groups/care", "")).toBe("/groups/care");
    expect(returnPathFromPage("/search", "?q=housing&page=2")).toBe("/search?q=housing&page=2");
    expect(returnPathFromPage("/search", "q=housing")).toBe("/search?q=housing");
  });

  it("on an auth page, is the return that page carries", () => {
    expect(returnPathFromPage("/signin", "?callbackUrl=%2Fgroups%2Fcare")).toBe("/groups/care");
    expect(returnPathFromPage("/register", "callbackUrl=%2Fsignin")).toBe("/");
    expect(returnPathFromPage("/forgot-password", "")).toBe("/");
    expect(returnPathFromPage("/signin", "?callbackUrl=%2F%2Fevil.example")).toBe("/");
  });
});
