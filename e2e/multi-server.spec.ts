// More than one server process: everything a member relies on lives in PostgreSQL, so two
// production servers on one database behave as one site. Server A is the one `npm test` started
// (E2E_BASE_URL); server B is a second `next start` of the same build. Cookies belong to the host,
// not the port, so one browser context carries the same session to both, as behind a load balancer.
import { type APIRequestContext, type Browser, expect, type Page, request, test } from "@playwright/test";
import pg from "pg";
import { DEMO_PASSWORD, endVotingPeriod, type Identity, newIdentity, register, signIn } from "./fixtures";
import { type SecondServer, startSecondServer } from "./helpers/second-server";

const A = process.env.E2E_BASE_URL ?? "http://localhost:3000";
let second: SecondServer;
let B: string;

// The second server needs what scripts/test.ts gives the first one; run by hand without it, skip.
test.skip(
  !process.env.DATABASE_URL || !process.env.NEXTAUTH_SECRET,
  "needs DATABASE_URL and NEXTAUTH_SECRET, as `npm test -- --e2e` passes them",
);

test.beforeAll(async () => {
  test.setTimeout(120_000);
  second = await startSecondServer();
  B = second.url;
});

test.afterAll(async () => {
  await second?.stop();
});

async function sql<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns something, or fails after `ms`. */
async function until<T>(what: string, ms: number, check: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const found = await check();
    if (found !== undefined) return found;
    await sleep(250);
  }
  throw new Error(
    `Gave up after ${ms / 1000} s waiting for ${what}.\nSecond server's last output:\n${second.output().slice(-3000)}`,
  );
}

/** Signs in with next-auth's own endpoints (what the sign-in form calls); returns its error, or null. */
async function apiSignIn(
  api: APIRequestContext,
  base: string,
  email: string,
  password: string,
): Promise<string | null> {
  const { csrfToken } = (await (await api.get(`${base}/api/auth/csrf`)).json()) as { csrfToken: string };
  const response = await api.post(`${base}/api/auth/callback/credentials`, {
    form: { email, password, csrfToken, callbackUrl: `${base}/`, json: "true" },
  });
  const { url } = (await response.json()) as { url: string };
  return new URL(url).searchParams.get("error");
}

/** A browser context whose relative URLs go to `base`. */
async function pageOn(browser: Browser, base: string): Promise<Page> {
  return (await browser.newContext({ baseURL: base })).newPage();
}

