import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { closeProposal } from "@/composition/decisions";
import { declineCommission } from "@/features/commissions/acceptance";
import { DashboardView } from "@/features/commissions/components/dashboard-view";
import { DASHBOARD_CSV_HEADER, dashboardCsv, dashboardCsvFilename } from "@/features/commissions/dashboard-csv";
import { loadCommissionDashboard } from "@/features/commissions/queries/dashboard";
import { commentOnSubject } from "@/features/papers/discussion";
import { createProposal } from "@/features/proposals/mutations";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { appError } from "./helpers/app-error";
import { acceptCommissionedPaper, makeCommission, makeOrganisation } from "./helpers/commission-factories";
import { actorOf, addMember, days, makeGroup, makeUser, type TestUser } from "./helpers/factories";
import { endVoting, retitle, voteAll } from "./helpers/paper-factories";
import { resetDatabase } from "./helpers/reset-db";

beforeAll(resetDatabase);

const a = actorOf;
// A group name a spreadsheet would read as a formula, with a comma and quotes in it.
const TRICKY_NAME = `=HYPERLINK("http://x"), the "Quoted" group`;

type Scenario = {
  commissionId: string;
  paperA: string;
  paperB: string;
  orgAdmin: TestUser;
  owner: TestUser;
  outsiders: { who: string; actor: Actor; code: string }[];
  siteAdmin: TestUser;
};

/**
 * A commission posted to two groups. Group A takes it on (prac proposes, three vote), votes one
 * proposal down, publishes, and has one proposal open; su, other and a later-deleted member
 * comment on the paper, a section and a proposal. Group B's owner declines; prac comments there too.
 */
async function makeScenario(): Promise<Scenario> {
  const owner = await makeUser();
  const groupA = await makeGroup(owner, { name: TRICKY_NAME });
  const groupB = await makeGroup(owner, { name: "Welfare advisers" });
  const prac = await makeUser({ perspective: "PRACTITIONER" });
  const su = await makeUser({ perspective: "SERVICE_USER" });
  const both = await makeUser({ perspective: "BOTH" });
  const other = await makeUser();
  const leaver = await makeUser({ perspective: "PRACTITIONER" });
  for (const m of [prac, su, both, other, leaver]) await addMember(groupA, m);
  await addMember(groupB, prac);
  const [orgAdmin, otherOrgAdmin, stranger] = [await makeUser(), await makeUser(), await makeUser()];
  const siteAdmin = await makeUser({ siteRole: "ADMIN" });
  const organisation = await makeOrganisation([orgAdmin]);
  await makeOrganisation([otherOrgAdmin]);

  const { commissionId, papers } = await makeCommission(orgAdmin, organisation, [groupA, groupB]);
  const paperOf = (slug: string) =>
    db.paper.findFirstOrThrow({
      where: { commissionId, group: { slug } },
      select: { id: true, revisionNumber: true, sections: { select: { id: true }, orderBy: { position: "asc" } } },
    });
  expect(papers).toHaveLength(2);
  const A = await paperOf(groupA.slug);
  const B = await paperOf(groupB.slug);
  const voters = [prac, su, both].map(a);

  await acceptCommissionedPaper(A.id, a(prac), voters);
  const turnedDown = await createProposal(
    a(su),
    retitle(A, "Sanctions, reconsidered", { question: "How should sanctions change?", summary: "Fewer." }),
  );
  await voteAll(voters, turnedDown.id, "OPPOSE");
  await endVoting({ proposalIds: [turnedDown.id] });
  expect(await closeProposal(turnedDown.id)).toBe("REJECTED");
  const revision = (await paperOf(groupA.slug)).revisionNumber;
  const publish = await createProposal(a(both), {
    kind: "PUBLISH",
    paperId: A.id,
    baseRevision: revision,
    rationale: "Ready.",
    publicationNote: "",
  });
  await voteAll([...voters, a(leaver)], publish.id, "SUPPORT");
  await endVoting({ proposalIds: [publish.id] });
  expect(await closeProposal(publish.id)).toBe("PUBLISHED");
  await createProposal(
    a(both),
    retitle(A, "Fairer sanctions", {
      baseRevision: revision,
      question: "How should sanctions change?",
      summary: "Sooner.",
    }),
  );

  await commentOnSubject(a(su), { subject: "PAPER", subjectId: A.id, body: "We saw this at the food bank." });
  await commentOnSubject(a(su), { subject: "PAPER", subjectId: A.id, body: "And again last week." });
  await commentOnSubject(a(other), {
    subject: "SECTION",
    subjectId: A.sections[0].id,
    body: "The background needs figures.",
  });
  await commentOnSubject(a(prac), { subject: "PROPOSAL", subjectId: turnedDown.id, body: "Too short a title." });
  await commentOnSubject(a(leaver), { subject: "PAPER", subjectId: A.id, body: "I am leaving soon." });
  await commentOnSubject(a(prac), { subject: "PAPER", subjectId: B.id, body: "Our group could help here." });
  await declineCommission(a(owner), { paperId: B.id, reason: "We are writing about this already." });
  // The leaver deletes their account, as deleteAccount leaves it: a tombstone, their votes unlinked.
  await db.user.update({ where: { id: leaver.id }, data: { deletedAt: new Date(), email: null } });
  await db.vote.updateMany({ where: { userId: leaver.id }, data: { userId: null } });

  return {
    commissionId,
    paperA: A.id,
    paperB: B.id,
    orgAdmin,
    owner,
    siteAdmin,
    outsiders: [
      { who: "anonymous", actor: null, code: "UNAUTHENTICATED" },
      { who: "a stranger", actor: a(stranger), code: "FORBIDDEN" },
      { who: "another organisation's admin", actor: a(otherOrgAdmin), code: "FORBIDDEN" },
      { who: "the groups' owner", actor: a(owner), code: "FORBIDDEN" },
      { who: "a member who voted", actor: a(prac), code: "FORBIDDEN" },
    ],
  };
}

