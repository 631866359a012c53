import { beforeAll, describe, expect, it } from "vitest";
import { closeProposal } from "@/composition/decisions";
import { declineCommission, proposeAcceptance } from "@/features/commissions/acceptance";
import { postCommission, updateCommission } from "@/features/commissions/mutations";
import { commissionForEditing } from "@/features/commissions/queries/commission-form";
import { ZCreateCommission } from "@/features/commissions/schemas";
import { hidePost } from "@/features/moderation/post-mutations";
import { lockThread } from "@/features/moderation/thread-mutations";
import { makeEditorialFix, updateDecisionRules } from "@/features/papers/paper-mutations";
import { castVote } from "@/features/proposals/cast-vote";
import { createProposal } from "@/features/proposals/mutations";
import { parseCommissionCredit } from "@/features/publishing/commission-credit";
import { paperPath } from "@/lib/paths";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { appError } from "./helpers/app-error";
import {
  acceptCommissionedPaper,
  BRIEF,
  makeCommission,
  makeOrganisation,
  type TestOrganisation,
} from "./helpers/commission-factories";
import { makeThread } from "./helpers/discussion-factories";
import { actorOf, addMember, days, makeGroup, makeUser, type TestGroup, type TestUser } from "./helpers/factories";
import { endVoting, voteAll } from "./helpers/paper-factories";
import { raceBehindTableLock } from "./helpers/race";
import { resetDatabase } from "./helpers/reset-db";

beforeAll(resetDatabase);

type World = {
  group: TestGroup;
  owner: TestUser;
  moderator: TestUser;
  members: TestUser[];
  /** An admin of the commissioning organisation who is not in the group. */
  orgAdmin: TestUser;
  /** An admin of the commissioning organisation who is also an ordinary member of the group. */
  orgAdminMember: TestUser;
  otherOrgAdmin: TestUser;
  siteAdmin: TestUser;
  stranger: TestUser;
  suspendedOrgAdmin: TestUser;
  organisation: TestOrganisation;
};

async function makeWorld(): Promise<World> {
  const owner = await makeUser();
  const group = await makeGroup(owner);
  const moderator = await makeUser();
  await addMember(group, moderator, "MODERATOR");
  const members = [];
  for (const perspective of ["PRACTITIONER", "SERVICE_USER", "BOTH"] as const) {
    const m = await makeUser({ perspective });
    await addMember(group, m);
    members.push(m);
  }
  const [orgAdmin, orgAdminMember, otherOrgAdmin, stranger] = [
    await makeUser(),
    await makeUser(),
    await makeUser(),
    await makeUser(),
  ];
  const siteAdmin = await makeUser({ siteRole: "ADMIN" });
  const suspendedOrgAdmin = await makeUser({ suspendedUntil: days(3) });
  await addMember(group, orgAdminMember);
  const organisation = await makeOrganisation([orgAdmin, orgAdminMember, suspendedOrgAdmin], {
    name: "Shelter Test Charity",
  });
  await makeOrganisation([otherOrgAdmin]);
  return {
    group,
    owner,
    moderator,
    members,
    orgAdmin,
    orgAdminMember,
    otherOrgAdmin,
    siteAdmin,
    stranger,
    suspendedOrgAdmin,
    organisation,
  };
}

const a = actorOf;
const paperOf = async (commissionId: string, groupId: string) =>
  db.paper.findFirstOrThrow({
    where: { commissionId, groupId },
    select: {
      id: true,
      slug: true,
      status: true,
      title: true,
      createdById: true,
      sections: { select: { heading: true, body: true }, orderBy: { position: "asc" } },
    },
  });

