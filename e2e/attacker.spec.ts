// Sign-in, registration and redirects against someone who crafts requests by hand, on the
// production build: forged client addresses, hostile callbackUrls, ended sessions, requests that
// are not what our forms send, and Server Action requests to static files.
import { randomBytes } from "node:crypto";
import { type Browser, expect, type Page, type Request, test } from "@playwright/test";
import { confirmEmail, DEMO_PASSWORD, newIdentity, register, signIn, sql } from "./fixtures";
import { type SecondServer, startSecondServer } from "./helpers/second-server";

const EVIL = "https://evil.example";
const TOO_LARGE =
  "This is more than the site accepts at once (1 MB), so nothing was saved: shorten the text and try again.";
const UNREADABLE = "This form could not be read, so nothing was saved. Please reload the page and try again.";

type Captured = { request: Request; headers: Record<string, string> };

/** A Server Action request as the browser sends it (cookies too), caught before it leaves: nothing is sent. */
async function captureAction(page: Page, path: string, submit: () => Promise<void>): Promise<Captured> {
  let action: Request | undefined;
  await page.route(`**${path}*`, async (route) => {
    if (route.request().method() === "POST" && route.request().headers()["next-action"]) {
      action = route.request();
      await route.abort();
    } else await route.continue();
  });
  await submit();
  await expect.poll(() => action).toBeTruthy();
  await page.unrouteAll();
  return { request: action!, headers: await action!.allHeaders() };
}

/**
 * Replays a captured action with Node's fetch, so any header (X-Forwarded-For too) is ours to
 * set. With another `body`, a FormData gets its own multipart type; `type: null` sends none.
 */
async function replay(
  base: string,
  action: Captured,
  options: {
    headers?: Record<string, string>;
    body?: BodyInit;
    type?: string | null;
    replace?: [string, string][];
  } = {},
) {
  const captured = action.headers;
  let body: BodyInit = options.body ?? new Uint8Array(action.request.postDataBuffer()!);
  if (!options.body && options.replace) {
    let text = action.request.postDataBuffer()!.toString("latin1");
    for (const [from, to] of options.replace) text = text.split(from).join(to);
    body = new Uint8Array(Buffer.from(text, "latin1"));
  }
  const headers: Record<string, string> = {
    origin: base,
    accept: "text/x-component",
    "next-action": captured["next-action"]!,
    ...(captured["next-router-state-tree"] ? { "next-router-state-tree": captured["next-router-state-tree"] } : {}),
    ...(captured.cookie ? { cookie: captured.cookie } : {}),
    ...options.headers,
  };
  if (!options.body) headers["content-type"] = captured["content-type"]!;
  else if (options.type) headers["content-type"] = options.type;
  const response = await fetch(`${base}${new URL(action.request.url()).pathname}`, {
    method: "POST",
    redirect: "manual",
    headers,
    body,
  });
  return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() };
}

/** One credentials sign-in through next-auth's own endpoints; returns its error text ("" when signed in). */
async function apiSignIn(base: string, email: string, password: string, headers: Record<string, string> = {}) {
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers });
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, origin: base, "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ email, password, csrfToken, json: "true", callbackUrl: `${base}/` }),
  });
  const { url } = (await response.json()) as { url: string };
  return new URL(url).searchParams.get("error") ?? "";
}

const freshAddress = () => `203.0.113.${1 + (randomBytes(1)[0]! % 250)}`;
const forgedAddress = (i: number) => `198.51.${100 + (i % 50)}.${1 + ((i * 37) % 250)}`;

