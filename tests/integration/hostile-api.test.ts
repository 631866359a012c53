// The route handlers that take input (the JSON vote endpoint, the editors' Markdown preview, the
// public papers API, downloads, exports, feeds, notification links), called with the hostile-input
// corpus: bad JSON, wrong content types, huge bodies, wrong types, bad Unicode, forged ids. Always a
// 4xx (or a redirect) with a clear message, never a 5xx or a throw, and nothing stored.

import type { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createProposal } from "@/features/proposals/mutations";
import type { CurrentUser } from "@/server/auth/session-store";
import { db } from "@/server/db";
import { makeCommission, makeOrganisation } from "./helpers/commission-factories";
import { actorOf, addMember, makeGroup, makeUser } from "./helpers/factories";
import { BAD_UNICODE, GENERIC_FAILURE, INJECTION, MALFORMED_IDS, ONE_MB, randomId } from "./helpers/hostile-corpus";
import { amend, makePaper } from "./helpers/paper-factories";
import { makePublication } from "./helpers/publication-factories";
import { resetDatabase } from "./helpers/reset-db";

// Handlers ask next-auth who is signed in; here the test says who. The database stays real.
const signedIn = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/server/auth/current-user", () => ({ getCurrentUser: async () => signedIn.user }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "commons.test" }) }));

const { POST: vote } = await import("@/app/api/proposals/[proposalId]/votes/route");
const { GET: listPapers } = await import("@/app/api/papers/route");
const { GET: getPaper } = await import("@/app/api/papers/[paperId]/route");
const { GET: getVersion } = await import("@/app/api/papers/[paperId]/versions/[version]/route");
const { GET: download } = await import("@/app/groups/[slug]/papers/[paper]/v/[version]/download/[format]/route");
const { GET: groupFeed } = await import("@/app/groups/[slug]/publications.atom/route");
const { GET: dashboardCsv } = await import("@/app/commissions/[commissionId]/dashboard/csv/route");
const { GET: exportDownload } = await import("@/app/settings/data/exports/[exportId]/route");
const { GET: openNotification } = await import("@/app/notifications/[id]/route");
const { POST: preview } = await import("@/app/api/markdown/preview/route");

const ORIGIN = "http://commons.test";
const params = <T>(value: T) => ({ params: Promise.resolve(value) });

let w: Awaited<ReturnType<typeof makeWorld>>;

async function makeWorld() {
  const member = await makeUser({ perspective: "PRACTITIONER" });
  const other = await makeUser();
  const groupA = await makeGroup(member);
  const groupB = await makeGroup(other, { joinPolicy: "APPROVAL" });
  await addMember(groupA, other);
  const paperA = await makePaper(groupA, member);
  const paperB = await makePaper(groupB, other);
  const proposalA = await createProposal(actorOf(other), amend(paperA, paperA.sections[0], "A proposed new text."));
  const proposalB = await createProposal(actorOf(other), amend(paperB, paperB.sections[0], "Someone else's text."));
  const orgB = await makeOrganisation([other]);
  const commissionB = await makeCommission(other, orgB, [groupB]);
  const published = await makePublication();
  const memberUser: CurrentUser = {
    ...actorOf(member),
    sessionId: randomId(),
    handle: member.handle,
    displayName: member.displayName,
  };
  return { member, memberUser, paperA, paperB, proposalA, proposalB, commissionB, published };
}