/** Starts a one-section paper in welfare-reform and proposes an amendment; returns the proposal id. */
async function paperWithProposal(page: Page, base: string, title: string): Promise<string> {
  await page.goto(`${base}/groups/welfare-reform/papers/new`);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("The policy question").fill("How quickly should councils decide on crisis help?");
  await page.getByLabel("Summary").fill("Crisis help should be decided quickly.");
  await page.getByLabel("Heading of section 1").fill("Eligibility");
  await page.getByLabel("Text of section 1").fill("Decisions come within five days.");
  // A new paper is previewed whole before it is created.
  await page.getByRole("button", { name: "Preview the paper" }).click();
  await page.getByRole("button", { name: "Create the paper" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await page.getByRole("region", { name: "Eligibility" }).getByRole("link", { name: "Propose a change" }).click();
  await page.getByLabel("Section text").fill("Decisions come within two days.");
  await page.getByLabel("Why this change?").fill("Five days is too long without food or heating.");
  await page.getByRole("button", { name: "Propose this change" }).click();
  await expect(page).toHaveURL(/\/proposals\/[0-9a-f-]{36}$/);
  return page.url().split("/").pop()!;
}

/** A new member: registers on server B, joins welfare-reform on server A. */
async function newMember(browser: Browser, prefix: string): Promise<{ who: Identity; page: Page }> {
  const who = newIdentity(prefix);
  const page = await pageOn(browser, B);
  await register(page, who, prefix.endsWith("s") ? "Service user" : "Practitioner");
  await page.goto(`${A}/groups/welfare-reform`);
  await page.getByRole("button", { name: "Join group" }).click();
  await expect(page.getByText("You are a member of this group.")).toBeVisible();
  return { who, page };
}

/** The tally a server's proposal page shows. */
async function shownTally(page: Page, base: string, proposalId: string) {
  await page.goto(`${base}/proposals/${proposalId}`);
  const rows = await page.locator("li").allTextContents();
  const count = (label: string) => {
    const row = rows.map((r) => r.trim().match(new RegExp(`^${label}\\s*(\\d+) votes?`))).find(Boolean);
    return row ? Number(row[1]) : undefined;
  };
  const total = (
    await page
      .getByText(/\d+ votes? on version 1\./)
      .first()
      .textContent()
  )?.match(/^(\d+)/)?.[1];
  return { support: count("Support"), oppose: count("Oppose"), abstain: count("Abstain"), total: Number(total) };
}

const CHOICES = [
  "SUPPORT",
  "SUPPORT",
  "OPPOSE",
  "SUPPORT",
  "ABSTAIN",
  "SUPPORT",
  "SUPPORT",
  "OPPOSE",
  "SUPPORT",
  "SUPPORT",
] as const;
const DEMO_VOTERS = ["amara", "ivan", "ben_k", "fatima", "jo_carer", "gus", "kwame"];

test("two servers on one database share sessions, votes, rate limits, notifications and close each proposal once", async ({
  browser,
}) => {
  // Registrations, a sign-in storm and up to a minute for the closing job's next tick.
  test.setTimeout(240_000);
  const servers = [A, B];
  const suffix = Date.now().toString(36).slice(-5);

  // Amara (signed in through A) starts two papers, one on each server, each with an open proposal.
  const amara = await pageOn(browser, A);
  await signIn(amara, "amara@example.org", DEMO_PASSWORD);
  const jobClosed = await paperWithProposal(amara, A, `Crisis help decisions ${suffix} (job)`);
  const raced = await paperWithProposal(amara, B, `Crisis help decisions ${suffix} (race)`);

  // New members register on B and join on A, so a session made on one server acts on the other.
  // Two at a time: each registration hashes a password and signs in, which is heavy on two cores.
  const [fresh1, fresh2] = await Promise.all([newMember(browser, "mvp"), newMember(browser, "mvs")]);
  const [fresh3, author] = await Promise.all([newMember(browser, "mvq"), newMember(browser, "mva")]);

  await test.step("votes cast through both servers at once are each counted once, and both servers show the tally in the database", async () => {
    const voters = [
      ...DEMO_VOTERS.map((h) => ({ email: `${h}@example.org`, password: DEMO_PASSWORD })),
      ...[fresh1, fresh2, fresh3].map((f) => f.who),
    ];
    const contexts = await Promise.all(voters.map(() => request.newContext()));
    // Each voter signs in on one server, alternating…
    const signInErrors = await Promise.all(
      voters.map((v, i) => apiSignIn(contexts[i], servers[i % 2], v.email, v.password)),
    );
    expect(signInErrors).toEqual(voters.map(() => null));
    // …then sends the same vote to both servers at the same moment, on both proposals.
    const responses = await Promise.all(
      contexts.flatMap((api, i) =>
        [jobClosed, raced].flatMap((proposalId) =>
          servers.map((base) =>
            api.post(`${base}/api/proposals/${proposalId}/votes`, {
              data: { version: 1, choice: CHOICES[i], reason: "" },
            }),
          ),
        ),
      ),
    );
    for (const response of responses) expect(response.status(), await response.text()).toBe(200);
    await Promise.all(contexts.map((c) => c.dispose()));

    for (const proposalId of [jobClosed, raced]) {
      const [rows] = await sql<{ votes: number; voters: number; support: number; oppose: number; abstain: number }>(
        `SELECT count(*)::int AS votes, count(DISTINCT "userId")::int AS voters,
                count(*) FILTER (WHERE choice = 'SUPPORT')::int AS support, count(*) FILTER (WHERE choice = 'OPPOSE')::int AS oppose,
                count(*) FILTER (WHERE choice = 'ABSTAIN')::int AS abstain
           FROM "Vote" WHERE "proposalId" = $1`,
        [proposalId],
      );
      expect(rows).toEqual({ votes: voters.length, voters: voters.length, support: 7, oppose: 2, abstain: 1 });
      const [kept] = await sql(
        `SELECT "supportCount" AS support, "opposeCount" AS oppose, "abstainCount" AS abstain FROM "Proposal" WHERE id = $1`,
        [proposalId],
      );
      expect(kept).toEqual({ support: 7, oppose: 2, abstain: 1 });
      const reader = await pageOn(browser, A);
      for (const base of servers)
        expect(await shownTally(reader, base, proposalId)).toEqual({
          support: 7,
          oppose: 2,
          abstain: 1,
          total: voters.length,
        });
      await reader.context().close();
    }
  });

  // Closing: both servers run the close-due-proposals job. One proposal is left to the job alone
  // (no page of it or its paper is read); the other's page is read on both servers at once as soon
  // as a job run is queued, so closing on read races the job and the other server.
  const since = (await sql<{ now: Date }>("SELECT now()"))[0].now;
  await endVotingPeriod(jobClosed);
  const closedByJob = until("the job to close the proposal nobody reads", 100_000, async () => {
    const [row] = await sql<{ status: string }>(`SELECT status FROM "Proposal" WHERE id = $1`, [jobClosed]);
    return row.status === "OPEN" ? undefined : row.status;
  });
  const closedInRace = (async () => {
    await until("a close-due-proposals job to be queued", 100_000, async () => {
      const rows = await sql(
        `SELECT 1 FROM pgboss.job WHERE name = 'close-due-proposals' AND created_on > $1 AND state IN ('created', 'retry', 'active')`,
        [since],
      );
      return rows.length > 0 ? true : undefined;
    });
    await endVotingPeriod(raced);
    const readers = await Promise.all(
      servers.flatMap(() => [request.newContext(), request.newContext(), request.newContext()]),
    );
    const statuses: number[] = [];
    let closed = false;
    const watch = until("the raced proposal to close", 30_000, async () => {
      const [row] = await sql<{ status: string }>(`SELECT status FROM "Proposal" WHERE id = $1`, [raced]);
      return row.status === "OPEN" ? undefined : row.status;
    }).finally(() => (closed = true));
    watch.catch(() => undefined); // awaited below, after the readers stop
    await Promise.all(
      readers.map(async (api, i) => {
        while (!closed) statuses.push((await api.get(`${servers[i % 2]}/proposals/${raced}`)).status());
      }),
    );
    await Promise.all(readers.map((r) => r.dispose()));
    expect(await watch).toBe("MERGED");
    expect(new Set(statuses), "every read during the race answers 200").toEqual(new Set([200]));
  })();
  // Never left unhandled while the steps below run; awaited at the end.
  closedByJob.catch(() => undefined);
  closedInRace.catch(() => undefined);

  // The next three are independent: they run side by side while the closing job's tick is awaited.
  const sessions =
    // biome-ignore lint/correctness/noPlaywrightMissingAwait: the three steps run side by side and are awaited together below
    test.step("a session made on A is the same session on B, and signing out on B ends it on A", async () => {
      const page = await pageOn(browser, A);
      await signIn(page, "hannah_t@example.org", DEMO_PASSWORD);
      const cookies = await page.context().cookies();
      await page.goto(`${B}/`);
      const account = page.getByRole("navigation", { name: "Account" });
      await expect(account.getByRole("link", { name: "Hannah T." })).toBeVisible();
      const [session] = await sql<{ id: string; revokedAt: Date | null }>(
        `SELECT s.id, s."revokedAt" FROM "AuthSession" s JOIN "User" u ON u.id = s."userId" WHERE u.handle = 'hannah_t' ORDER BY s."createdAt" DESC LIMIT 1`,
      );
      expect(session.revokedAt).toBeNull();

      await account.getByRole("button", { name: "Sign out" }).click();
      await expect(
        page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }),
      ).toBeVisible();
      const [after] = await sql<{ revokedAt: Date | null }>(`SELECT "revokedAt" FROM "AuthSession" WHERE id = $1`, [
        session.id,
      ]);
      expect(after.revokedAt).not.toBeNull();

      // The cookie from before signing out, replayed: neither server accepts it any more.
      const replay = await browser.newContext();
      await replay.addCookies(cookies);
      const old = await replay.newPage();
      for (const base of servers) {
        await old.goto(`${base}/`);
        await expect(
          old.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }),
        ).toBeVisible();
        await expect(
          old.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Hannah T." }),
        ).toHaveCount(0);
      }
      await replay.close();
      await page.context().close();
    });

  // biome-ignore lint/correctness/noPlaywrightMissingAwait: the three steps run side by side and are awaited together below
  const notices = test.step("a reply on A notifies its addressee, whose bell on B shows it", async () => {
    const title = `Waiting for crisis help ${suffix}`;
    await author.page.goto(`${B}/groups/welfare-reform/threads/new`);
    await author.page.getByLabel("Title").fill(title);
    await author.page.getByLabel("Opening post").fill("How long did your council take to decide?");
    await author.page.getByRole("button", { name: "Start discussion" }).click();
    await expect(author.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    const threadPath = new URL(author.page.url()).pathname;

    const replier = fresh1.page;
    await replier.goto(`${A}${threadPath}`);
    const opening = replier.getByRole("article").filter({ hasText: "How long did your council take" }).first();
    await opening.getByRole("button", { name: "Reply" }).click();
    await replier.getByRole("textbox", { name: "Your reply" }).first().fill("Mine took three weeks.");
    await replier.getByRole("button", { name: "Post reply" }).first().click();
    await expect(replier).toHaveURL(/\/posts\//);

    await author.page.goto(`${B}/`);
    await expect(
      author.page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: /Notifications\s*1 unread/ }),
    ).toBeVisible();
    await author.page.goto(`${B}/notifications`);
    await expect(author.page.getByRole("button", { name: new RegExp(`replied to you in “${title}”`) })).toHaveCount(1);
  });

  // biome-ignore lint/correctness/noPlaywrightMissingAwait: the three steps run side by side and are awaited together below
  const limits = test.step("failed sign-ins for one account count on both servers together", async () => {
    // The limit is 5 per account in 15 minutes, times RATE_LIMIT_MULTIPLIER (npm test raises it).
    const limit = 5 * Number(process.env.RATE_LIMIT_MULTIPLIER || "1");
    const target = author.who;
    const api = await request.newContext();
    // One CSRF cookie first: concurrent first visits would each set a different one.
    await api.get(`${A}/api/auth/csrf`);
    const answers: { server: string; error: string | null }[] = [];
    // Batches of ten at once, spread over both servers; four more attempts than the limit.
    for (let start = 0; start < limit + 4; start += 10) {
      const batch = Array.from({ length: Math.min(10, limit + 4 - start) }, (_, k) => servers[(start + k) % 2]);
      answers.push(
        ...(await Promise.all(
          batch.map(async (server) => ({
            server,
            error: await apiSignIn(api, server, target.email, "not-the-password"),
          })),
        )),
      );
    }
    const wrong = answers.filter((a) => a.error === "The email or password is incorrect.");
    const refused = answers.filter((a) => a.error?.startsWith("Too many failed sign-in attempts for this account."));
    // Per-process counters would let 2 × limit through; one counter in PostgreSQL lets exactly `limit`.
    expect(wrong.length).toBe(limit);
    expect(refused.length).toBe(4);
    // And now even the right password is refused, whichever server it goes to.
    for (const server of servers)
      expect(await apiSignIn(api, server, target.email, target.password)).toMatch(/^Too many failed sign-in attempts/);
    await api.dispose();
  });

  await Promise.all([sessions, notices, limits]);

  await test.step("the job closes the unread proposal exactly once; the raced one closes once too", async () => {
    await closedInRace;
    expect(await closedByJob).toBe("MERGED");
    const voterCount = DEMO_VOTERS.length + 3;
    for (const proposalId of [jobClosed, raced]) {
      const [proposal] = await sql<{ status: string; statusNote: string }>(
        `SELECT status, "statusNote" FROM "Proposal" WHERE id = $1`,
        [proposalId],
      );
      expect(proposal.status).toBe("MERGED");
      const revisions = await sql<{ number: number }>(`SELECT number FROM "Revision" WHERE "proposalId" = $1`, [
        proposalId,
      ]);
      expect(revisions).toHaveLength(1);
      expect(proposal.statusNote).toBe(`Merged as revision ${revisions[0].number}.`);
      const [paper] = await sql<{ revisions: number }>(
        `SELECT count(*)::int AS revisions FROM "Revision" WHERE "paperId" = (SELECT "paperId" FROM "Proposal" WHERE id = $1)`,
        [proposalId],
      );
      expect(paper.revisions, "the first draft and one merge").toBe(2);
      // One "proposal closed" notice per voter (the proposer, Amara, is one of them): none doubled.
      const notices = await sql<{ userId: string; n: number }>(
        `SELECT "userId", count(*)::int AS n FROM "Notification" WHERE kind = 'PROPOSAL_CLOSED' AND url = $1 GROUP BY "userId"`,
        [`/proposals/${proposalId}`],
      );
      expect(notices).toHaveLength(voterCount);
      expect(notices.filter((n) => n.n !== 1)).toEqual([]);
    }
    // Both servers show the outcome, and the job's notice reaches a voter on either server.
    for (const base of servers) {
      await fresh2.page.goto(`${base}/proposals/${raced}`);
      await expect(fresh2.page.locator("p", { hasText: /Merged\s+as revision 2/ }).first()).toBeVisible();
    }
    for (const base of servers) {
      await fresh2.page.goto(`${base}/notifications`);
      await expect(
        fresh2.page.getByRole("button", {
          name: /Proposal #1 on “Crisis help decisions .* \(job\)” passed and was merged/,
        }),
      ).toHaveCount(1);
    }
  });
});

