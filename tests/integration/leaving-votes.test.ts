// What happens to the votes of someone whose membership ends while a proposal is open: they are
// withdrawn, and the tally and the decision follow (see withdrawOpenVotes in
// src/features/proposals/withdraw-votes.ts for why). Votes on decided proposals, or on ones whose voting
// period has ended, stand.
import { beforeEach, describe, expect, it } from "vitest";
import { closeProposal } from "@/composition/decisions";
import { leaveGroup, removeMember } from "@/composition/memberships";
import { joinGroup } from "@/features/groups/join-group";
import { castVote } from "@/features/proposals/cast-vote";
import { createProposal } from "@/features/proposals/mutations";
import { db } from "@/server/db";
import { appError } from "./helpers/app-error";
import { actorOf, addMember, makeGroup, makeUser, type TestUser } from "./helpers/factories";
import { amend, endVoting, expectTallyMatchesVotes, makePaper } from "./helpers/paper-factories";
import { raceBehindTableLock } from "./helpers/race";
import { resetDatabase } from "./helpers/reset-db";

beforeEach(resetDatabase);

/**
 * A group deciding with the default rules (quorum 3, 60 % of those who take a side): Ann (a
 * service user) and Bea support, Cal opposes, so the proposal passes 2 to 1, unless someone's
 * vote stops counting.
 */
async function world() {
  const owner = await makeUser({ perspective: "PRACTITIONER" });
  const ann = await makeUser({ perspective: "SERVICE_USER" });
  const bea = await makeUser({ perspective: "PRACTITIONER" });
  const cal = await makeUser({ perspective: "PRACTITIONER" });
  const group = await makeGroup(owner);
  for (const member of [ann, bea, cal]) await addMember(group, member);
  const paper = await makePaper(group, owner);
  const propose = async (section: number, text: string) =>
    (await createProposal(actorOf(owner), amend(paper, paper.sections[section]!, text))).id;
  const vote = async (proposalId: string, votes: [TestUser, "SUPPORT" | "OPPOSE" | "ABSTAIN"][]) => {
    for (const [who, choice] of votes) await castVote(actorOf(who), { proposalId, version: 1, choice, reason: "" });
  };
  return { owner, ann, bea, cal, group, paper, propose, vote };
}

const annsVotes = (ann: TestUser) => db.vote.count({ where: { userId: ann.id } });

