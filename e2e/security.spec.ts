import { type APIResponse, expect, type Request, test } from "@playwright/test";
import { newIdentity, register, signedIn, sql } from "./fixtures";

// Security headers on every kind of response, and cross-site requests refused by every endpoint
// that changes state. Rules: src/proxy.ts, next.config.ts, src/server/same-origin.ts.

const EVIL = "https://evil.example";
const REFUSED = { error: "Cross-site requests are not accepted." };

function expectStaticHeaders(response: APIResponse, what: string) {
  const h = response.headers();
  expect(h["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(h["x-content-type-options"], what).toBe("nosniff");
  expect(h["x-frame-options"], what).toBe("DENY");
  expect(h["cross-origin-opener-policy"], what).toBe("same-origin");
  for (const feature of [
    "camera=()",
    "microphone=()",
    "geolocation=()",
    "payment=()",
    "usb=()",
    "browsing-topics=()",
  ]) {
    expect(h["permissions-policy"], what).toContain(feature);
  }
}

const nonceOf = (response: APIResponse) =>
  response.headers()["content-security-policy"]?.match(/'nonce-([A-Za-z0-9+/=]+)'/)?.[1];

test("every kind of response carries the security headers, and each page its own CSP nonce or, from the cache, its scripts' hashes", async ({
  request,
}) => {
  const { papers } = (await (await request.get("/api/papers")).json()) as { papers: { url: string; apiUrl: string }[] };
  expect(papers.length).toBeGreaterThan(0);
  const publication = new URL(papers[0]!.url).pathname;
  const paths = [
    "/",
    "/groups",
    "/groups/welfare-reform",
    "/signin",
    publication,
    `${publication}/download/pdf`,
    "/feeds/publications.atom",
    "/groups/welfare-reform/publications.atom",
    "/sitemap.xml",
    "/api/papers",
    new URL(papers[0]!.apiUrl).pathname,
    "/no-such-page",
  ];
  for (const path of paths) {
    const [first, second] = [
      await request.get(path, { maxRedirects: 0 }),
      await request.get(path, { maxRedirects: 0 }),
    ];
    expect(first.status(), path).toBeLessThan(path === "/no-such-page" ? 500 : 400);
    expectStaticHeaders(first, path);
    const csp = first.headers()["content-security-policy"] ?? "";
    expect(csp, path).toContain("frame-ancestors 'none'");
    // A rendered page allows its scripts by a nonce of its own; a page answered from the cache for
    // signed-out readers (src/server/page-cache/) by the hashes of exactly the scripts it carries.
    for (const response of [first, second]) {
      const policy = response.headers()["content-security-policy"] ?? "";
      if (response.headers()["x-page-cache"] === "hit")
        expect(policy, path).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
      else expect(policy, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    }
    if (nonceOf(first) && nonceOf(second)) expect(nonceOf(first), path).not.toEqual(nonceOf(second));
    // Plain HTTP: HSTS would be meaningless and must not be sent.
    expect(first.headers()["strict-transport-security"], path).toBeUndefined();
  }

  // Static files skip the proxy; next.config.ts still gives them the fixed headers.
  const html = await (await request.get("/")).text();
  const asset = html.match(/\/_next\/static\/[^"]+\.js/)?.[0];
  expect(asset).toBeTruthy();
  expectStaticHeaders(await request.get(asset!), asset!);
});

test("HSTS is sent only when a trusted proxy reports TLS", async ({ request }) => {
  const response = await request.get("/groups", { headers: { "x-forwarded-proto": "https" } });
  const hsts = response.headers()["strict-transport-security"];
  // The e2e stage runs without TRUST_PROXY: anyone could send that header, so it is not believed.
  // tests/unit/same-origin.test.ts covers TRUST_PROXY=1.
  if (process.env.TRUST_PROXY === "1") expect(hsts).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
  else expect(hsts).toBeUndefined();
});

test("a Server Action replayed from another site is refused and changes nothing; from this site it works", async ({
  page,
  baseURL,
}) => {
  await register(page, newIdentity("sec"));
  await page.goto("/settings/profile");

  // Catch the browser's own action request (Next-Action header, multipart body) without sending it.
  let action: Request | undefined;
  await page.route("**/settings/profile*", async (route) => {
    if (route.request().method() === "POST" && route.request().headers()["next-action"]) {
      action = route.request();
      await route.abort();
    } else await route.continue();
  });
  const bio = `Set by a replayed action ${Date.now()}`;
  await page.getByLabel("About you").fill(bio);
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect.poll(() => action).toBeTruthy();
  await page.unrouteAll();

  const headers = Object.fromEntries(
    Object.entries(await action!.allHeaders()).filter(([name]) => !["host", "content-length", "cookie"].includes(name)),
  );
  const replay = (origin: string) =>
    page.request.post(action!.url(), {
      headers: { ...headers, origin },
      data: action!.postDataBuffer()!,
      maxRedirects: 0,
    });

  const refused = await replay(EVIL);
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toEqual(REFUSED);
  // The aborted save left the typed text as a draft in this browser, which the form would restore:
  // what is checked here is what the server stored.
  await page.evaluate(() => localStorage.clear());
  await page.goto("/settings/profile");
  await expect(page.getByLabel("About you")).not.toHaveValue(bio);

  const accepted = await replay(new URL(baseURL!).origin);
  expect(accepted.status()).toBe(200);
  await page.goto("/settings/profile");
  await expect(page.getByLabel("About you")).toHaveValue(bio);
});

test("the vote API and next-auth refuse requests from another site and change nothing", async ({
  browser,
  playwright,
  baseURL,
}) => {
  // A member who may vote on an open proposal and has not yet (the demo seed has several).
  const [target] = await sql<{ proposalId: string; version: number; userId: string; handle: string }>(
    `SELECT p.id AS "proposalId", p.version, u.id AS "userId", u.handle
       FROM "Proposal" p JOIN "Paper" pa ON pa.id = p."paperId"
       JOIN "Membership" m ON m."groupId" = pa."groupId" AND m.status = 'ACTIVE'
       JOIN "User" u ON u.id = m."userId"
      WHERE p.status = 'OPEN' AND p."closesAt" > now() + interval '5 minutes'
        AND u.handle IN ('kwame', 'ivan', 'hannah_t', 'eli_sw')
        AND NOT EXISTS (SELECT 1 FROM "Vote" v WHERE v."proposalId" = p.id AND v."userId" = u.id)
      ORDER BY u.handle LIMIT 1`,
  );
  expect(target, "the demo seed has an open proposal with an eligible voter").toBeTruthy();
  const member = await signedIn(browser, target!.handle);
  const votes = async () =>
    (await sql(`SELECT 1 FROM "Vote" WHERE "proposalId" = $1 AND "userId" = $2`, [target!.proposalId, target!.userId]))
      .length;
  const votePath = `/api/proposals/${target!.proposalId}/votes`;

  const crossSiteVote = await member.request.post(votePath, {
    headers: { origin: EVIL },
    data: { version: target!.version, choice: "SUPPORT" },
  });
  expect(crossSiteVote.status()).toBe(403);
  expect(await crossSiteVote.json()).toEqual(REFUSED);
  expect(await votes()).toBe(0);
  // Control: from this site the same session gets past the origin check (an empty body is then refused as 400).
  const sameSite = await member.request.post(votePath, { headers: { origin: new URL(baseURL!).origin }, data: {} });
  expect(sameSite.status()).toBe(400);
  // Answered before Next.js, by src/composition/fast-paths/vote.ts: proof the production server installed it.
  expect(sameSite.headers()["x-fast-path"]).toBe("vote");
  expect(await votes()).toBe(0);

  // Sign-out from another site, even with the CSRF token (which such a page cannot read): still signed in.
  const { csrfToken } = (await (await member.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signOut = await member.request.post("/api/auth/signout", {
    headers: { origin: EVIL },
    form: { csrfToken },
    maxRedirects: 0,
  });
  expect(signOut.status()).toBe(403);
  expect(((await (await member.request.get("/api/auth/session")).json()) as { uid?: string }).uid).toBe(target!.userId);

  // Login CSRF: signing the visitor in from another site, with valid credentials and token, creates no session.
  const visitor = await playwright.request.newContext({ baseURL });
  const sessions = async () => (await sql(`SELECT 1 FROM "AuthSession" WHERE "userId" = $1`, [target!.userId])).length;
  const before = await sessions();
  const token = ((await (await visitor.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  for (const path of ["/api/auth/callback/credentials", "/api/auth/signin/credentials"]) {
    const signIn = await visitor.post(path, {
      headers: { origin: EVIL },
      form: { csrfToken: token, email: `${target!.handle}@example.org`, password: "commons-demo-2026", json: "true" },
      maxRedirects: 0,
    });
    expect(signIn.status(), path).toBe(403);
  }
  expect(await sessions()).toBe(before);
  await visitor.dispose();

  // Any other POST, to any page, from another site: refused before it reaches the app.
  const page = await member.request.post("/groups/welfare-reform", {
    headers: { origin: EVIL },
    form: { anything: "1" },
  });
  expect(page.status()).toBe(403);
  await member.context().close();
});