test("a page kept for signed-out readers on one server changes as soon as a member writes through the other", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const [thread] = await sql<{ id: string; title: string }>(
    `SELECT t.id, t.title FROM "Thread" t JOIN "Group" g ON g.id = t."groupId"
      WHERE g.slug = 'welfare-reform' AND t.subject = 'GROUP' ORDER BY t."createdAt" LIMIT 1`,
  );
  const threadUrl = `/threads/${thread!.id}`;

  await test.step("the second signed-out request is answered from the cache, with a policy of hashes", async () => {
    const anonymous = await request.newContext();
    const first = await anonymous.get(`${B}${threadUrl}`);
    expect(first.status()).toBe(200);
    const second = await until("the page to be kept", 10_000, async () => {
      const answer = await anonymous.get(`${B}${threadUrl}`);
      return answer.headers()["x-page-cache"] === "hit" ? answer : undefined;
    });
    const policy = second.headers()["content-security-policy"]!;
    expect(policy).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
    expect(policy).not.toContain("nonce-");
    expect(second.headers()["x-request-id"]).not.toBe(first.headers()["x-request-id"]);
    expect(second.headers()["set-cookie"]).toBeUndefined();
    await anonymous.dispose();
  });

  await test.step("in a browser the cached page runs its scripts (no policy violation, client navigation works)", async () => {
    const reader = await pageOn(browser, B);
    await reader.addInitScript(() => {
      (window as unknown as { violations: string[] }).violations = [];
      document.addEventListener("securitypolicyviolation", (event) =>
        (window as unknown as { violations: string[] }).violations.push(
          `${event.violatedDirective} ${event.blockedURI}`,
        ),
      );
    });
    // The browser asks for other encodings than the request above: its first visit renders.
    await until("the browser's page to be kept", 10_000, async () => {
      const answer = await reader.goto(threadUrl);
      return answer?.headers()["x-page-cache"] === "hit" ? true : undefined;
    });
    await expect(reader.getByRole("heading", { level: 1, name: thread!.title })).toBeVisible();
    await reader.waitForLoadState("networkidle");
    expect(await reader.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    // React took over the page: a link is followed by the client router (an RSC request), not a reload.
    const rsc = reader.waitForRequest((r) => r.headers().rsc === "1", { timeout: 15_000 });
    await reader.getByRole("main").getByRole("link", { name: "Welfare Reform", exact: false }).first().click();
    await rsc;
    await reader.context().close();
  });

  await test.step("a reply posted through server A shows on server B's cached page at once", async () => {
    const amara = await pageOn(browser, A);
    await signIn(amara, "amara@example.org", DEMO_PASSWORD);
    await amara.goto(threadUrl);
    const text = `Cached pages must not hide this reply ${Date.now().toString(36)}`;
    await amara.getByRole("textbox", { name: "Your reply" }).last().fill(text);
    await amara.getByRole("button", { name: "Post reply" }).last().click();
    await expect(amara).toHaveURL(/\/posts\//);
    const anonymous = await request.newContext();
    await until("server B to show the reply", 5_000, async () => {
      const body = await (await anonymous.get(`${B}${threadUrl}?page=last`)).text();
      return body.includes(text) ? true : undefined;
    });
    // A signed-in member is never sent the page kept for signed-out readers.
    const signedIn = await amara.request.get(`${B}${threadUrl}`);
    expect(signedIn.headers()["x-page-cache"]).toBeUndefined();
    expect(await signedIn.text()).toContain("Sign out");
    await anonymous.dispose();
    await amara.context().close();
  });
});
