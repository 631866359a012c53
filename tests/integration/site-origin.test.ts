// The site's own address in what readers take away (downloads, the API, feeds): the configured
// NEXTAUTH_URL when set; on one machine without it, the address the request came to, as long as
// its Host is a plain host[:port]; email only ever the configuration.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { publishNewPaper } from "./helpers/publish-flow";
import { resetDatabase } from "./helpers/reset-db";

// Set before anything reads the configuration (env() keeps what it read first); put back after.
const saved = { NEXTAUTH_URL: process.env.NEXTAUTH_URL, TRUST_PROXY: process.env.TRUST_PROXY };
delete process.env.NEXTAUTH_URL;
delete process.env.TRUST_PROXY;
afterAll(() => {
  for (const [name, value] of Object.entries(saved))
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
});

beforeAll(resetDatabase);

type Published = Awaited<ReturnType<typeof publishNewPaper>>;

async function download(p: Published, headers: Record<string, string>) {
  const { GET } = await import("@/app/groups/[slug]/papers/[paper]/v/[version]/download/[format]/route");
  // What Next hands a route: request.url names where it listens, whatever the browser asked for.
  const request = new Request(
    `http://localhost:3000/groups/${p.group.slug}/papers/${p.paper.slug}/v/1/download/markdown`,
    {
      headers,
    },
  );
  const response = await GET(request, {
    params: Promise.resolve({ slug: p.group.slug, paper: p.paper.slug, version: "1", format: "markdown" }),
  });
  expect(response.status).toBe(200);
  return response.text();
}

async function apiList(headers: Record<string, string>) {
  const { GET } = await import("@/app/api/papers/route");
  const response = await GET(new Request("http://localhost:3000/api/papers", { headers }));
  expect(response.status).toBe(200);
  return JSON.stringify(await response.json());
}

describe("the site's origin without configuration (one machine)", () => {
  let p: Published;
  beforeAll(async () => {
    p = await publishNewPaper({ title: "Origins of links" });
  });

  it("cites the address the request came to, not localhost:3000", async () => {
    const markdown = await download(p, { host: "192.168.1.20:3000" });
    expect(markdown).toContain(`http://192.168.1.20:3000/groups/${p.group.slug}/papers/${p.paper.slug}/v/1`);
    expect(markdown).not.toContain("localhost:3000");
    expect(await apiList({ host: "commons.lan:8080" })).toContain("http://commons.lan:8080/");
  });

  it("tells shared caches to keep one copy per host, since the links depend on it", async () => {
    const { GET } = await import("@/app/groups/[slug]/papers/[paper]/v/[version]/download/[format]/route");
    const response = await GET(new Request(`http://localhost:3000/x`, { headers: { host: "192.168.1.20:3000" } }), {
      params: Promise.resolve({ slug: p.group.slug, paper: p.paper.slug, version: "1", format: "markdown" }),
    });
    expect(response.headers.get("vary")).toBe("Host, X-Forwarded-Host");
    const api = await (await import("@/app/api/papers/route")).GET(
      new Request("http://localhost:3000/api/papers", { headers: { host: "commons.lan:8080" } }),
    );
    expect(api.headers.get("vary")).toBe("Host, X-Forwarded-Host");
    const feed = await (await import("@/app/feeds/publications.atom/route")).GET();
    expect(feed.headers.get("vary")).toBe("Host, X-Forwarded-Host");
  });

  it("refuses a malformed Host and falls back to this machine's own address", async () => {
    for (const host of ["evil.example/<script>", "user@evil.example", "evil.example:99999"]) {
      const markdown = await download(p, { host });
      expect(markdown).not.toContain("evil.example");
      expect(markdown).toContain(`http://localhost:${process.env.PORT ?? 3000}/groups/${p.group.slug}`);
    }
  });

  it("ignores X-Forwarded-Host and -Proto when no proxy is trusted", async () => {
    const markdown = await download(p, {
      host: "192.168.1.20:3000",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
    });
    expect(markdown).not.toContain("evil.example");
    expect(markdown).toContain("http://192.168.1.20:3000/");
  });

  it("never lets a request's Host into email links", async () => {
    const { mailOrigin } = await import("@/server/site-origin");
    expect(mailOrigin()).toBe(`http://localhost:${process.env.PORT ?? 3000}`);
  });
});

describe("the site's origin with configuration", () => {
  let p: Published;
  beforeAll(async () => {
    p = await publishNewPaper({ title: "Configured origins" });
    // A fresh module graph reads the configuration anew; the database client is shared (src/server/db.ts).
    process.env.NEXTAUTH_URL = "https://commons.example.org";
    vi.resetModules();
  });

  it("uses NEXTAUTH_URL whatever the request's Host says", async () => {
    const markdown = await download(p, { host: "evil.example", "x-forwarded-host": "evil.example" });
    expect(markdown).toContain(`https://commons.example.org/groups/${p.group.slug}/papers/${p.paper.slug}/v/1`);
    expect(markdown).not.toContain("evil.example");
    expect(await apiList({ host: "evil.example" })).not.toContain("evil.example");
    const { mailOrigin } = await import("@/server/site-origin");
    expect(mailOrigin()).toBe("https://commons.example.org");
  });
});