test.describe("per-address limits on a production server, against forged X-Forwarded-For", () => {
  test.skip(
    !process.env.DATABASE_URL || !process.env.NEXTAUTH_SECRET,
    "needs DATABASE_URL and NEXTAUTH_SECRET, as `npm test -- --e2e` passes them",
  );
  test.describe.configure({ mode: "serial" });

  let server: SecondServer | undefined;
  test.afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  /** The register form's action on `base`, caught once, to replay with other emails and headers. */
  async function registerAction(browser: Browser, base: string) {
    const page = await (await browser.newContext({ baseURL: base })).newPage();
    await page.goto("/register");
    const who = newIdentity("xff");
    await page.getByLabel("Email").fill(who.email);
    await page.getByLabel("Username").fill(who.handle);
    await page.getByLabel("Password", { exact: true }).fill(who.password);
    await page.getByLabel("Repeat password").fill(who.password);
    await page.getByLabel("Display name").fill(who.displayName);
    await page.getByRole("radio", { name: "Practitioner", exact: true }).check();
    const action = await captureAction(page, "/register", () =>
      page.getByRole("button", { name: "Create account" }).click(),
    );
    await page.context().close();
    return { action, who };
  }

  async function registerAs(
    base: string,
    captured: Awaited<ReturnType<typeof registerAction>>,
    i: number,
    forwardedFor: string,
  ) {
    const id = `x${Date.now().toString(36)}${i}${randomBytes(2).toString("hex")}`;
    const { text } = await replay(base, captured.action, {
      headers: { "x-forwarded-for": forwardedFor },
      replace: [
        [captured.who.email, `${id}@example.org`],
        [captured.who.handle, id],
      ],
    });
    if (text.includes("Your account is ready")) return "registered";
    if (text.includes("Too many new accounts from your network")) return "limited";
    throw new Error(`Unexpected answer to registration ${i}: ${text.slice(0, 400)}`);
  }

  test("without TRUST_PROXY the socket's address counts, whatever X-Forwarded-For says", async ({ browser }) => {
    test.setTimeout(240_000);
    server = await startSecondServer(120_000, { TRUST_PROXY: "", RATE_LIMIT_MULTIPLIER: "1" });
    const base = server.url;
    // The counters of 127.0.0.1 are shared with the rest of the suite: start them from zero.
    await sql(`DELETE FROM rate_limits WHERE key IN ('registerIp:127.0.0.1', 'signInIp:127.0.0.1')`);

    const captured = await registerAction(browser, base);
    const registrations: string[] = [];
    for (let i = 0; i < 13; i++)
      registrations.push(await registerAs(base, captured, i, `${forgedAddress(i)}, ${forgedAddress(i + 1)}`));
    // 10 an hour from one address (other tests of the suite share 127.0.0.1, so perhaps fewer here).
    expect(registrations.filter((r) => r === "registered").length).toBeLessThanOrEqual(10);
    expect(registrations.slice(-3)).toEqual(["limited", "limited", "limited"]);

    const signIns: string[] = [];
    for (let i = 0; i < 33; i++)
      signIns.push(
        await apiSignIn(base, `ghost-${i}-${Date.now()}@example.org`, "not the password", {
          "x-forwarded-for": forgedAddress(i),
        }),
      );
    expect(signIns.filter((e) => e === "The email or password is incorrect.").length).toBeLessThanOrEqual(30);
    expect(signIns.slice(-3).every((e) => e.startsWith("Too many sign-in attempts from your network"))).toBe(true);

    // Nothing was ever counted under a forged address.
    expect(
      await sql(`SELECT key FROM rate_limits WHERE key LIKE 'registerIp:198.51.%' OR key LIKE 'signInIp:198.51.%'`),
    ).toEqual([]);
    expect(
      (await sql<{ points: number }>(`SELECT points FROM rate_limits WHERE key = 'signInIp:127.0.0.1'`))[0]!.points,
    ).toBeGreaterThanOrEqual(33);
  });

  test("with TRUST_PROXY=1 only the address the proxy appended counts, not what the client put before it", async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    server = await startSecondServer(120_000, { TRUST_PROXY: "1", RATE_LIMIT_MULTIPLIER: "1" });
    const base = server.url;
    const client = freshAddress();
    let other = freshAddress();
    while (other === client) other = freshAddress();
    await sql(`DELETE FROM rate_limits WHERE key = ANY($1)`, [
      [`registerIp:${client}`, `signInIp:${client}`, `registerIp:${other}`, `signInIp:${other}`],
    ]);

    const captured = await registerAction(browser, base);
    // What a client behind our proxy can send: anything on the left; the proxy appends the real address.
    const registrations: string[] = [];
    for (let i = 0; i < 12; i++)
      registrations.push(
        await registerAs(base, captured, i, `${forgedAddress(i)}, ${forgedAddress(i + 7)}, ${client}`),
      );
    expect(registrations).toEqual([...Array(10).fill("registered"), "limited", "limited"]);
    // Another client of the same proxy is another address.
    expect(await registerAs(base, captured, 99, `${forgedAddress(3)}, ${other}`)).toBe("registered");

    const signIns: string[] = [];
    for (let i = 0; i < 32; i++)
      signIns.push(
        await apiSignIn(base, `ghost-${i}-${Date.now()}@example.org`, "not the password", {
          "x-forwarded-for": `${forgedAddress(i)}, ${client}`,
        }),
      );
    expect(signIns.slice(0, 30).every((e) => e === "The email or password is incorrect.")).toBe(true);
    expect(signIns.slice(30).every((e) => e.startsWith("Too many sign-in attempts from your network"))).toBe(true);

    expect(
      await sql(`SELECT key FROM rate_limits WHERE key LIKE 'registerIp:198.51.%' OR key LIKE 'signInIp:198.51.%'`),
    ).toEqual([]);
    // And the proxy's X-Forwarded-Proto is believed here: HSTS behind TLS.
    const secure = await fetch(`${base}/groups`, {
      headers: { "x-forwarded-proto": "https", "x-forwarded-for": client },
    });
    expect(secure.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
    const forgedProto = await fetch(`${base}/groups`, {
      headers: { "x-forwarded-proto": "https, http", "x-forwarded-for": client },
    });
    expect(forgedProto.headers.get("strict-transport-security")).toBeNull();
  });
});