/** Every answer: a status below 500, and for errors a body that says something. */
async function expectClear4xx(response: Response, what: string) {
  const body = await response.clone().text();
  expect(response.status, `${what}: ${body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(response.status, `${what}: ${body.slice(0, 200)}`).toBeLessThan(500);
  expect(body.trim().length, what).toBeGreaterThan(0);
  expect(body, what).not.toMatch(GENERIC_FAILURE);
  return body;
}

async function answer(what: string, call: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await call();
  } catch (error) {
    throw new Error(`${what} threw instead of answering: ${String(error)}`);
  }
}

beforeAll(async () => {
  await resetDatabase();
  w = await makeWorld();
});

describe("POST /api/proposals/:id/votes with hostile bodies", () => {
  const post = (
    proposalId: string,
    body: BodyInit | null,
    headers: Record<string, string> = { "content-type": "application/json" },
  ) =>
    answer(`vote ${proposalId}`, () =>
      vote(
        new Request(`${ORIGIN}/api/proposals/${proposalId}/votes`, {
          method: "POST",
          body,
          headers: { host: "commons.test", origin: ORIGIN, ...headers },
        }) as unknown as NextRequest,
        params({ proposalId }),
      ),
    );
  const json = (value: unknown) => JSON.stringify(value);

  it("refuses every malformed body with a 4xx and a message, and records no vote", async () => {
    signedIn.user = w.memberUser;
    const votesBefore = await db.vote.count();
    const id = w.proposalA.id;
    const cases: [string, () => Promise<Response>][] = [
      ["no body", () => post(id, null)],
      ["bad JSON", () => post(id, "{version: 1,")],
      [
        "not JSON at all",
        () => post(id, "version=1&choice=SUPPORT", { "content-type": "application/x-www-form-urlencoded" }),
      ],
      ["JSON null", () => post(id, "null")],
      ["JSON array", () => post(id, json([1, "SUPPORT"]))],
      ["JSON string", () => post(id, json("SUPPORT"))],
      ["missing fields", () => post(id, json({}))],
      ["wrong types", () => post(id, json({ version: "one", choice: 1, reason: { a: 1 } }))],
      ["array where a string goes", () => post(id, json({ version: 1, choice: ["SUPPORT"] }))],
      ["object where a number goes", () => post(id, json({ version: { $gt: 0 }, choice: "SUPPORT" }))],
      ["boolean choice", () => post(id, json({ version: 1, choice: true }))],
      ["infinite version", () => post(id, '{"version": 1e309, "choice": "SUPPORT"}')],
      ["negative version", () => post(id, json({ version: -1, choice: "SUPPORT" }))],
      ["1 MB reason", () => post(id, json({ version: 1, choice: "SUPPORT", reason: ONE_MB }))],
      ["NUL in reason", () => post(id, json({ version: 1, choice: "SUPPORT", reason: BAD_UNICODE.nul }))],
      [
        "lone surrogate in reason",
        () => post(id, `{"version": 1, "choice": "SUPPORT", "reason": "broken \\ud800 text"}`),
      ],
      ["NUL in choice", () => post(id, json({ version: 1, choice: "SUPPORT\u0000" }))],
      ["script as choice", () => post(id, json({ version: 1, choice: INJECTION.scriptTag }))],
      [
        "cross-site",
        () =>
          post(id, json({ version: 1, choice: "SUPPORT" }), {
            "content-type": "application/json",
            origin: "https://evil.example",
          }),
      ],
      ["another group's proposal", () => post(w.proposalB.id, json({ version: 1, choice: "SUPPORT" }))],
      ["a proposal that does not exist", () => post(randomId(), json({ version: 1, choice: "SUPPORT" }))],
      ...MALFORMED_IDS.filter((m) => m !== "").map((m): [string, () => Promise<Response>] => [
        `malformed id ${JSON.stringify(m)}`,
        () => post(m, json({ version: 1, choice: "SUPPORT" })),
      ]),
    ];
    for (const [what, call] of cases) await expectClear4xx(await call(), what);
    // Something other than an object is told what to send, not a list of each field's complaint.
    for (const body of ["null", json([1, "SUPPORT"]), json("SUPPORT")])
      expect(((await (await post(id, body)).json()) as { error: string }).error).toMatch(/^Send a JSON object/);

    signedIn.user = null;
    await expectClear4xx(await post(id, json({ version: 1, choice: "SUPPORT" })), "signed out");
    expect(await db.vote.count()).toBe(votesBefore);

    // The same endpoint still works for a well-formed vote, so the refusals above were about the input.
    signedIn.user = w.memberUser;
    expect((await post(id, json({ version: 1, choice: "SUPPORT", reason: INJECTION.scriptTag }))).status).toBe(200);
    expect(await db.vote.count()).toBe(votesBefore + 1);
  });
});

describe("public API, downloads, feeds and exports with hostile parameters", () => {
  it("/api/papers refuses bad query parameters with a 400 and a message", async () => {
    const queries = [
      "page=abc",
      "page=-1",
      "page=0",
      "page=1.5",
      "page=1e309",
      "page=99999999",
      `page=${"9".repeat(5000)}`,
      "group=%3Cscript%3E",
      "group=a%00b",
      `group=${"a".repeat(200)}`,
      "group=UPPER",
      "page=%F0%9F%98%80",
    ];
    for (const q of queries) {
      const response = await answer(q, () => listPapers(new Request(`${ORIGIN}/api/papers?${q}`)));
      const body = await expectClear4xx(response, q);
      expect(JSON.parse(body).error.code, q).toBe("VALIDATION");
    }
    // Repeated and unknown parameters are not an error: the first value counts.
    expect((await listPapers(new Request(`${ORIGIN}/api/papers?page=1&page=<script>&evil=1`))).status).toBe(200);
  });

  it("/api/papers/:id and its versions refuse malformed and unknown ids", async () => {
    for (const paperId of [...MALFORMED_IDS, "a\u0000b", INJECTION.breakout]) {
      await expectClear4xx(
        await answer(paperId, () => getPaper(new Request(`${ORIGIN}/api/papers/x`), params({ paperId }))),
        `paper ${JSON.stringify(paperId)}`,
      );
      await expectClear4xx(
        await answer(paperId, () =>
          getVersion(new Request(`${ORIGIN}/api/papers/x/versions/1`), params({ paperId, version: "1" })),
        ),
        `version of ${JSON.stringify(paperId)}`,
      );
    }
    // A draft paper of a members-only group is not published: it does not exist to the API.
    await expectClear4xx(
      await getPaper(new Request(`${ORIGIN}/api/papers/x`), params({ paperId: w.paperB.id })),
      "unpublished paper",
    );
    for (const version of ["0", "-1", "abc", "1e309", "1.5", "99999999999", "", "1\u0000"]) {
      await expectClear4xx(
        await answer(version, () =>
          getVersion(
            new Request(`${ORIGIN}/api/papers/x/versions/x`),
            params({ paperId: w.published.paper.id, version }),
          ),
        ),
        `version ${JSON.stringify(version)}`,
      );
    }
  });

  it("downloads refuse hostile slugs, versions and formats without a 5xx", async () => {
    const good = { slug: w.published.group.slug, paper: w.published.paper.slug, version: "1", format: "markdown" };
    const get = (p: typeof good) =>
      answer(JSON.stringify(p), () => download(new Request(`${ORIGIN}/download`), params(p)));
    expect((await get(good)).status).toBe(200);
    const hostile: Partial<typeof good>[] = [
      { format: "exe" },
      { format: "../../etc/passwd" },
      { format: "" },
      { version: "0" },
      { version: "abc" },
      { version: "1e309" },
      { version: "9999999999" },
      { slug: "a\u0000b" },
      { slug: INJECTION.scriptTag },
      { slug: "x".repeat(10_000) },
      { slug: "../admin" },
      { paper: "a\u0000b" },
      { paper: BAD_UNICODE.loneHigh },
      { paper: INJECTION.breakout },
      { paper: "x".repeat(10_000) },
      { slug: w.published.group.slug, paper: w.paperB.slug },
    ];
    for (const change of hostile)
      await expectClear4xx(await get({ ...good, ...change }), JSON.stringify(change).slice(0, 80));
  });

  it("a group's feed refuses hostile slugs", async () => {
    for (const slug of ["<script>", "a\u0000b", "x".repeat(500), "UPPER", "no-such-group", ""]) {
      await expectClear4xx(
        await answer(slug, () => groupFeed(new Request(`${ORIGIN}/feed`), params({ slug }))),
        `feed ${JSON.stringify(slug)}`,
      );
    }
  });

  it("the commission dashboard CSV refuses forged and malformed ids", async () => {
    signedIn.user = w.memberUser;
    for (const commissionId of [...MALFORMED_IDS, randomId(), w.commissionB.commissionId, "a\u0000b"]) {
      await expectClear4xx(
        await answer(commissionId, () => dashboardCsv(new Request(`${ORIGIN}/csv`), params({ commissionId }))),
        `csv ${JSON.stringify(commissionId)}`,
      );
    }
    signedIn.user = null;
    // Signed out, the download link asks them to sign in and come back for the file.
    const signedOut = await dashboardCsv(
      new Request(`${ORIGIN}/csv`),
      params({ commissionId: w.commissionB.commissionId }),
    );
    expect(signedOut.status).toBe(307);
    expect(signedOut.headers.get("location")).toBe(
      `/signin?callbackUrl=${encodeURIComponent(`/commissions/${w.commissionB.commissionId}/dashboard/csv`)}`,
    );
  });

  it("a data export download refuses other people's and malformed ids", async () => {
    signedIn.user = w.memberUser;
    for (const exportId of [...MALFORMED_IDS, randomId(), "a\u0000b"]) {
      await expectClear4xx(
        await answer(exportId, () => exportDownload(new Request(`${ORIGIN}/export`), params({ exportId }))),
        `export ${JSON.stringify(exportId)}`,
      );
    }
  });

  it("a notification link with a hostile id goes back to the notifications page, never a 5xx", async () => {
    signedIn.user = w.memberUser;
    for (const id of [...MALFORMED_IDS, randomId(), "a\u0000b"]) {
      const response = await answer(id, () =>
        openNotification(new Request(`${ORIGIN}/notifications/x`) as unknown as NextRequest, params({ id })),
      );
      expect(response.status, `notification ${JSON.stringify(id)}`).toBe(307);
      // A relative Location: the browser stays on the host it used.
      expect(response.headers.get("location")).toBe("/notifications");
    }
  });
});

describe("POST /api/markdown/preview with hostile bodies", () => {
  const post = (body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) =>
    answer("preview", () =>
      preview(
        new Request(`${ORIGIN}/api/markdown/preview`, {
          method: "POST",
          body,
          headers: { host: "commons.test", origin: ORIGIN, ...headers },
        }) as unknown as NextRequest,
      ),
    );
  const json = (value: unknown) => JSON.stringify(value);

  it("refuses every malformed body with a 4xx and a message, and stores nothing", async () => {
    signedIn.user = w.memberUser;
    const renderedBefore = await db.renderedMarkdown.count();
    const cases: [string, () => Promise<Response>][] = [
      ["no body", () => post(null)],
      ["bad JSON", () => post('{kind: "post",')],
      ["not JSON at all", () => post("kind=post&texts=a", { "content-type": "application/x-www-form-urlencoded" })],
      ["JSON null", () => post("null")],
      ["JSON array", () => post(json(["post", "a"]))],
      ["JSON string", () => post(json("**a**"))],
      ["missing fields", () => post(json({}))],
      ["unknown kind", () => post(json({ kind: INJECTION.scriptTag, texts: ["a"] }))],
      ["texts not a list", () => post(json({ kind: "post", texts: "a" }))],
      ["a number among the texts", () => post(json({ kind: "post", texts: ["a", 1] }))],
      ["an object among the texts", () => post(json({ kind: "post", texts: [{ $ne: "" }] }))],
      ["no texts", () => post(json({ kind: "post", texts: [] }))],
      ["too many texts", () => post(json({ kind: "section", texts: Array(41).fill("a") }))],
      ["1 MB text", () => post(json({ kind: "post", texts: [ONE_MB] }))],
      ["NUL in a text", () => post(json({ kind: "post", texts: [BAD_UNICODE.nul] }))],
      ["lone surrogate in a text", () => post(`{"kind": "post", "texts": ["broken \\ud800 text"]}`)],
      [
        "cross-site",
        () =>
          post(json({ kind: "post", texts: ["a"] }), {
            "content-type": "application/json",
            origin: "https://evil.example",
          }),
      ],
    ];
    for (const [what, call] of cases) await expectClear4xx(await call(), what);

    signedIn.user = null;
    await expectClear4xx(await post(json({ kind: "post", texts: ["a"] })), "signed out");
    // Signed out, the body is not even read: a broken one is a 401 too, not a 400.
    const brokenSignedOut = await post('{kind: "post",');
    await expectClear4xx(brokenSignedOut, "signed out, broken body");
    expect(brokenSignedOut.status).toBe(401);

    // Well-formed, it answers, with script taken out: the refusals above were about the input.
    signedIn.user = w.memberUser;
    const ok = await post(json({ kind: "post", texts: [INJECTION.scriptTag] }));
    expect(ok.status).toBe(200);
    expect(JSON.stringify(await ok.json())).not.toContain("<script");
    expect(await db.renderedMarkdown.count()).toBe(renderedBefore);
  });
});
