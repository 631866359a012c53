import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { closeProposal, closeProposalIfDue } from "@/composition/decisions";
import { createPaper } from "@/features/papers/paper-mutations";
import { castVote } from "@/features/proposals/cast-vote";
import { VoteList } from "@/features/proposals/components/vote-list";
import { createProposal, editProposal } from "@/features/proposals/mutations";
import { getProposalEditForm, getProposeForm, ZProposeQuery } from "@/features/proposals/queries/proposal-form";
import { getProposalPage } from "@/features/proposals/queries/proposal-page";
import { listProposalVotes, VOTES_PAGE_SIZE, type VotesList } from "@/features/proposals/queries/votes-list";
import { ZProposal } from "@/features/proposals/schemas";
import { db } from "@/server/db";
import { appError } from "./helpers/app-error";
import { actorOf, addMember, makeGroup, makeUser, type TestGroup, type TestUser } from "./helpers/factories";
import { resetDatabase } from "./helpers/reset-db";

beforeAll(resetDatabase);

/** The vote list as a reader gets it, as text. */
const voteListText = (list: VotesList) =>
  renderToStaticMarkup(createElement(VoteList, { list, basePath: "/proposals/x" })).replace(/<[^>]+>/g, "");

const BODY = "Pay benefits weekly. Claimants wait too long.\n\nAppeals take months.";

/** A group with a paper of one section, its owner, and `voters` further members. */
async function setUp(options: { joinPolicy?: "OPEN" | "APPROVAL"; voters?: number } = {}) {
  const owner = await makeUser({ perspective: "PRACTITIONER" });
  const group = await makeGroup(owner, { joinPolicy: options.joinPolicy });
  const voters: TestUser[] = [];
  for (let i = 0; i < (options.voters ?? 3); i++) {
    const v = await makeUser({ perspective: i % 2 === 0 ? "SERVICE_USER" : "BOTH" });
    await addMember(group, v);
    voters.push(v);
  }
  const { paperId } = await createPaper(actorOf(owner), {
    groupId: group.id,
    title: "Faster benefit payments",
    question: "How should claimants be paid while they wait?",
    summary: "Pay sooner.",
    sections: [{ heading: "Payments", body: BODY }],
  });
  const section = await db.section.findFirstOrThrow({ where: { paperId }, select: { id: true, anchor: true } });
  const paper = await db.paper.findUniqueOrThrow({ where: { id: paperId }, select: { slug: true } });
  return { owner, group, voters, paperId, paperSlug: paper.slug, section };
}

function amend(author: TestUser, paperId: string, sectionId: string, body: string) {
  return createProposal(actorOf(author), {
    kind: "AMEND_SECTION",
    paperId,
    sectionId,
    baseRevision: 1,
    heading: "Payments",
    body,
    rationale: "Weekly is not enough.",
  });
}