test.describe("redirects after signing in", () => {
  const HOSTILE = [
    "%2F%09%2Fevil.example%2Fphish",
    "%2F%0A%2Fevil.example",
    "%2F%0D%2Fevil.example",
    "%2F%00%2Fevil.example",
    "%2F%5Cevil.example",
    "%2F%2Fevil.example",
    "%2F..%2F%2Fevil.example",
    "https%3A%2F%2Fevil.example%2F",
  ];

  test("a hostile callbackUrl leaves the person on this site, through the real sign-in form and once signed in", async ({
    page,
    baseURL,
  }) => {
    const offSite: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).hostname.endsWith("evil.example")) offSite.push(r.url());
    });
    await page.goto(`/signin?callbackUrl=${HOSTILE[0]}`);
    await page.getByLabel("Email").fill("gus@example.org");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    // Signing in passes through /signin/continue (two-step requirements), then goes home.
    await expect.poll(() => new URL(page.url()).pathname).toBe("/");
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    expect(offSite).toEqual([]);

    // Signed in, the sign-in page sends the person on at once: home, never elsewhere, never a 500.
    for (const callbackUrl of HOSTILE) {
      const response = await page.request.get(`/signin?callbackUrl=${callbackUrl}`, { maxRedirects: 0 });
      expect(response.status(), callbackUrl).toBe(307);
      expect(response.headers().location, callbackUrl).toBe("/");
    }
    const fine = await page.request.get(`/signin?callbackUrl=%2Fgroups%2Fwelfare-reform`, { maxRedirects: 0 });
    expect(fine.headers().location).toBe("/groups/welfare-reform");

    // next-auth's own redirect (used by OAuth sign-ins) keeps to the site as well.
    const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    for (const callbackUrl of ["/\t/evil.example/phish", "https://evil.example/", "//evil.example"]) {
      const signOut = await page.request.post("/api/auth/signout", {
        form: { csrfToken, callbackUrl, json: "true" },
        headers: { origin: new URL(baseURL!).origin },
        maxRedirects: 0,
      });
      expect(((await signOut.json()) as { url: string }).url, callbackUrl).toBe(`${new URL(baseURL!).origin}/`);
    }
  });

  test("the sign-in page does not repeat text from its address", async ({ page }) => {
    await page.goto("/signin?error=Your%20account%20is%20locked.%20Call%20%2B44%20000%20to%20unlock.");
    await expect(page.getByText("Signing in did not work. Please try again.")).toBeVisible();
    await expect(page.getByText(/Call \+44/)).toHaveCount(0);
  });
});