describe("creating a commission", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld();
  });

  it("an organisation admin posts a brief to a group: a paper awaits the group's decision, and its stewards hear of it", async () => {
    const second = await makeGroup(w.owner);
    const { commissionId, papers } = await makeCommission(w.orgAdmin, w.organisation, [w.group, second]);
    expect(papers).toHaveLength(2);
    const paper = await paperOf(commissionId, w.group.id);
    expect(paper).toMatchObject({ status: "AWAITING_ACCEPTANCE", title: BRIEF.title, createdById: w.orgAdmin.id });
    expect(paper.sections.map((s) => s.heading)).toEqual(["Background", "Scope", "What a good answer would include"]);
    expect(paper.sections[0].body).toBe(BRIEF.background);
    const posting = await db.commissionPosting.findUniqueOrThrow({ where: { paperId: paper.id } });
    expect(posting.status).toBe("PROPOSED");
    const told = await db.notification.findMany({
      where: { kind: "COMMISSION_POSTED", url: paperPath(w.group.slug, paper.slug) },
      select: { userId: true },
    });
    expect(told.map((n) => n.userId).sort()).toEqual([w.owner.id, w.moderator.id].sort());
    expect(await db.revision.count({ where: { paperId: paper.id } })).toBe(1);
  });

  it("no one else may commission for the organisation, and a refusal stores nothing", async () => {
    const before = await db.commission.count();
    const cases: [Actor, string][] = [
      [null, "UNAUTHENTICATED"],
      [a(w.stranger), "FORBIDDEN"],
      [a(w.otherOrgAdmin), "FORBIDDEN"],
      [a(w.siteAdmin), "FORBIDDEN"],
      [a(w.suspendedOrgAdmin), "FORBIDDEN"],
      [a(w.owner), "FORBIDDEN"],
    ];
    for (const [actor, code] of cases) {
      expect((await appError(makeCommission(actor, w.organisation, [w.group]))).code).toBe(code);
    }
    expect(await db.commission.count()).toBe(before);
  });

  it("rejects a timeline that runs backwards, a past deadline and unknown or hidden groups, storing nothing", async () => {
    const before = await Promise.all([db.commission.count(), db.paper.count()]);
    const form = {
      organisationId: w.organisation.id,
      ...BRIEF,
      contributionsOpenAt: "2030-03-10",
      draftingFrom: "2030-03-01",
      deadlineAt: "2030-02-01",
      "groups.x": "on",
    };
    const parsed = ZCreateCommission.safeParse(form);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join("."))).toEqual(
      expect.arrayContaining(["draftingFrom", "deadlineAt"]),
    );
    expect(
      ZCreateCommission.safeParse({ ...form, contributionsOpenAt: "2030-02-30" }).error!.issues[0].message,
    ).toMatch(/date like/);
    const none = ZCreateCommission.safeParse({
      organisationId: w.organisation.id,
      ...BRIEF,
      contributionsOpenAt: "2030-01-01",
      draftingFrom: "2030-01-02",
      deadlineAt: "2030-01-03",
    });
    expect(none.error!.issues[0]).toMatchObject({
      path: ["groupSlugs"],
      message: "Choose at least one group to post the commission to.",
    });

    const past = await appError(
      makeCommission(w.orgAdmin, w.organisation, [w.group], {
        deadlineAt: days(-1),
        draftingFrom: days(-2),
        contributionsOpenAt: days(-3),
      }),
    );
    expect(past.fieldErrors).toEqual({ deadlineAt: "The publication deadline must be in the future." });
    const hidden = await makeGroup(w.owner, { joinPolicy: "APPROVAL" });
    const unknown = await appError(
      makeCommission(w.orgAdmin, w.organisation, [w.group, hidden, { slug: "no-such-group" }]),
    );
    expect(unknown.code).toBe("VALIDATION");
    expect(unknown.fieldErrors!.groupSlugs).toBe(`Unknown group: ${hidden.slug}, no-such-group.`);
    expect(await Promise.all([db.commission.count(), db.paper.count()])).toEqual(before);
  });

  it("posts to more groups later, never twice to one group", async () => {
    const { commissionId } = await makeCommission(w.orgAdmin, w.organisation, [w.group]);
    const more = await makeGroup(w.owner);
    expect((await appError(postCommission(a(w.otherOrgAdmin), { commissionId, groupSlugs: [more.slug] }))).code).toBe(
      "FORBIDDEN",
    );
    await postCommission(a(w.orgAdminMember), { commissionId, groupSlugs: [more.slug] });
    const again = await appError(postCommission(a(w.orgAdmin), { commissionId, groupSlugs: [more.slug] }));
    expect(again.code).toBe("CONFLICT");
    // Two admins posting to the same new group at once: exactly one posting.
    const third = await makeGroup(w.owner);
    const results = await Promise.allSettled([
      postCommission(a(w.orgAdmin), { commissionId, groupSlugs: [third.slug] }),
      postCommission(a(w.orgAdminMember), { commissionId, groupSlugs: [third.slug] }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.commissionPosting.count({ where: { commissionId } })).toBe(3);
  });

  it("admins revise the brief and timeline; others may not; a deadline cannot move into the past", async () => {
    const { commissionId } = await makeCommission(w.orgAdmin, w.organisation, [w.group]);
    const input = {
      commissionId,
      ...BRIEF,
      disclosure: "We also pay for interpreters.",
      contributionsOpenAt: days(-1),
      draftingFrom: days(3),
      deadlineAt: days(60),
    };
    for (const actor of [null, a(w.stranger), a(w.otherOrgAdmin), a(w.siteAdmin), a(w.owner)]) {
      expect(["UNAUTHENTICATED", "FORBIDDEN"]).toContain((await appError(updateCommission(actor, input))).code);
    }
    await updateCommission(a(w.orgAdmin), input);
    expect((await db.commission.findUniqueOrThrow({ where: { id: commissionId } })).disclosure).toBe(
      "We also pay for interpreters.",
    );
    expect(
      (
        await appError(
          updateCommission(a(w.orgAdmin), {
            ...input,
            deadlineAt: days(-1),
            draftingFrom: days(-2),
            contributionsOpenAt: days(-3),
          }),
        )
      ).code,
    ).toBe("VALIDATION");
    // The edit form is offered only to those the mutation would allow.
    expect((await commissionForEditing(a(w.orgAdmin), commissionId))?.id).toBe(commissionId);
    for (const who of [w.stranger, w.otherOrgAdmin, w.siteAdmin, w.owner])
      expect(await commissionForEditing(a(who), commissionId)).toBeNull();
    // The posted paper keeps its own text: from posting on it is the group's.
    expect((await paperOf(commissionId, w.group.id)).sections[0].body).toBe(BRIEF.background);
  });
});