const counts = (PRACTITIONER: number, SERVICE_USER: number, BOTH: number, OTHER: number) => ({
  PRACTITIONER,
  SERVICE_USER,
  BOTH,
  OTHER,
});

describe("the commission dashboard", () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await makeScenario();
  });

  it("shows each posting's state, proposals and people by perspective, and the commission's totals", async () => {
    const d = await loadCommissionDashboard(a(s.orgAdmin), s.commissionId);
    expect(d.commission.phase).toBe("PUBLISHED");
    expect(d.commission.daysLeft).toBe(29);
    expect(d.commission.position.stage).toBe("CONTRIBUTIONS");
    const [A, B] = [d.postings.find((p) => p.paperId === s.paperA)!, d.postings.find((p) => p.paperId === s.paperB)!];
    expect(A.group.name).toBe(TRICKY_NAME);
    expect(A.state).toBe("PUBLISHED");
    expect(A.latestVersion?.version).toBe(1);
    expect(A.decidedAt).toBeInstanceOf(Date);
    // Accepting and publishing passed, the retitle was voted down, one retitle is open.
    expect(A.proposals).toEqual({ open: 1, passed: 2, failed: 1, other: 0 });
    // The deleted practitioner commented and voted but is no longer counted.
    expect(A.participation).toEqual({
      discussed: counts(1, 1, 0, 1),
      proposed: counts(1, 1, 1, 0),
      voted: counts(1, 1, 1, 0),
    });
    expect(B.state).toBe("DECLINED");
    expect(B.latestVersion).toBeNull();
    expect(B.proposals).toEqual({ open: 0, passed: 0, failed: 0, other: 0 });
    expect(B.participation).toEqual({
      discussed: counts(1, 0, 0, 0),
      proposed: counts(0, 0, 0, 0),
      voted: counts(0, 0, 0, 0),
    });
    // Overall, prac (who commented in both groups) counts once.
    expect(d.participation.discussed).toEqual(counts(1, 1, 0, 1));
    expect(d.proposals).toEqual({ open: 1, passed: 2, failed: 1, other: 0 });
  });

  it("counts every comment, proposal and vote in the week it happened, with empty weeks filled in", async () => {
    const now = await loadCommissionDashboard(a(s.orgAdmin), s.commissionId);
    expect(now.activity).toHaveLength(1);
    // 6 comments (the leaver's stays), 4 proposals, 3 + 3 + 4 votes (the unlinked one stays).
    expect(now.activity[0]).toMatchObject({ posts: 6, proposals: 4, votes: 10 });
    const later = await loadCommissionDashboard(a(s.orgAdmin), s.commissionId, days(20));
    expect(later.activity.length).toBeGreaterThanOrEqual(3);
    expect(later.activity[0]).toMatchObject({ posts: 6, proposals: 4, votes: 10 });
    expect(later.activity.slice(1).every((w) => w.posts + w.proposals + w.votes === 0)).toBe(true);
    const A = later.postings.find((p) => p.paperId === s.paperA)!;
    const B = later.postings.find((p) => p.paperId === s.paperB)!;
    expect(A.activity[0]).toMatchObject({ posts: 5, proposals: 4, votes: 10 });
    expect(B.activity[0]).toMatchObject({ posts: 1, proposals: 0, votes: 0 });
    expect(later.activity[0].weekStart.getUTCDay()).toBe(1);
  });

  it("is for the organisation's admins and site admins only", async () => {
    for (const { who, actor, code } of s.outsiders) {
      expect({ who, code: (await appError(loadCommissionDashboard(actor, s.commissionId))).code }).toEqual({
        who,
        code,
      });
    }
    await expect(loadCommissionDashboard(a(s.siteAdmin), s.commissionId)).resolves.toMatchObject({
      commission: { id: s.commissionId },
    });
    expect((await appError(loadCommissionDashboard(a(s.orgAdmin), "not-a-uuid"))).code).toBe("NOT_FOUND");
    expect((await appError(loadCommissionDashboard(a(s.orgAdmin), "00000000-0000-4000-8000-000000000000"))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("exports a CSV with a row per group per week, cells escaped and formula-like text defused", async () => {
    const d = await loadCommissionDashboard(a(s.orgAdmin), s.commissionId);
    const csv = dashboardCsv(d);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines.at(-1)).toBe("");
    expect(lines[0]).toBe(DASHBOARD_CSV_HEADER.join(","));
    expect(lines).toHaveLength(1 + d.postings.length * d.activity.length + 1);
    const tricky = lines.find((l) => l.includes("HYPERLINK"))!;
    expect(tricky).toContain(`,"'=HYPERLINK(""http://x""), the ""Quoted"" group",`);
    expect(tricky.endsWith(",5,4,10")).toBe(true);
    expect(lines.find((l) => l.includes("Welfare advisers"))).toMatch(
      /,Declined by the group,\d{4}-\d\d-\d\d,,,0,0,0,0,1,0,0,0,/,
    );
    expect(dashboardCsvFilename(d)).toMatch(/^commission-making-benefit-sanctions-fairer-\d{4}-\d\d-\d\d\.csv$/);
  });

  it("renders for a commission with no activity yet", async () => {
    const admin = await makeUser();
    const owner = await makeUser();
    const group = await makeGroup(owner);
    const organisation = await makeOrganisation([admin]);
    const { commissionId } = await makeCommission(admin, organisation, [group], {
      contributionsOpenAt: days(3),
      draftingFrom: days(10),
      deadlineAt: days(40),
    });
    const d = await loadCommissionDashboard(a(admin), commissionId);
    expect(d.commission.phase).toBe("NOT_OPEN");
    expect(d.activity).toEqual([expect.objectContaining({ posts: 0, proposals: 0, votes: 0 })]);
    const html = renderToStaticMarkup(createElement(DashboardView, { dashboard: d }));
    expect(html).toContain("No comments, proposals or votes in the 1 week from");
    expect(html).toContain('role="img"');
    expect(html).toContain("Waiting for the group to decide");
    expect(html).toContain(`/commissions/${commissionId}/dashboard/csv`);
  });
});