test.describe("registering returns the person to where they were", () => {
  async function fillRegistration(page: Page) {
    const who = newIdentity("back");
    await page.getByLabel("Email").fill(who.email);
    await page.getByLabel("Username").fill(who.handle);
    await page.getByLabel("Password", { exact: true }).fill(who.password);
    await page.getByLabel("Repeat password").fill(who.password);
    await page.getByLabel("Display name").fill(who.displayName);
    await page.getByRole("radio", { name: "Service user", exact: true }).check();
    await page.getByRole("button", { name: "Create account" }).click();
    return who;
  }

  test("from an invitation link", async ({ page }) => {
    const token = randomBytes(32).toString("base64url"); // the shape real links have (43 characters)
    await sql(
      `INSERT INTO "GroupInvitation" ("groupId", token, note, "expiresAt")
       SELECT id, $1, 'People who have waited for a first Universal Credit payment', now() + interval '7 days' FROM "Group" WHERE slug = 'welfare-reform'`,
      [token],
    );
    await page.goto(`/invite/${token}`);
    await page.getByRole("link", { name: "Create an account" }).click();
    await expect(page).toHaveURL(new RegExp(`/register\\?callbackUrl=${encodeURIComponent(`/invite/${token}`)}$`));
    const who = await fillRegistration(page);
    await expect(page).toHaveURL(new RegExp(`/invite/${token}$`));
    await expect(
      page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: who.displayName }),
    ).toBeVisible();
    await page.getByRole("button", { name: "Join the group" }).click();
    await expect(page.getByText(/You are a member of Welfare reform/)).toBeVisible();
  });

  test("from “sign in to vote”, through the sign-in page's “Create an account”", async ({ page }) => {
    const [open] = await sql<{ id: string }>(
      `SELECT p.id FROM "Proposal" p JOIN "Paper" pa ON pa.id = p."paperId" JOIN "Group" g ON g.id = pa."groupId"
        WHERE g.slug = 'welfare-reform' AND p.status = 'OPEN' AND p."closesAt" > now() + interval '5 minutes' LIMIT 1`,
    );
    expect(open, "the demo seed has an open proposal in welfare-reform").toBeTruthy();
    await page.goto(`/proposals/${open!.id}`);
    await page.getByText("to vote if you are a member of this group").getByRole("link", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
    await page.getByRole("link", { name: "Create an account" }).click();
    await expect(page).toHaveURL(/\/register\?callbackUrl=%2Fproposals%2F/);
    const who = await fillRegistration(page);
    await expect(page).toHaveURL(new RegExp(`/proposals/${open!.id}$`));
    // Not yet a member: joining from the proposal comes back to it.
    await page.getByRole("link", { name: "Join Welfare reform" }).click();
    await page.getByRole("button", { name: "Join group" }).click();
    await expect(page).toHaveURL(new RegExp(`/proposals/${open!.id}$`));
    // A new account votes once its address is confirmed: the page says so instead of the form.
    await expect(page.getByText("Confirm your email address first").first()).toBeVisible();
    await confirmEmail(page, who.email);
    await page.goto(`/proposals/${open!.id}`);
    await expect(page.getByRole("radio", { name: /Support/ }).first()).toBeVisible();
  });

  test("a hostile callbackUrl on the register page is ignored", async ({ page, baseURL }) => {
    await page.goto(`/register?callbackUrl=%2F%09%2Fevil.example%2Fphish`);
    await fillRegistration(page);
    await expect(page).toHaveURL(/\/settings\/profile\?welcome=1$/);
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  });
});

test("GET /api/auth/session answers signed out, and clears the cookie, once the session has ended", async ({
  browser,
}) => {
  const first = await (await browser.newContext()).newPage();
  const who = newIdentity("sess");
  await register(first, who);
  const second = await (await browser.newContext()).newPage();
  await signIn(second, who.email, who.password);
  const before = (await (await second.request.get("/api/auth/session")).json()) as { uid?: string };
  expect(before.uid).toBeTruthy();

  // Sign out everywhere, from the first browser.
  await first.goto("/settings/security");
  await first.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(first).toHaveURL(/\/signin\?signedOut=everywhere/);

  const after = await second.request.get("/api/auth/session");
  expect(await after.json()).toEqual({});
  expect(after.headers()["set-cookie"] ?? "").toMatch(/next-auth\.session-token=;/);
  await second.goto("/settings/profile");
  await expect(second).toHaveURL(/\/signin/);
  await first.context().close();
  await second.context().close();
});