describe("the group decides whether to take a commission on", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld();
  });

  it("members vote to accept: the paper opens for drafting and the organisation is told", async () => {
    const { commissionId } = await makeCommission(w.orgAdmin, w.organisation, [w.group]);
    const paper = await paperOf(commissionId, w.group.id);
    // Until the group decides, the paper takes no other proposals.
    const early = await appError(
      createProposal(a(w.members[0]), {
        kind: "RETITLE",
        paperId: paper.id,
        baseRevision: 1,
        title: "Mine now",
        question: BRIEF.question,
        summary: "x",
        rationale: "r",
      }),
    );
    expect(early).toMatchObject({ code: "CONFLICT", message: "The group has not yet decided to take this paper on." });
    // The organisation cannot open the vote from outside the group.
    expect((await appError(proposeAcceptance(a(w.orgAdmin), { paperId: paper.id, rationale: "Please" }))).code).toBe(
      "FORBIDDEN",
    );
    const { outcome, proposalId } = await acceptCommissionedPaper(paper.id, a(w.members[0]), w.members.map(a));
    expect(outcome).toBe("ACCEPTED");
    expect((await paperOf(commissionId, w.group.id)).status).toBe("DRAFTING");
    expect((await db.commissionPosting.findUniqueOrThrow({ where: { paperId: paper.id } })).status).toBe("ACCEPTED");
    expect((await db.proposal.findUniqueOrThrow({ where: { id: proposalId } })).status).toBe("PASSED");
    const told = await db.notification.findMany({
      where: { kind: "COMMISSION_DECIDED", url: { contains: paper.slug } },
      select: { userId: true },
    });
    expect(told.map((n) => n.userId).sort()).toEqual(
      [w.orgAdmin.id, w.orgAdminMember.id, w.suspendedOrgAdmin.id].sort(),
    );
    // Now drafting proposals work, and owners can no longer decline.
    await createProposal(a(w.members[1]), {
      kind: "RETITLE",
      paperId: paper.id,
      baseRevision: 1,
      title: "Fairer sanctions",
      question: BRIEF.question,
      summary: "Sooner.",
      rationale: "Shorter.",
    });
    expect(
      (await appError(declineCommission(a(w.owner), { paperId: paper.id, reason: "Too late to decline now." }))).code,
    ).toBe("CONFLICT");
  });

  it("one acceptance vote at a time; a failed vote leaves the paper waiting for another", async () => {
    const { commissionId } = await makeCommission(w.orgAdmin, w.organisation, [w.group]);
    const paper = await paperOf(commissionId, w.group.id);
    const first = await proposeAcceptance(a(w.members[0]), { paperId: paper.id, rationale: "Yes" });
    // The whole group hears that the vote opened (nobody follows a commissioned paper yet); not the proposer.
    const told = await db.notification.findMany({
      where: { kind: "PROPOSAL_OPENED", url: `/proposals/${first.id}` },
      select: { userId: true },
    });
    expect(told.map((n) => n.userId)).toContain(w.members[1]!.id);
    expect(told.map((n) => n.userId)).not.toContain(w.members[0]!.id);
    expect(
      (await appError(proposeAcceptance(a(w.members[1]), { paperId: paper.id, rationale: "Also yes" }))).code,
    ).toBe("CONFLICT");
    await voteAll(w.members.map(a), first.id, "OPPOSE");
    await endVoting({ proposalIds: [first.id] });
    expect(await closeProposal(first.id)).toBe("REJECTED");
    expect((await paperOf(commissionId, w.group.id)).status).toBe("AWAITING_ACCEPTANCE");
    await proposeAcceptance(a(w.members[1]), { paperId: paper.id, rationale: "Let us try again." });
  });

  it("owners and site admins decline, with a reason in the public log; no one else may", async () => {
    const { commissionId } = await makeCommission(w.orgAdmin, w.organisation, [w.group]);
    const paper = await paperOf(commissionId, w.group.id);
    const vote = await proposeAcceptance(a(w.members[0]), { paperId: paper.id, rationale: "Yes" });
    await voteAll([a(w.members[1])], vote.id, "SUPPORT");
    const input = { paperId: paper.id, reason: "This is outside what our group works on." };
    for (const who of [w.members[0], w.moderator, w.orgAdmin, w.orgAdminMember, w.stranger]) {
      expect((await appError(declineCommission(a(who), input))).code).toBe("FORBIDDEN");
    }
    expect((await appError(declineCommission(null, input))).code).toBe("UNAUTHENTICATED");
    await declineCommission(a(w.owner), input);
    expect((await paperOf(commissionId, w.group.id)).status).toBe("DECLINED");
    expect((await db.commissionPosting.findUniqueOrThrow({ where: { paperId: paper.id } })).status).toBe("DECLINED");
    expect((await db.proposal.findUniqueOrThrow({ where: { id: vote.id } })).status).toBe("WITHDRAWN");
    const log = await db.moderationAction.findFirstOrThrow({
      where: { kind: "DECLINE_COMMISSION", groupId: w.group.id },
    });
    expect(log).toMatchObject({ actorId: w.owner.id, reason: input.reason });
    expect(
      await db.notification.count({
        where: { kind: "PROPOSAL_CLOSED", userId: w.members[1].id, url: `/proposals/${vote.id}` },
      }),
    ).toBe(1);
    expect(
      (await appError(castVote(a(w.members[2]), { proposalId: vote.id, version: 1, choice: "SUPPORT", reason: "" })))
        .code,
    ).toBe("CONFLICT");
    // Declined is final for this posting: no new acceptance vote, no second decline.
    expect((await appError(proposeAcceptance(a(w.members[0]), { paperId: paper.id, rationale: "Again?" }))).code).toBe(
      "CONFLICT",
    );
    expect((await appError(declineCommission(a(w.siteAdmin), input))).code).toBe("CONFLICT");

    const other = await makeCommission(w.orgAdmin, w.organisation, [w.group]);
    await declineCommission(a(w.siteAdmin), {
      paperId: (await paperOf(other.commissionId, w.group.id)).id,
      reason: "Duplicate of an existing paper here.",
    });
  });

  it("a decline racing the close of a passing vote: exactly one decision wins", async () => {
    // A second organisation of the same admin: the first has used its day's commissions.
    const organisation = await makeOrganisation([w.orgAdmin]);
    for (let round = 0; round < 3; round++) {
      const { commissionId } = await makeCommission(w.orgAdmin, organisation, [w.group]);
      const paper = await paperOf(commissionId, w.group.id);
      const vote = await proposeAcceptance(a(w.members[0]), { paperId: paper.id, rationale: "Yes" });
      await voteAll(w.members.map(a), vote.id, "SUPPORT");
      await endVoting({ proposalIds: [vote.id] });
      // Both lock the acceptance vote's Proposal row first: the barrier holds them at Proposal together.
      const { results, overlapped } = await raceBehindTableLock<unknown>(
        "Proposal",
        [
          () => closeProposal(vote.id),
          () => declineCommission(a(w.owner), { paperId: paper.id, reason: "We cannot take this on." }),
        ],
        2,
      );
      expect(overlapped).toBe(2);
      const [closed, declined] = results;
      if (declined!.status === "rejected") expect(declined!.reason).toMatchObject({ code: "CONFLICT" });
      if (closed!.status === "rejected") throw closed!.reason;
      const status = (await paperOf(commissionId, w.group.id)).status;
      const posting = (await db.commissionPosting.findUniqueOrThrow({ where: { paperId: paper.id } })).status;
      if (declined!.status === "fulfilled") {
        expect([status, posting]).toEqual(["DECLINED", "DECLINED"]);
        expect(closed!.status === "fulfilled" && closed!.value).toBe("NOT_DUE");
      } else {
        expect([status, posting]).toEqual(["DRAFTING", "ACCEPTED"]);
        expect(closed!.status === "fulfilled" && closed!.value).toBe("ACCEPTED");
      }
    }
  });
});