describe("proposal page queries", () => {
  it("acknowledge nothing to an outsider of a members-only group", async () => {
    const { owner, group, paperId, paperSlug, section } = await setUp({ joinPolicy: "APPROVAL", voters: 0 });
    const proposal = await amend(owner, paperId, section.id, BODY.replace("weekly", "daily"));
    const outsider = actorOf(await makeUser());
    for (const call of [
      () => getProposalPage(outsider, proposal.id),
      () => getProposalPage(null, proposal.id),
      () => listProposalVotes(outsider, proposal.id, { page: 1 }),
      () => getProposalEditForm(outsider, proposal.id),
      () => getProposeForm(outsider, (group as TestGroup).slug, paperSlug, ZProposeQuery.parse({ kind: "RETITLE" })),
    ]) {
      expect((await appError(call())).code).toBe("NOT_FOUND");
    }
    // The owner sees it all.
    const page = await getProposalPage(actorOf(owner), proposal.id);
    expect(page.proposal.number).toBe(1);
    expect(page.viewer).toMatchObject({ isAuthor: true, canChange: true, votingOpen: true, voteRefusal: null });
  });

  it("list only the votes on the current version, and tell a voter when theirs is on an earlier one", async () => {
    const { owner, voters, paperId, section } = await setUp({ voters: 3 });
    const proposal = await amend(owner, paperId, section.id, BODY.replace("weekly", "fortnightly"));
    await castVote(actorOf(voters[0]), { proposalId: proposal.id, version: 1, choice: "SUPPORT", reason: "Yes." });
    await castVote(actorOf(voters[1]), { proposalId: proposal.id, version: 1, choice: "OPPOSE", reason: "No." });

    const before = await getProposalPage(actorOf(voters[0]), proposal.id);
    expect(before.viewer.myVote).toMatchObject({ choice: "SUPPORT", current: true });
    const first = await listProposalVotes(null, proposal.id, { page: 1 });
    expect(first.votes).toHaveLength(2);
    // Nothing to say about earlier versions when there are none.
    expect(first.earlier).toBe(0);
    expect(voteListText(first)).not.toMatch(/earlier version/);

    await editProposal(actorOf(owner), {
      kind: "AMEND_SECTION",
      proposalId: proposal.id,
      paperId,
      sectionId: section.id,
      baseRevision: 1,
      heading: "Payments",
      body: BODY.replace("weekly", "every ten days"),
      rationale: "Weekly is not enough.",
    });
    await castVote(actorOf(voters[2]), { proposalId: proposal.id, version: 2, choice: "ABSTAIN", reason: "" });

    const list = await listProposalVotes(actorOf(voters[0]), proposal.id, { page: 1 });
    expect(list).toMatchObject({ version: 2, total: 1, page: 1, pageCount: 1 });
    expect(list.votes.map((v) => v.voter?.handle)).toEqual([voters[2].handle]);
    expect(list.votes[0]).toMatchObject({ choice: "ABSTAIN", perspective: "SERVICE_USER" });
    expect(list.earlier).toBe(2);
    expect(voteListText(list)).toContain("2 votes on earlier versions no longer count and are not shown.");

    const stale = await getProposalPage(actorOf(voters[0]), proposal.id);
    expect(stale.viewer.myVote).toMatchObject({ choice: "SUPPORT", current: false });
    expect(stale.proposal.version).toBe(2);
    expect(stale.voteCount).toBe(1);
    const fresh = await getProposalPage(actorOf(voters[2]), proposal.id);
    expect(fresh.viewer.myVote).toMatchObject({ choice: "ABSTAIN", current: true });

    // A vote renewed on the current version leaves one behind.
    await castVote(actorOf(voters[1]), { proposalId: proposal.id, version: 2, choice: "OPPOSE", reason: "Still no." });
    const renewed = await listProposalVotes(null, proposal.id, { page: 1 });
    expect(renewed).toMatchObject({ total: 2, earlier: 1 });
    expect(voteListText(renewed)).toContain("1 vote on an earlier version no longer counts and is not shown.");
  });

  it("page the votes 50 at a time and clamp a page past the end", async () => {
    const { owner, group, paperId, section } = await setUp({ voters: 0 });
    const proposal = await amend(owner, paperId, section.id, BODY.replace("weekly", "daily"));
    const users = await Promise.all(Array.from({ length: VOTES_PAGE_SIZE + 2 }, () => makeUser()));
    for (const u of users) await addMember(group, u);
    for (const u of users)
      await castVote(actorOf(u), { proposalId: proposal.id, version: 1, choice: "SUPPORT", reason: "" });
    const first = await listProposalVotes(null, proposal.id, { page: 1 });
    expect(first).toMatchObject({ total: VOTES_PAGE_SIZE + 2, pageCount: 2 });
    expect(first.votes).toHaveLength(VOTES_PAGE_SIZE);
    const last = await listProposalVotes(null, proposal.id, { page: 99 });
    expect(last.page).toBe(2);
    expect(last.votes).toHaveLength(2);
    const seen = new Set([...first.votes, ...last.votes].map((v) => v.id));
    expect(seen.size).toBe(VOTES_PAGE_SIZE + 2);
  });

  it("are pure reads; the page's explicit call closes a due proposal, exactly once however many views race", async () => {
    const { owner, voters, paperId, section } = await setUp({ voters: 3 });
    const proposal = await amend(owner, paperId, section.id, BODY.replace("months", "weeks"));
    for (const v of voters)
      await castVote(actorOf(v), { proposalId: proposal.id, version: 1, choice: "SUPPORT", reason: "" });
    await db.proposal.update({ where: { id: proposal.id }, data: { closesAt: new Date(Date.now() - 1000) } });

    // Reading changes nothing: the proposal waits for the job or the page's explicit call.
    expect((await getProposalPage(null, proposal.id)).proposal.status).toBe("OPEN");
    expect(await db.revision.count({ where: { paperId } })).toBe(1);

    const view = async (viewer: ReturnType<typeof actorOf> | null) => {
      await closeProposalIfDue(viewer, proposal.id);
      return getProposalPage(viewer, proposal.id);
    };
    const views = await Promise.all(Array.from({ length: 5 }, (_, i) => view(i % 2 ? null : actorOf(voters[0]))));
    for (const view of views) {
      expect(view.proposal.status).toBe("MERGED");
      expect(view.proposal.mergedRevision).toBe(2);
      expect(view.viewer.votingOpen).toBe(false);
    }
    expect(await db.revision.count({ where: { paperId } })).toBe(2);
    expect((await db.paper.findUniqueOrThrow({ where: { id: paperId } })).revisionNumber).toBe(2);
    expect((await db.section.findUniqueOrThrow({ where: { id: section.id } })).body).toBe(
      BODY.replace("months", "weeks"),
    );
    // The proposer heard once; a later close finds nothing to do.
    expect(await db.notification.count({ where: { userId: owner.id, kind: "PROPOSAL_CLOSED" } })).toBe(1);
    expect(await closeProposal(proposal.id)).toBe("NOT_DUE");
    const again = await getProposalPage(actorOf(owner), proposal.id);
    expect(again.proposal.status).toBe("MERGED");
    expect(await db.revision.count({ where: { paperId } })).toBe(2);
  });

  it("leave a proposal alone while its period runs, and report the drift of its section", async () => {
    const { owner, voters, paperId, section } = await setUp({ voters: 3 });
    const first = await amend(owner, paperId, section.id, BODY.replace("Appeals take months.", "Appeals take weeks."));
    const second = await amend(voters[0], paperId, section.id, BODY.replace("weekly", "fortnightly"));
    for (const v of voters)
      await castVote(actorOf(v), { proposalId: first.id, version: 1, choice: "SUPPORT", reason: "" });
    await db.proposal.update({ where: { id: first.id }, data: { closesAt: new Date(Date.now() - 1000) } });
    await closeProposalIfDue(null, first.id);

    const page = await getProposalPage(actorOf(voters[1]), second.id);
    expect(page.proposal.status).toBe("OPEN");
    expect(page.proposal.base.text).toBe(BODY);
    expect(page.section).toMatchObject({
      removed: false,
      body: BODY.replace("Appeals take months.", "Appeals take weeks."),
    });
    expect(page.viewer).toMatchObject({
      isAuthor: false,
      canChange: false,
      votingOpen: true,
      voteRefusal: null,
      myVote: null,
    });
  });
});