describe("a member who leaves while a proposal is open", () => {
  it("no longer counts: the tally drops their vote and the closing decides without it", async () => {
    const w = await world();
    const open = await w.propose(0, "Pay benefits weekly, from the first week.");
    await w.vote(open, [
      [w.ann, "SUPPORT"],
      [w.bea, "SUPPORT"],
      [w.cal, "OPPOSE"],
    ]);
    expect((await expectTallyMatchesVotes(open)).supportCount).toBe(2);

    expect(await leaveGroup(actorOf(w.ann), { groupId: w.group.id })).toEqual({ votesWithdrawn: 1 });

    const tally = await expectTallyMatchesVotes(open);
    expect({
      support: tally.supportCount,
      oppose: tally.opposeCount,
      serviceUsers: tally.serviceUserSupportCount,
    }).toEqual({ support: 1, oppose: 1, serviceUsers: 0 });
    expect(await annsVotes(w.ann)).toBe(0);

    // Two votes are below the quorum of three: it closes without passing.
    await endVoting({ proposalIds: [open] });
    expect(await closeProposal(open)).toBe("REJECTED");
    const closed = await db.proposal.findUniqueOrThrow({
      where: { id: open },
      select: { status: true, statusNote: true },
    });
    expect(closed.status).toBe("REJECTED");
    expect(closed.statusNote).toMatch(/2 of at least 3 votes/);
  });

  it("(control) with the same votes and nobody leaving, the proposal passes", async () => {
    const w = await world();
    const open = await w.propose(0, "Pay benefits weekly, from the first week.");
    await w.vote(open, [
      [w.ann, "SUPPORT"],
      [w.bea, "SUPPORT"],
      [w.cal, "OPPOSE"],
    ]);
    await endVoting({ proposalIds: [open] });
    expect(await closeProposal(open)).toBe("MERGED");
  });

  it("keeps their votes on decided proposals and on ones whose voting period has ended", async () => {
    const w = await world();
    const decided = await w.propose(0, "Pay benefits weekly, from the first week.");
    const due = await w.propose(1, "Advances should be grants, not loans.");
    const running = await w.propose(2, "Free advice in every job centre and library.");
    for (const id of [decided, due, running])
      await w.vote(id, [
        [w.ann, "SUPPORT"],
        [w.bea, "SUPPORT"],
        [w.cal, "OPPOSE"],
      ]);
    await endVoting({ proposalIds: [decided] });
    expect(await closeProposal(decided)).toBe("MERGED");
    // The voting period of `due` is over but no job has closed it yet: the decision is already made.
    await endVoting({ proposalIds: [due] });

    expect(await leaveGroup(actorOf(w.ann), { groupId: w.group.id })).toEqual({ votesWithdrawn: 1 });

    const hers = await db.vote.findMany({
      where: { userId: w.ann.id },
      select: { proposalId: true },
      orderBy: { proposalId: "asc" },
    });
    expect(hers.map((v) => v.proposalId).sort()).toEqual([decided, due].sort());
    expect((await expectTallyMatchesVotes(decided)).supportCount).toBe(2);
    expect((await expectTallyMatchesVotes(due)).supportCount).toBe(2);
    expect((await expectTallyMatchesVotes(running)).supportCount).toBe(1);
    expect(await closeProposal(due)).toBe("MERGED");
  });

  it("can vote again after rejoining while voting is still open", async () => {
    const w = await world();
    const open = await w.propose(0, "Pay benefits weekly, from the first week.");
    await w.vote(open, [[w.ann, "SUPPORT"]]);
    await leaveGroup(actorOf(w.ann), { groupId: w.group.id });
    // Not a member: refused.
    expect(
      (await appError(castVote(actorOf(w.ann), { proposalId: open, version: 1, choice: "SUPPORT", reason: "" }))).code,
    ).toBe("FORBIDDEN");
    await joinGroup(actorOf(w.ann), { groupId: w.group.id });
    await castVote(actorOf(w.ann), { proposalId: open, version: 1, choice: "OPPOSE", reason: "" });
    const tally = await expectTallyMatchesVotes(open);
    expect({ support: tally.supportCount, oppose: tally.opposeCount }).toEqual({ support: 0, oppose: 1 });
  });

  it("leaves other groups' proposals alone", async () => {
    const w = await world();
    const elsewhere = await makeGroup(w.owner);
    await addMember(elsewhere, w.ann);
    const otherPaper = await makePaper(elsewhere, w.owner);
    const theirs = (
      await createProposal(actorOf(w.owner), amend(otherPaper, otherPaper.sections[0]!, "A change elsewhere."))
    ).id;
    await castVote(actorOf(w.ann), { proposalId: theirs, version: 1, choice: "SUPPORT", reason: "" });

    expect(await leaveGroup(actorOf(w.ann), { groupId: w.group.id })).toEqual({ votesWithdrawn: 0 });
    expect((await expectTallyMatchesVotes(theirs)).supportCount).toBe(1);
  });
});

describe("a member removed by an owner while a proposal is open", () => {
  it("no longer counts either, and the moderation log says how many votes went with them", async () => {
    const w = await world();
    const open = await w.propose(0, "Pay benefits weekly, from the first week.");
    await w.vote(open, [
      [w.ann, "SUPPORT"],
      [w.bea, "SUPPORT"],
      [w.cal, "OPPOSE"],
    ]);

    await removeMember(actorOf(w.owner), {
      groupId: w.group.id,
      userId: w.cal.id,
      reason: "Repeated personal attacks",
    });

    const tally = await expectTallyMatchesVotes(open);
    expect({ support: tally.supportCount, oppose: tally.opposeCount }).toEqual({ support: 2, oppose: 0 });
    const logged = await db.moderationAction.findFirstOrThrow({
      where: { groupId: w.group.id, kind: "REMOVE_MEMBER" },
      select: { subjectId: true, details: true },
    });
    expect(logged).toEqual({ subjectId: w.cal.id, details: { votesWithdrawn: 1 } });
  });
});

describe("a vote cast at the moment its voter leaves", () => {
  it("is either withdrawn or refused: never counted from someone who is no longer a member", async () => {
    for (let round = 0; round < 4; round++) {
      const w = await world();
      const open = await w.propose(0, `Round ${round}: pay benefits weekly.`);
      await w.vote(open, [[w.bea, "SUPPORT"]]);
      // Both requests read the proposal table early: hold them there and release them together.
      const { results } = await raceBehindTableLock<unknown>(
        "Proposal",
        [
          () => castVote(actorOf(w.ann), { proposalId: open, version: 1, choice: "SUPPORT", reason: "" }),
          () => leaveGroup(actorOf(w.ann), { groupId: w.group.id }),
        ],
        2,
      );
      expect(results[1]!.status).toBe("fulfilled");
      if (results[0]!.status === "rejected") expect((results[0]!.reason as { code?: string }).code).toBe("FORBIDDEN");
      expect(await db.membership.count({ where: { groupId: w.group.id, userId: w.ann.id } })).toBe(0);
      expect(await annsVotes(w.ann)).toBe(0);
      expect((await expectTallyMatchesVotes(open)).supportCount).toBe(1);
    }
  });
});
