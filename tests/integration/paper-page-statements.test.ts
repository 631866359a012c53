// How many SQL statements the draft paper page makes for a member (issue 15: it made 20 and was
// the slowest signed-in page). Counted at the pg driver, every statement Prisma sends, in the
// order the page makes them: the session lookup and the header's unread count, then the page's
// own reads. In a request React's cache() makes the paper's access lookup once for the page, its
// metadata and closeDueProposalsOfPaper; outside a render it memoises nothing, so here a statement
// repeated with the very same values is counted once (and only that lookup may repeat).
import { beforeAll, describe, expect, it } from "vitest";
import { closeDueProposalsOfPaper } from "@/composition/decisions";
import { getOwnSuspension } from "@/features/accounts/queries";
import { getPaperCommission } from "@/features/commissions/queries/paper-commission";
import { countUnreadNotifications } from "@/features/notifications/queries";
import { commentOnSubject } from "@/features/papers/discussion";
import { getPaperPage } from "@/features/papers/queries/paper-page";
import { createProposal } from "@/features/proposals/mutations";
import { createAuthSession, resolveSession } from "@/server/auth/session-store";
import { db } from "@/server/db";
import { actorOf, addMember, makeUser } from "./helpers/factories";
import { amend, endVoting, retitle } from "./helpers/paper-factories";
import { makePublication } from "./helpers/publication-factories";
import { resetDatabase } from "./helpers/reset-db";
import { countRoundTrips, perRequest, type Sent } from "./helpers/round-trips";

beforeAll(resetDatabase);

/** The page's budget: the session lookup (3 today) and the header's count, then four of its own. */
const PAGE_STATEMENTS = 8;

/** The statements a request would send (the access lookup is React-cached; "is anything due?" carries the time). */
const perRequestOfPage = (sent: Sent[]) =>
  perRequest(sent, /^SELECT p\.id, p\."groupId"/, (values) => values.replace(/"\d{4}-\d\d-\d\d[T ][^"]*"/g, "<now>"));

/** A busy draft: published once, open proposals on a section and on the title, recently closed ones, discussions. */
async function busyDraft() {
  const w = await makePublication();
  const member = actorOf(w.su);
  await createProposal(member, amend(w.paper, w.paper.sections[1]!, "Assess in person.", { baseRevision: 2 }));
  await createProposal(actorOf(w.other), retitle(w.paper, "Pay people on time", { baseRevision: 2 }));
  await commentOnSubject(member, { subject: "PAPER", subjectId: w.paper.id, body: "What about rents?" });
  await commentOnSubject(member, { subject: "SECTION", subjectId: w.paper.sections[0]!.id, body: "Why weekly?" });
  return w;
}

/** What one request of the page reads, in its order (src/app/groups/[slug]/papers/[paper]/page.tsx and the header). */
async function loadPageAsRequest(sessionId: string, groupSlug: string, paperSlug: string) {
  const viewer = await resolveSession(sessionId);
  await Promise.all([countUnreadNotifications(viewer), getOwnSuspension(viewer)]);
  await closeDueProposalsOfPaper(viewer, groupSlug, paperSlug);
  const page = await getPaperPage(viewer, groupSlug, paperSlug);
  const commission = page.commissioned ? await getPaperCommission(viewer, page.paper.id) : null;
  return { viewer, page, commission };
}

async function countWhile<T>(work: () => Promise<T>): Promise<{ result: T; statements: Sent[] }> {
  const { result, sent } = await countRoundTrips(work);
  return { result, statements: sent };
}

describe("the draft paper page for a member", () => {
  it(`makes at most ${PAGE_STATEMENTS} statements, session lookup included`, async () => {
    const w = await busyDraft();
    const sessionId = await createAuthSession(w.su.id, "test");
    // The first view stores the sections' rendered HTML; the bench, like readers, sees later views.
    await loadPageAsRequest(sessionId, w.group.slug, w.paper.slug);

    const counted = await countWhile(() => loadPageAsRequest(sessionId, w.group.slug, w.paper.slug));
    const { result } = counted;
    const statements = perRequestOfPage(counted.statements);
    expect(statements.length, statements.map((s, i) => `${i + 1}. ${s.slice(0, 160)}`).join("\n")).toBeLessThanOrEqual(
      PAGE_STATEMENTS,
    );
    // Still the whole page: sections with their HTML and threads, open and closed proposals, versions.
    const { page } = result;
    expect(page.sections).toHaveLength(3);
    expect(page.sections.every((s) => s.bodyHtml.length > 0)).toBe(true);
    expect(page.sections[0]!.thread?.comments).toBe(1);
    expect(page.sections[1]!.proposals).toHaveLength(1);
    expect(page.paperProposals).toHaveLength(1);
    expect(page.recentlyClosed.map((p) => p.status)).toEqual(["PASSED", "MERGED"]);
    expect(page.paper.thread?.comments).toBe(1);
    expect(page.versions.map((v) => v.version)).toEqual([1]);
    expect(page.versions[0]!.publishedAt).toBeInstanceOf(Date);
    expect(page.latestVersion).toBe(1);
    expect(page.following).toBe(true);
    expect(page.commissioned).toBe(false);
  });

  it("does not grow with the number of sections, proposals or comments", async () => {
    const w = await busyDraft();
    const sessionId = await createAuthSession(w.su.id, "test");
    await loadPageAsRequest(sessionId, w.group.slug, w.paper.slug);
    const before = perRequestOfPage(
      (await countWhile(() => loadPageAsRequest(sessionId, w.group.slug, w.paper.slug))).statements,
    );

    const extra = await Promise.all([makeUser(), makeUser()]);
    for (const u of extra) await addMember(w.group, u);
    for (const [i, u] of extra.entries()) {
      await createProposal(actorOf(u), amend(w.paper, w.paper.sections[i]!, `Another text ${i}.`, { baseRevision: 2 }));
      await commentOnSubject(actorOf(u), { subject: "SECTION", subjectId: w.paper.sections[2]!.id, body: "And…" });
    }
    await loadPageAsRequest(sessionId, w.group.slug, w.paper.slug);
    const after = perRequestOfPage(
      (await countWhile(() => loadPageAsRequest(sessionId, w.group.slug, w.paper.slug))).statements,
    );
    expect(after.length).toBe(before.length);
  });

  it("asks whether anything is due in its access lookup, and closes only when something is", async () => {
    const w = await busyDraft();
    const sessionId = await createAuthSession(w.su.id, "test");
    await loadPageAsRequest(sessionId, w.group.slug, w.paper.slug);
    const quiet = perRequestOfPage(
      (await countWhile(() => loadPageAsRequest(sessionId, w.group.slug, w.paper.slug))).statements,
    );
    expect(quiet.some((s) => /FROM "public"\."Proposal" WHERE .*"closesAt" <=/.test(s))).toBe(false);

    await endVoting({ paperId: w.paper.id });
    const { result } = await countWhile(() => loadPageAsRequest(sessionId, w.group.slug, w.paper.slug));
    // The page shows the outcome, not a stale open proposal.
    expect(result.page.sections.flatMap((s) => s.proposals)).toEqual([]);
    expect(result.page.paperProposals).toEqual([]);
    expect(await db.proposal.count({ where: { paperId: w.paper.id, status: "OPEN" } })).toBe(0);
  });
});