describe("independence: the organisation has no power over votes, moderation or publication", () => {
  let w: World;
  let paperId: string;
  beforeAll(async () => {
    w = await makeWorld();
    const { commissionId } = await makeCommission(w.orgAdmin, w.organisation, [w.group]);
    paperId = (await paperOf(commissionId, w.group.id)).id;
    await acceptCommissionedPaper(paperId, a(w.members[0]), w.members.map(a));
  });

  it("an org admin who is a member proposes and votes like any member, and only with their own vote", async () => {
    const sections = await db.section.findMany({ where: { paperId }, orderBy: { position: "asc" } });
    // Against the paper's current revision, read rather than guessed: any refusal fails the test.
    const { revisionNumber } = await db.paper.findUniqueOrThrow({
      where: { id: paperId },
      select: { revisionNumber: true },
    });
    const p = await createProposal(a(w.orgAdminMember), {
      kind: "AMEND_SECTION",
      paperId,
      sectionId: sections[1].id,
      baseRevision: revisionNumber,
      heading: "Scope",
      body: "England and Wales.",
      rationale: "Wider.",
    });
    await castVote(a(w.members[0]), { proposalId: p.id, version: 1, choice: "OPPOSE", reason: "" });
    await castVote(a(w.orgAdminMember), { proposalId: p.id, version: 1, choice: "SUPPORT", reason: "" });
    const votes = await db.vote.findMany({ where: { proposalId: p.id }, select: { userId: true, choice: true } });
    expect(votes).toHaveLength(2);
    expect(votes.find((v) => v.userId === w.members[0].id)!.choice).toBe("OPPOSE");
  });

  it("an org admin outside the group cannot vote, moderate, fix, set rules or publish", async () => {
    const open = await createProposal(a(w.members[1]), {
      kind: "PUBLISH",
      paperId,
      baseRevision: (await db.paper.findUniqueOrThrow({ where: { id: paperId } })).revisionNumber,
      rationale: "Ready.",
      publicationNote: "",
    });
    const thread = await makeThread(w.group, w.members[2], { posts: 2 });
    const attempts: (() => Promise<unknown>)[] = [
      () => castVote(a(w.orgAdmin), { proposalId: open.id, version: 1, choice: "SUPPORT", reason: "" }),
      () =>
        createProposal(a(w.orgAdmin), {
          kind: "PUBLISH",
          paperId,
          baseRevision: 1,
          rationale: "Publish it.",
          publicationNote: "",
        }),
      () => hidePost(a(w.orgAdmin), { postId: thread.posts[1].id, reason: "We disagree with this." }),
      () => lockThread(a(w.orgAdmin), { threadId: thread.id }),
      () =>
        updateDecisionRules(a(w.orgAdmin), {
          paperId,
          votingPeriodHours: 1,
          quorum: 1,
          thresholdPercent: 50,
          publishThresholdPercent: 50,
          requireBothPerspectives: false,
        }),
      () => declineCommission(a(w.orgAdmin), { paperId, reason: "We changed our mind about this." }),
    ];
    for (const attempt of attempts) expect((await appError(attempt())).code).toBe("FORBIDDEN");
    // The org admin who is a plain member gets no moderator powers from the organisation either.
    expect(
      (await appError(hidePost(a(w.orgAdminMember), { postId: thread.posts[1].id, reason: "We disagree with this." })))
        .code,
    ).toBe("FORBIDDEN");
    const sections = await db.section.findMany({ where: { paperId }, orderBy: { position: "asc" } });
    expect(
      (
        await appError(
          makeEditorialFix(a(w.orgAdminMember), {
            paperId,
            sectionId: sections[0].id,
            baseRevision: 1,
            heading: "Background",
            body: "Changed",
            reason: "typo",
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(await db.vote.count({ where: { proposalId: open.id } })).toBe(0);
  });

  it("a published version carries the credit, the disclosure and the independence statement as they stood", async () => {
    const revision = (await db.paper.findUniqueOrThrow({ where: { id: paperId } })).revisionNumber;
    await db.proposal.updateMany({
      where: { paperId, status: "OPEN" },
      data: { status: "WITHDRAWN", closedAt: new Date() },
    });
    const p = await createProposal(a(w.members[0]), {
      kind: "PUBLISH",
      paperId,
      baseRevision: revision,
      rationale: "Ready.",
      publicationNote: "",
    });
    await voteAll([...w.members, w.moderator, w.owner].map(a), p.id, "SUPPORT");
    await endVoting({ proposalIds: [p.id] });
    expect(await closeProposal(p.id)).toBe("PUBLISHED");
    const publication = await db.publication.findFirstOrThrow({ where: { paperId } });
    const credit = parseCommissionCredit(publication.commissionCredit)!;
    expect(credit.organisation.name).toBe("Shelter Test Charity");
    expect(credit.disclosure).toBe(BRIEF.disclosure);
    expect(credit.independence).toMatch(/had no say over votes, moderation or publication/);
  });
});