test("addresses next-auth has no answer for are a bad request, never a 500 or a stack trace", async ({ request }) => {
  for (const path of [
    "/api/auth/callback/credentials",
    "/api/auth/callback/credentials?x=1",
    "/api/auth/error?error=%ff",
    "/api/auth/error?error=x%00",
  ]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBeLessThan(500);
    expect(await response.text(), path).not.toMatch(/\.next\/server|at [a-zA-Z]+ \(/);
  }
});

test.describe("requests our forms never send", () => {
  test("a form over 1 MB is not sent: the text stays, with a message, and no error page", async ({ page }) => {
    await register(page, newIdentity("big"));
    await page.goto("/settings/profile");
    const bio = page.getByLabel("About you");
    // More than any field allows; set as a script could, past the field's own maxlength.
    await bio.evaluate((el: HTMLTextAreaElement) => {
      el.value = "long ".repeat(230_000);
      el.dispatchEvent(new Event("input", { bubbles: true }));
    });
    let posted = false;
    page.on("request", (r) => {
      if (r.method() === "POST" && r.headers()["next-action"]) posted = true;
    });
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("alert").filter({ hasText: TOO_LARGE })).toBeVisible();
    expect(await bio.evaluate((el: HTMLTextAreaElement) => el.value.length)).toBe(5 * 230_000);
    expect(posted).toBe(false);

    // The same form, made small again, saves.
    await bio.fill("Short again.");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Your profile is saved." })).toBeVisible();
  });

  test("by hand: too large, the wrong type, or not FormData, each gets a message (4xx or a form message), never a 500", async ({
    page,
    baseURL,
  }) => {
    await register(page, newIdentity("raw"));
    await page.goto("/settings/profile");
    const action = await captureAction(page, "/settings/profile", () =>
      page.getByRole("button", { name: "Save profile" }).click(),
    );
    const base = new URL(baseURL!).origin;

    const control = await replay(base, action);
    expect(control.status).toBe(200);
    expect(control.text).toContain("Your profile is saved.");

    const large = new FormData();
    large.append("0", '[{"ok":false},"$K1"]');
    large.append("1_bio", "x".repeat(1_100_000));
    const tooLarge = await replay(base, action, { body: large });
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.text)).toEqual({ error: TOO_LARGE });

    // The same without a declared length (chunked), counted as it arrives.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 12; i++) controller.enqueue(new TextEncoder().encode("x".repeat(100_000)));
        controller.close();
      },
    });
    const chunked = await fetch(`${base}/settings/profile`, {
      method: "POST",
      headers: {
        origin: base,
        "next-action": action.headers["next-action"]!,
        "content-type": "multipart/form-data; boundary=----x",
        cookie: action.headers.cookie ?? "",
      },
      body: chunks,
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    expect(chunked.status).toBe(413);

    for (const [type, body] of [
      ["text/plain;charset=UTF-8", '"hello"'],
      ["application/json", '{"bio":"x"}'],
      [null, new Uint8Array([1, 2, 3])],
    ] as const) {
      const answer = await replay(base, action, { body, type });
      expect(answer.status, String(type)).toBe(415);
      expect(JSON.parse(answer.text), String(type)).toEqual({ error: UNREADABLE });
    }

    // A multipart body cut short, which no browser sends: refused before Next's decoder fails on it.
    const cut = await replay(base, action, { body: "------x\r\ngarbage", type: "multipart/form-data; boundary=----x" });
    expect(cut.status).toBe(400);
    expect(JSON.parse(cut.text)).toEqual({ error: UNREADABLE });
    // A small form sent without a declared length still goes through.
    const smallChunked = await fetch(`${base}/settings/profile`, {
      method: "POST",
      headers: {
        origin: base,
        accept: "text/x-component",
        "next-action": action.headers["next-action"]!,
        "content-type": action.headers["content-type"]!,
        cookie: action.headers.cookie ?? "",
      },
      body: new Blob([new Uint8Array(action.request.postDataBuffer()!)]).stream(),
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    expect(smallChunked.status).toBe(200);
    expect(await smallChunked.text()).toContain("Your profile is saved.");

    const notFormData = new FormData();
    notFormData.append("0", '[{"ok":false},"bio=not a form"]');
    const answer = await replay(base, action, { body: notFormData });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(UNREADABLE);
  });

  test("a Server Action request to a static file is refused like any other cross-site POST, never a 500", async ({
    request,
    baseURL,
  }) => {
    const base = new URL(baseURL!).origin;
    for (const path of [
      "/favicon.ico",
      "/robots.txt",
      "/icon.svg",
      "/_next/static/chunks/none.js",
      "/manifest.webmanifest",
    ]) {
      const crossSite = await request.post(path, {
        headers: { origin: EVIL, "next-action": "7f".padEnd(42, "0"), "content-type": "text/plain;charset=UTF-8" },
        data: "[]",
        maxRedirects: 0,
      });
      expect(crossSite.status(), path).toBe(403);
      expect(await crossSite.json()).toEqual({ error: "Cross-site requests are not accepted." });
      const sameSite = await request.post(path, {
        headers: {
          origin: base,
          "next-action": "7f".padEnd(42, "0"),
          "content-type": "multipart/form-data; boundary=----x",
        },
        data: "------x--\r\n",
        maxRedirects: 0,
      });
      expect(sameSite.status(), path).toBeLessThan(500);
    }
  });
});
