import { type APIRequestContext, type APIResponse, type Browser, expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./fixtures";
import { type AppRoute, appRoutes, fillRoute, isDynamic, matchRoute } from "./helpers/route-tree";

// Every dynamic route of the app, read from src/app (a new route is covered without editing this
// file), requested with parameters of the wrong shape, signed out and signed in. Pages answer the
// site's 404 page (or send a signed-out visitor to sign in, where that is their designed answer);
// /api routes answer 400 or 404 with their JSON error; nothing answers 5xx. Rules: src/lib/route-params.ts,
// src/server/route-params.ts, and the percent-encoding repair in src/proxy.ts.

/** Each is a path segment as sent on the wire (already percent-encoded where it says so). */
const MALFORMED: Record<string, string> = {
  "not a UUID": "not-a-uuid",
  "a huge number": "99999999999999999999",
  "a NUL byte": "%00",
  "5,000 characters": "a".repeat(5000),
  "a path with ..": "..%2F..%2F..%2Fetc%2Fpasswd",
  "malformed percent-encoding": "%E0%A4%A",
  "a stray percent sign": "100%",
  "control characters": "%0D%0ASet-Cookie:%20x=1",
};

/** A value of the right shape that names nothing, by the parameter's name; unknown names get a slug. */
function wellFormedUnknown(name: string): string {
  if (name === "id" || name.endsWith("Id")) return "00000000-0000-4000-8000-000000000000";
  if (name === "version") return "999999";
  if (name === "token") return "A".repeat(43);
  if (name === "handle") return "no_such_person";
  if (name === "format") return "docx";
  return "no-such-thing";
}

/**
 * Where a value that names nothing has a designed answer other than 404: following a notification
 * that is gone, someone else's or malformed lands on one's own notifications
 * (tests/integration/hostile-api.test.ts holds the route to it).
 */
const DESIGNED_REDIRECTS: Record<string, RegExp> = {
  "/notifications/[id]": /^(https?:\/\/[^/]+)?\/notifications$/,
};

/**
 * Query parameters the app reads somewhere (pagination, search, filters, notices), each sent to
 * every page with junk. A page that reads a new one should be added here.
 */
const QUERY_NAMES = [
  "q",
  "page",
  "after",
  "before",
  "from",
  "to",
  "group",
  "organisation",
  "field",
  "type",
  "section",
  "position",
  "kind",
  "view",
  "callbackUrl",
  "created",
  "updated",
  "welcome",
  "posts",
  "done",
  "fixed",
  "declined",
  "error",
];
const JUNK_QUERIES: Record<string, string> = {
  "NUL bytes": QUERY_NAMES.map((n) => `${n}=%00`).join("&"),
  "huge numbers": QUERY_NAMES.map((n) => `${n}=99999999999999999999`).join("&"),
  "negative and fractional numbers": QUERY_NAMES.map((n, i) => `${n}=${i % 2 ? "-1" : "1.5"}`).join("&"),
  "malformed percent-encoding": QUERY_NAMES.map((n) => `${n}=%E0%A4%A`).join("&"),
  "broken Unicode": QUERY_NAMES.map((n) => `${n}=%ED%A0%80x`).join("&"),
  "every name twice": QUERY_NAMES.map((n) => `${n}=1&${n}=2`).join("&"),
  "long values": QUERY_NAMES.map((n) => `${n}=${"a".repeat(250)}`).join("&"),
  "5,000 characters of search": `q=${"a%00".repeat(1250)}&page=${"9".repeat(5000)}`,
};

const routes = appRoutes();
const dynamicRoutes = routes.filter(isDynamic);

/** Runs `work` over `items`, at most `limit` at a time: fast, without flooding a two-core machine. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/**
 * Real parameter values, learned by following links from the seeded demo: a bad value in one segment
 * should meet real values in the others, so that the code behind the first lookup runs too.
 */
async function learnRealValues(request: APIRequestContext, baseURL: string): Promise<Record<string, string>[]> {
  const seen = new Set<string>();
  const examples = new Map<string, Record<string, string>>();
  const queue = ["/", "/groups", "/library", "/organisations", "/api/papers", "/notifications", "/settings/data"];
  // Only pages are followed: route handlers here download files or, like /notifications/[id], mark
  // things read, and the demo member's state is shared with other specs. Their links' values are
  // still learned from the pages that show them.
  const pages = dynamicRoutes.filter((r) => r.kind === "page");
  const wanted = (pathname: string) => pages.some((r) => matchRoute(r, pathname));
  let budget = 50;
  while (queue.length > 0 && budget > 0) {
    const batch = queue.splice(0, Math.min(4, budget));
    budget -= batch.length;
    await Promise.all(
      batch.map(async (pathname) => {
        const response = await request.get(pathname, { maxRedirects: 0 }).catch(() => null);
        if (response?.status() !== 200) return;
        const body = await response.text();
        for (const m of body.matchAll(/"((?:https?:\/\/[^"/\s]+)?\/[^"\s<>#?]*)/g)) {
          const raw = m[1]!;
          const link = raw.startsWith("/") ? raw : raw.startsWith(baseURL) ? raw.slice(baseURL.length) : null;
          if (!link || link.startsWith("//") || link.startsWith("/_next/")) continue;
          for (const route of dynamicRoutes) {
            const values = matchRoute(route, link);
            if (values) examples.set(JSON.stringify(values), values);
          }
          if (!seen.has(link) && wanted(link)) {
            seen.add(link);
            queue.push(link);
          }
        }
      }),
    );
  }
  return [...examples.values()];
}

/** The real values that fit most of a route's parameters (from one example, so they belong together). */
function baseValues(route: AppRoute, examples: Record<string, string>[]): Record<string, string> {
  const names = route.segments.flatMap((s) => (s.kind === "static" ? [] : [s.name]));
  let best: Record<string, string> = {};
  let bestCount = -1;
  for (const example of examples) {
    const count = names.filter((n) => n in example).length;
    if (count > bestCount) [best, bestCount] = [example, count];
  }
  return Object.fromEntries(names.map((n) => [n, best[n] ?? wellFormedUnknown(n)]));
}

interface Case {
  route: AppRoute;
  method: string;
  path: string;
  what: string;
  /** true for the malformed values, false for well-formed values that name nothing */
  malformed: boolean;
}

function casesFor(route: AppRoute, examples: Record<string, string>[]): Case[] {
  const base = baseValues(route, examples);
  const cases: Case[] = [];
  for (const segment of route.segments) {
    if (segment.kind === "static") continue;
    const values: [string, string, boolean][] = [
      ...Object.entries(MALFORMED).map(([what, value]) => [what, value, true] as [string, string, boolean]),
      ["well-formed but unknown", wellFormedUnknown(segment.name), false],
    ];
    for (const [what, value, malformed] of values) {
      const path = fillRoute(route, { ...base, [segment.name]: value });
      for (const method of route.methods.filter((m) => m !== "HEAD" && m !== "OPTIONS")) {
        cases.push({ route, method, path, what: `${segment.name}: ${what}`, malformed });
      }
    }
  }
  return cases;
}

const isApi = (route: AppRoute) => route.segments[0]?.kind === "static" && route.segments[0].text === "api";
const isNextAuth = (route: AppRoute) => route.pattern.startsWith("/api/auth/");

/** What is wrong with an answer, or null when it is one the platform is designed to give. */
async function problemWith(c: Case, response: APIResponse, signedIn: boolean): Promise<string | null> {
  const status = response.status();
  if (status >= 500) return `answered ${status}`;
  const location = response.headers().location ?? "";
  const toSignIn = status >= 300 && status < 400 && /^(https?:\/\/[^/]+)?\/signin(\?|$)/.test(location);
  if (isNextAuth(c.route)) {
    // next-auth's own routes: its error page (a redirect), or a 4xx of its own.
    return (status >= 300 && status < 400) || (status >= 400 && status < 500) ? null : `answered ${status}`;
  }
  if (isApi(c.route)) {
    const allowed = c.malformed ? [400, 404] : [400, 401, 403, 404];
    if (!allowed.includes(status)) return `answered ${status}, expected ${allowed.join(" or ")}`;
    const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
    const error = body?.error;
    const message =
      typeof error === "string"
        ? error
        : typeof error === "object" && error
          ? (error as { message?: unknown }).message
          : undefined;
    return typeof message === "string" && message.length > 0 ? null : `answered ${status} without the API's JSON error`;
  }
  if (status === 404) return null;
  if (toSignIn && !signedIn) return null;
  if (signedIn && status >= 300 && status < 400 && DESIGNED_REDIRECTS[c.route.pattern]?.test(location)) return null;
  return `answered ${status}${location ? ` → ${location.slice(0, 80)}` : ""}, expected 404${signedIn ? "" : " or a redirect to sign-in"}`;
}

async function check(request: APIRequestContext, baseURL: string, signedIn: boolean) {
  const examples = await learnRealValues(request, baseURL);
  const cases = dynamicRoutes.flatMap((route) => casesFor(route, examples));
  const problems: string[] = [];
  await pool(cases, 6, async (c) => {
    const headers: Record<string, string> =
      c.method === "GET" ? {} : { origin: baseURL, "content-type": "application/json" };
    const options = {
      maxRedirects: 0,
      failOnStatusCode: false,
      // Same-origin, so the cross-site check is not what answers; a body a vote would accept.
      headers,
      data: c.method === "GET" ? undefined : JSON.stringify({ version: 1, choice: "SUPPORT" }),
    };
    let response: APIResponse;
    try {
      response = await request.fetch(c.path, { ...options, method: c.method, timeout: 20_000 });
    } catch (error) {
      problems.push(
        `${c.method} ${c.route.pattern} (${c.what}): no answer: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
      );
      return;
    }
    const problem = await problemWith(c, response, signedIn);
    if (problem) problems.push(`${c.method} ${c.route.pattern} (${c.what}): ${problem}  [${c.path.slice(0, 120)}]`);
  });
  return { cases: cases.length, examples: examples.length, problems };
}

/** Every page (static ones too, dynamic ones with real values) with junk in its query string: never 5xx. */
async function checkQueries(request: APIRequestContext, baseURL: string) {
  const examples = await learnRealValues(request, baseURL);
  const pages = routes.filter((r) => r.kind === "page").map((r) => fillRoute(r, baseValues(r, examples)));
  const cases = pages.flatMap((path) =>
    Object.entries(JUNK_QUERIES).map(([what, query]) => ({ path: `${path}?${query}`, what })),
  );
  const problems: string[] = [];
  await pool(cases, 6, async ({ path, what }) => {
    const response = await request
      .get(path, { maxRedirects: 0, failOnStatusCode: false, timeout: 20_000 })
      .catch((error: Error) => error);
    if (response instanceof Error)
      problems.push(`${path.split("?")[0]} (${what}): no answer: ${response.message.split("\n")[0]}`);
    else if (response.status() >= 500) problems.push(`${path.split("?")[0]} (${what}): answered ${response.status()}`);
  });
  return { cases: cases.length, problems };
}

async function memberSession(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "amara@example.org", DEMO_PASSWORD);
  return context;
}

test.describe("junk in query strings never answers 5xx", () => {
  test.describe.configure({ timeout: 180_000 });

  test("signed out", async ({ request, baseURL }) => {
    const { cases, problems } = await checkQueries(request, baseURL!);
    expect(cases).toBeGreaterThan(300);
    expect(problems, problems.join("\n")).toEqual([]);
  });

  test("signed in", async ({ browser, baseURL }) => {
    const context = await memberSession(browser);
    try {
      const { problems } = await checkQueries(context.request, baseURL!);
      expect(problems, problems.join("\n")).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

test.describe("malformed addresses never answer 5xx", () => {
  test.describe.configure({ timeout: 240_000 });

  test("the route tree is read: every dynamic page and route handler is found", () => {
    // A canary for the walker itself: if it found nothing, every other test here would pass vacuously.
    expect(dynamicRoutes.length).toBeGreaterThan(30);
    expect(dynamicRoutes.map((r) => r.pattern)).toEqual(
      expect.arrayContaining(["/threads/[threadId]", "/api/proposals/[proposalId]/votes", "/api/auth/[...nextauth]"]),
    );
    expect(routes.find((r) => r.pattern === "/api/proposals/[proposalId]/votes")?.methods).toEqual(["POST"]);
    expect(routes.find((r) => r.pattern === "/api/auth/[...nextauth]")?.methods).toEqual(["GET", "POST"]);
  });

  test("signed out", async ({ request, baseURL }) => {
    const { cases, examples, problems } = await check(request, baseURL!, false);
    expect(examples, "real values learned from the demo's links").toBeGreaterThan(10);
    expect(cases).toBeGreaterThan(300);
    expect(problems, problems.join("\n")).toEqual([]);
  });

  test("signed in", async ({ browser, baseURL }) => {
    const context = await memberSession(browser);
    try {
      const { cases, examples, problems } = await check(context.request, baseURL!, true);
      expect(examples).toBeGreaterThan(10);
      expect(cases).toBeGreaterThan(300);
      expect(problems, problems.join("\n")).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
