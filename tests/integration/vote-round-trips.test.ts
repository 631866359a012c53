// What one vote asks of the database (issue 15): the session lookup and the vote itself, counted
// statement by statement against the real PostgreSQL (upper bounds, never timings), and the kept
// tallies moved by the difference staying equal to a recount through every kind of change.
import { beforeEach, describe, expect, it } from "vitest";
import { castVote } from "@/features/proposals/cast-vote";
import { createProposal, editProposal } from "@/features/proposals/mutations";
import { createAuthSession, resolveSession } from "@/server/auth/session-store";
import { db } from "@/server/db";
import { actorOf, addMember, makeGroup, makeUser, type TestUser } from "./helpers/factories";
import { amend, expectTallyMatchesVotes, makePaper } from "./helpers/paper-factories";
import { resetDatabase } from "./helpers/reset-db";
import { countRoundTrips } from "./helpers/round-trips";

beforeEach(resetDatabase);

async function openProposal() {
  const owner = await makeUser({ perspective: "PRACTITIONER" });
  const group = await makeGroup(owner);
  const voter = await makeUser({ perspective: "SERVICE_USER" });
  const other = await makeUser({ perspective: "BOTH" });
  await addMember(group, voter);
  await addMember(group, other);
  const paper = await makePaper(group, owner);
  const { id } = await createProposal(actorOf(owner), amend(paper, paper.sections[0]!, "Pay benefits every week."));
  return { owner, voter, other, paper, id };
}

describe("round trips of one vote", () => {
  it("the session lookup is one statement, and a signed-in vote three in all", async () => {
    const { voter, other, id } = await openProposal();
    // The proposer heard of a vote a moment ago, so this vote only queues its notice for the digest.
    await castVote(actorOf(other), { proposalId: id, version: 1, choice: "SUPPORT", reason: "" });
    const sid = await createAuthSession(voter.id, "test browser");

    const request = await countRoundTrips(async () => {
      const me = await resolveSession(sid);
      await castVote(me, { proposalId: id, version: 1, choice: "SUPPORT", reason: "Weekly is fairer." });
      return me;
    });
    expect(request.result?.id).toBe(voter.id);
    expect(request.statements[0]).toMatch(/FROM "AuthSession"/);
    expect(request.count, request.statements.join("\n")).toBeLessThanOrEqual(3);

    const change = await countRoundTrips(() =>
      castVote(actorOf(voter), { proposalId: id, version: 1, choice: "OPPOSE", reason: "" }),
    );
    expect(change.count, change.statements.join("\n")).toBeLessThanOrEqual(2);
    // One write statement: no transaction holds the proposal's row lock across round trips.
    expect(change.statements.filter((s) => s === "BEGIN")).toEqual([]);
    expect((await expectTallyMatchesVotes(id)).opposeCount).toBe(1);
    expect(await db.voteNotice.count({ where: { proposalId: id } })).toBe(1);
  });

  it("the first vote in an hour tells the proposer at once, in a short transaction after the vote", async () => {
    const { owner, voter, id } = await openProposal();
    await castVote(actorOf(voter), { proposalId: id, version: 1, choice: "SUPPORT", reason: "" });
    expect(await db.notification.count({ where: { userId: owner.id, kind: "PROPOSAL_VOTES" } })).toBe(1);
    expect(await db.voteNotice.count({ where: { proposalId: id } })).toBe(0);
  });
});

describe("tallies moved by the difference", () => {
  it("equal a recount after new votes, changed votes, a new version, and a new perspective", async () => {
    const { owner, voter, other, paper, id } = await openProposal();
    const vote = (who: TestUser, choice: "SUPPORT" | "OPPOSE" | "ABSTAIN", version = 1) =>
      castVote(actorOf(who), { proposalId: id, version, choice, reason: "" });

    await vote(voter, "SUPPORT");
    await vote(other, "OPPOSE");
    expect(await expectTallyMatchesVotes(id)).toMatchObject({
      supportCount: 1,
      opposeCount: 1,
      serviceUserSupportCount: 1,
      practitionerOpposeCount: 1,
      serviceUserOpposeCount: 1,
    });
    await vote(other, "SUPPORT");
    await vote(voter, "ABSTAIN");
    expect(await expectTallyMatchesVotes(id)).toMatchObject({ supportCount: 1, abstainCount: 1, opposeCount: 0 });
    // The perspective is the voter's as they vote: changing the vote takes the new one.
    await db.profile.update({ where: { userId: other.id }, data: { perspective: "PRACTITIONER" } });
    await vote(other, "OPPOSE");
    expect(await expectTallyMatchesVotes(id)).toMatchObject({ practitionerOpposeCount: 1, serviceUserOpposeCount: 0 });

    // A new version: votes on the old text stop counting; a vote on the new one counts once.
    await editProposal(actorOf(owner), {
      ...amend(paper, paper.sections[0]!, "Pay benefits every Monday."),
      proposalId: id,
    });
    expect(await expectTallyMatchesVotes(id)).toMatchObject({ version: 2, opposeCount: 0, abstainCount: 0 });
    await vote(voter, "SUPPORT", 2);
    await vote(voter, "OPPOSE", 2);
    expect(await expectTallyMatchesVotes(id)).toMatchObject({ supportCount: 0, opposeCount: 1 });
    expect(await db.vote.count({ where: { proposalId: id } })).toBe(2);
  });
});