describe("proposal form queries", () => {
  it("prefill the propose form and explain a section that is gone", async () => {
    const { owner, group, paperSlug, section, paperId } = await setUp({ voters: 0 });
    const form = await getProposeForm(
      actorOf(owner),
      group.slug,
      paperSlug,
      ZProposeQuery.parse({ kind: "AMEND_SECTION", section: section.anchor }),
    );
    expect(form).toMatchObject({
      blocked: null,
      sectionProblem: null,
      kind: "AMEND_SECTION",
      section: { id: section.id, body: BODY },
    });
    expect(form.paper.revisionNumber).toBe(1);
    expect(form.positions.map((p) => p.value)).toEqual(["1", "2"]);

    await db.section.update({ where: { id: section.id }, data: { removedAt: new Date() } });
    const gone = await getProposeForm(
      actorOf(owner),
      group.slug,
      paperSlug,
      ZProposeQuery.parse({ kind: "REMOVE_SECTION", section: section.anchor }),
    );
    expect(gone.section).toBeNull();
    expect(gone.sectionProblem).toMatch(/was removed from the paper/);
    const unknown = await getProposeForm(
      actorOf(owner),
      group.slug,
      paperSlug,
      ZProposeQuery.parse({ kind: "AMEND_SECTION", section: "nope" }),
    );
    expect(unknown.sectionProblem).toMatch(/no such section/);
    expect(paperId).toBeTruthy();
  });

  it("give a non-member of an open group the data layer's refusal, not the form", async () => {
    const { group, paperSlug } = await setUp({ voters: 0 });
    const stranger = actorOf(await makeUser());
    const form = await getProposeForm(stranger, group.slug, paperSlug, ZProposeQuery.parse({ kind: "RETITLE" }));
    expect(form.blocked).toBe("Join the group to propose changes.");
  });

  it("rebase a needs-update amendment's edit form onto the current text", async () => {
    const { owner, voters, paperId, section } = await setUp({ voters: 3 });
    const winner = await amend(owner, paperId, section.id, BODY.replace("weekly", "fortnightly"));
    const loser = await amend(voters[0], paperId, section.id, BODY.replace("weekly", "daily"));
    for (const p of [winner, loser])
      for (const v of voters)
        await castVote(actorOf(v), { proposalId: p.id, version: 1, choice: "SUPPORT", reason: "" });
    await db.proposal.updateMany({ where: { paperId }, data: { closesAt: new Date(Date.now() - 1000) } });
    expect(await closeProposal(winner.id)).toBe("MERGED");
    expect(await closeProposal(loser.id)).toBe("NEEDS_UPDATE");

    expect((await getProposalEditForm(actorOf(voters[1]), loser.id)).blocked).toMatch(
      /Only the person who made this proposal/,
    );
    const form = await getProposalEditForm(actorOf(voters[0]), loser.id);
    expect(form.blocked).toBeNull();
    expect(form.paper.revisionNumber).toBe(2);
    expect(form.body).toMatchObject({ state: "conflict", value: BODY.replace("weekly", "daily") });
    expect(form.body?.current).toBe(BODY.replace("weekly", "fortnightly"));
    expect(form.proposal.voteCount).toBe(3);
  });

  it("prefill an open amendment's edit form with the change merged into a section that moved on", async () => {
    const { owner, voters, paperId, section } = await setUp({ voters: 3 });
    const merged = await amend(owner, paperId, section.id, BODY.replace("Appeals take months.", "Appeals take weeks."));
    const open = await amend(voters[0], paperId, section.id, BODY.replace("weekly", "fortnightly"));
    for (const v of voters)
      await castVote(actorOf(v), { proposalId: merged.id, version: 1, choice: "SUPPORT", reason: "" });
    await db.proposal.update({ where: { id: merged.id }, data: { closesAt: new Date(Date.now() - 1000) } });
    expect(await closeProposal(merged.id)).toBe("MERGED");

    const form = await getProposalEditForm(actorOf(voters[0]), open.id);
    expect(form.blocked).toBeNull();
    expect(form.body).toMatchObject({
      state: "merged",
      value: "Pay benefits fortnightly. Claimants wait too long.\n\nAppeals take weeks.",
    });
    expect(form.heading).toMatchObject({ state: "unchanged", value: "Payments" });
    expect(form.paper.revisionNumber).toBe(2);
  });

  it("store a textarea's CRLF line breaks as LF, so the diff shows only real changes", async () => {
    const { owner, paperId, section } = await setUp({ voters: 0 });
    const input = ZProposal.parse({
      kind: "AMEND_SECTION",
      paperId,
      sectionId: section.id,
      baseRevision: "1",
      heading: "Payments",
      body: BODY.replace("weekly", "daily").replace(/\n/g, "\r\n"),
      rationale: "Daily is what people need.",
    });
    const { id } = await createProposal(actorOf(owner), input);
    const page = await getProposalPage(actorOf(owner), id);
    expect(page.proposal.proposed.text).toBe(BODY.replace("weekly", "daily"));
  });
});
