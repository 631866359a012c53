// Nobody misses a vote (issue 16): paper following, "a proposal opened", the proposer's hourly
// vote digest, the closing reminder, the outcome to followers, and "Waiting for your vote", against
// the real database.
import { beforeEach, describe, expect, it } from "vitest";
import { closeProposal } from "@/composition/decisions";
import { followPaper, unfollowPaper } from "@/features/papers/follow";
import { followsPaper } from "@/features/papers/queries/paper-follow";
import { castVote } from "@/features/proposals/cast-vote";
import { sendClosingReminders } from "@/features/proposals/closing-reminders";
import { createProposal, editProposal } from "@/features/proposals/mutations";
import { waitingForVote } from "@/features/proposals/queries/waiting-for-vote";
import { sendVoteDigests } from "@/features/proposals/vote-digest";
import type { NotificationKind } from "@/generated/prisma/enums";
import { db } from "@/server/db";
import { actorOf, addMember, days, makeGroup, makeUser, type TestUser } from "./helpers/factories";
import { amend, endVoting, makePaper, type TestPaper } from "./helpers/paper-factories";
import { raceBehindTableLock } from "./helpers/race";
import { resetDatabase } from "./helpers/reset-db";

beforeEach(resetDatabase);

const HOUR = 3_600_000;
const later = (ms: number) => new Date(Date.now() + ms);

function notificationsOf(userId: string, kind: NotificationKind) {
  return db.notification.findMany({
    where: { userId, kind },
    orderBy: { createdAt: "asc" },
    select: { text: true, url: true },
  });
}

/** A group with an owner who started a paper, and members in every standing. */
async function world() {
  const owner = await makeUser({ displayName: "Olu Owner" });
  const group = await makeGroup(owner);
  const people = {
    owner,
    proposer: await makeUser({ displayName: "Pat Proposer" }),
    member: await makeUser(),
    quiet: await makeUser(),
    groupSuspended: await makeUser(),
    siteSuspended: await makeUser({ suspendedUntil: days(5) }),
    pending: await makeUser(),
    outsider: await makeUser(),
  };
  await addMember(group, people.proposer);
  await addMember(group, people.member);
  await addMember(group, people.quiet);
  await addMember(group, people.groupSuspended, "MEMBER", "ACTIVE", { suspendedUntil: days(5) });
  await addMember(group, people.siteSuspended);
  await addMember(group, people.pending, "MEMBER", "PENDING");
  const paper = await makePaper(group, owner);
  // makePaper writes straight to the database; createPaper follows for the starter.
  await db.paperFollow.create({ data: { paperId: paper.id, userId: owner.id } });
  return { group, paper, ...people };
}

async function follow(paper: TestPaper, ...users: TestUser[]) {
  for (const u of users) await db.paperFollow.create({ data: { paperId: paper.id, userId: u.id } });
}

const propose = (user: TestUser, paper: TestPaper, body = "Pay benefits every week, on time.") =>
  createProposal(actorOf(user), amend(paper, paper.sections[0]!, body));

const vote = (user: TestUser, proposalId: string, choice: "SUPPORT" | "OPPOSE" | "ABSTAIN", reason = "") =>
  castVote(actorOf(user), { proposalId, version: 1, choice, reason });

describe("following a paper", () => {
  it("starting, proposing and voting follow it once; unfollowing sticks through taking part again", async () => {
    const w = await world();
    const { id } = await propose(w.proposer, w.paper);
    expect(await followsPaper(actorOf(w.proposer), w.paper.id)).toBe(true);

    await unfollowPaper(actorOf(w.member), { paperId: w.paper.id });
    await vote(w.member, id, "SUPPORT");
    expect(await followsPaper(actorOf(w.member), w.paper.id)).toBe(false);
    await vote(w.quiet, id, "OPPOSE");
    expect(await followsPaper(actorOf(w.quiet), w.paper.id)).toBe(true);

    await unfollowPaper(actorOf(w.proposer), { paperId: w.paper.id });
    await propose(w.proposer, w.paper, "Pay benefits every fortnight.");
    expect(await followsPaper(actorOf(w.proposer), w.paper.id)).toBe(false);
    await followPaper(actorOf(w.proposer), { paperId: w.paper.id });
    await followPaper(actorOf(w.proposer), { paperId: w.paper.id });
    expect(await followsPaper(actorOf(w.proposer), w.paper.id)).toBe(true);
    expect(await db.paperFollow.count({ where: { paperId: w.paper.id, userId: w.proposer.id } })).toBe(1);
    expect(await followsPaper(null, w.paper.id)).toBeNull();
  });

  it("createPaper follows the paper for its starter", async () => {
    const { createPaper } = await import("@/features/papers/paper-mutations");
    const owner = await makeUser();
    const group = await makeGroup(owner);
    const created = await createPaper(actorOf(owner), {
      groupId: group.id,
      title: "Clearer letters",
      question: "How should the council write to tenants?",
      summary: "Plain words.",
      sections: [{ heading: "Letters", body: "Write plainly." }],
    });
    expect(await followsPaper(actorOf(owner), created.paperId)).toBe(true);
  });
});

describe("a proposal opens", () => {
  it("tells followers who may vote, in one notification each; not the proposer, non-members or the suspended", async () => {
    const w = await world();
    await follow(w.paper, w.member, w.groupSuspended, w.siteSuspended, w.pending, w.outsider);
    await unfollowPaper(actorOf(w.quiet), { paperId: w.paper.id });
    const { id } = await propose(w.proposer, w.paper);

    const told = await db.notification.findMany({
      where: { kind: "PROPOSAL_OPENED" },
      select: { userId: true, text: true, url: true },
    });
    expect(told.map((n) => n.userId).sort()).toEqual([w.owner.id, w.member.id].sort());
    expect(told[0]!.url).toBe(`/proposals/${id}`);
    expect(told[0]!.text).toContain("Pat Proposer opened proposal #1 on “");
    expect(told[0]!.text).toContain("Voting closes");
  });

  it("opens again after 'needs update': followers hear its vote starts again; those who voted hear their vote no longer counts", async () => {
    const w = await world();
    await follow(w.paper, w.member);
    const { id } = await propose(w.proposer, w.paper);
    await vote(w.quiet, id, "SUPPORT");
    await db.proposal.update({ where: { id }, data: { status: "NEEDS_UPDATE", closedAt: new Date() } });
    await db.notification.deleteMany({});

    await editProposal(actorOf(w.proposer), {
      ...amend(w.paper, w.paper.sections[0]!, "Pay benefits every week, on the same day."),
      proposalId: id,
    });

    const opened = await db.notification.findMany({
      where: { kind: "PROPOSAL_OPENED" },
      select: { userId: true, text: true },
    });
    expect(opened.map((n) => n.userId).sort()).toEqual([w.owner.id, w.member.id].sort());
    expect(opened[0]!.text).toMatch(
      /^Pat Proposer updated proposal #1 on “.*” and its vote starts again: .*Voting closes/,
    );
    expect((await notificationsOf(w.quiet.id, "PROPOSAL_CHANGED")).length).toBe(1);
    expect(await notificationsOf(w.quiet.id, "PROPOSAL_OPENED")).toEqual([]);
    expect(await notificationsOf(w.proposer.id, "PROPOSAL_OPENED")).toEqual([]);
  });
});

describe("the proposer's vote digest", () => {
  it("tells the proposer of votes and reasons, at most once per proposal per hour, even with votes and runs at once", async () => {
    const w = await world();
    const voters = [w.owner, w.member, w.quiet];
    for (let i = 0; i < 5; i++) {
      const u = await makeUser();
      await addMember(w.group, u);
      voters.push(u);
    }
    const { id } = await propose(w.proposer, w.paper);
    // The proposer's own vote is not news to them.
    await vote(w.proposer, id, "SUPPORT");
    const now = new Date();
    const { results } = await raceBehindTableLock(
      "Vote",
      [
        ...voters.map((u, i) => () => vote(u, id, i % 3 === 2 ? "OPPOSE" : "SUPPORT", i === 0 ? "It is overdue." : "")),
        async () => {
          await sendVoteDigests(now);
        },
        async () => {
          await sendVoteDigests(now);
        },
      ],
      3,
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect((await notificationsOf(w.proposer.id, "PROPOSAL_VOTES")).length).toBeLessThanOrEqual(1);

    // Within the hour of a digest nothing more is sent, however often the job runs.
    await sendVoteDigests(now);
    await sendVoteDigests(new Date(now.getTime() + 30 * 60_000));
    const first = await notificationsOf(w.proposer.id, "PROPOSAL_VOTES");
    expect(first.length).toBe(1);
    await sendVoteDigests(new Date(now.getTime() + 50 * 60_000));
    expect(await notificationsOf(w.proposer.id, "PROPOSAL_VOTES")).toHaveLength(1);

    // Hours on, whatever was not yet told is; every vote was told exactly once.
    await sendVoteDigests(new Date(now.getTime() + 3 * HOUR));
    const digests = await notificationsOf(w.proposer.id, "PROPOSAL_VOTES");
    expect(digests.length).toBeLessThanOrEqual(2);
    const told = digests.reduce((sum, d) => sum + Number(/^(\d+) new votes?/.exec(d.text)?.[1] ?? 0), 0);
    expect(told).toBe(8);
    expect(digests.some((d) => /gave a reason|with a reason/.test(d.text))).toBe(true);
    expect(digests[0]!.url).toBe(`/proposals/${id}#voters-heading`);
    expect(await db.voteNotice.count()).toBe(0);

    // Nothing new: nothing sent.
    await sendVoteDigests(new Date(now.getTime() + 5 * HOUR));
    expect(await notificationsOf(w.proposer.id, "PROPOSAL_VOTES")).toHaveLength(digests.length);
  });

  it("tells the first vote at once and what the votes were, then the rest an hour on", async () => {
    const w = await world();
    const { id } = await propose(w.proposer, w.paper);
    await vote(w.owner, id, "SUPPORT", "Long overdue.");
    await vote(w.member, id, "SUPPORT");
    await vote(w.quiet, id, "OPPOSE");
    await vote(w.member, id, "ABSTAIN");
    // Told of the first within the hour: the rest wait.
    expect(await sendVoteDigests()).toEqual({ considered: 0, sent: 0 });
    expect(await sendVoteDigests(later(HOUR + 60_000))).toEqual({ considered: 1, sent: 1 });
    const digests = await notificationsOf(w.proposer.id, "PROPOSAL_VOTES");
    expect(digests.map((d) => d.text.replace(/ on “.*”/, ""))).toEqual([
      "1 new vote on your proposal #1: 1 support; with a reason.",
      // A changed vote is told as it now stands.
      "2 new votes on your proposal #1: 1 oppose, 1 abstain.",
    ]);
  });

  it("drops queued votes of a proposal that was withdrawn", async () => {
    const w = await world();
    const { id } = await propose(w.proposer, w.paper);
    await vote(w.member, id, "SUPPORT");
    await vote(w.quiet, id, "SUPPORT");
    const { withdrawProposal } = await import("@/features/proposals/mutations");
    await withdrawProposal(actorOf(w.proposer), { proposalId: id });
    await sendVoteDigests(later(2 * HOUR));
    // Only the first vote, told at once.
    expect(await notificationsOf(w.proposer.id, "PROPOSAL_VOTES")).toHaveLength(1);
    expect(await db.voteNotice.count()).toBe(0);
  });
});

describe("the closing reminder", () => {
  it("reminds followers who may vote and have not, once per member per proposal", async () => {
    const w = await world();
    await follow(w.paper, w.member, w.quiet, w.groupSuspended, w.outsider);
    const { id } = await propose(w.proposer, w.paper);
    await vote(w.member, id, "SUPPORT");
    // Not yet due: more than a day left.
    expect((await sendClosingReminders()).considered).toBe(0);
    // Opened two days ago, closing in 20 hours.
    await db.proposal.update({ where: { id }, data: { createdAt: later(-48 * HOUR), closesAt: later(20 * HOUR) } });
    const [first, second] = await Promise.all([sendClosingReminders(), sendClosingReminders()]);
    expect(first!.reminded + second!.reminded).toBe(3);
    await sendClosingReminders(later(HOUR));
    const reminded = await db.notification.findMany({
      where: { kind: "PROPOSAL_CLOSING" },
      select: { userId: true, text: true },
    });
    // The proposer follows and has not voted: reminded too. The voter, the suspended and the outsider are not.
    expect(reminded.map((n) => n.userId).sort()).toEqual([w.owner.id, w.quiet.id, w.proposer.id].sort());
    expect(reminded[0]!.text).toContain("closes within a day");
    expect(await db.proposalNotice.findUnique({ where: { proposalId: id } })).toMatchObject({
      closingRemindedAt: expect.any(Date),
    });
  });
});

describe("a proposal closes", () => {
  it("tells the proposer and the followers the outcome and why", async () => {
    const w = await world();
    await follow(w.paper, w.member, w.outsider);
    const { id } = await propose(w.proposer, w.paper);
    await vote(w.quiet, id, "SUPPORT");
    await endVoting({ proposalIds: [id] });
    expect(await closeProposal(id)).toBe("REJECTED");
    const closed = await db.notification.findMany({
      where: { kind: "PROPOSAL_CLOSED" },
      select: { userId: true, text: true },
    });
    // The outsider follows a paper of an open group, which anyone may read: told too. The voter once.
    expect(closed.map((n) => n.userId).sort()).toEqual(
      [w.proposer.id, w.owner.id, w.member.id, w.outsider.id, w.quiet.id].sort(),
    );
    const mine = closed.find((n) => n.userId === w.proposer.id)!;
    expect(mine.text).toContain("closed without passing.");
    expect(mine.text).toContain("1 of at least 3 votes cast.");
  });

  it("members-only papers: a follower who left the group hears nothing more", async () => {
    const owner = await makeUser();
    const group = await makeGroup(owner, { joinPolicy: "APPROVAL" });
    const proposer = await makeUser();
    const former = await makeUser();
    await addMember(group, proposer);
    const paper = await makePaper(group, owner);
    await follow(paper, former);
    const { id } = await propose(proposer, paper);
    await endVoting({ proposalIds: [id] });
    await closeProposal(id);
    expect(await notificationsOf(former.id, "PROPOSAL_CLOSED")).toEqual([]);
    expect(await notificationsOf(proposer.id, "PROPOSAL_CLOSED")).toHaveLength(1);
  });
});

describe("waiting for your vote", () => {
  it("lists open proposals the person may vote on and has not, soonest closing first", async () => {
    const w = await world();
    const other = await makePaper(w.group, w.owner);
    const a = await propose(w.proposer, w.paper);
    const b = await propose(w.proposer, other);
    const c = await propose(w.proposer, w.paper, "Pay benefits every day.");
    await db.proposal.update({ where: { id: a.id }, data: { closesAt: later(30 * HOUR) } });
    await db.proposal.update({ where: { id: b.id }, data: { closesAt: later(2 * HOUR) } });
    await db.proposal.update({ where: { id: c.id }, data: { closesAt: later(50 * HOUR) } });
    // Another group the member is not in.
    const elsewhere = await makeGroup(w.owner);
    const far = await makePaper(elsewhere, w.owner);
    await propose(w.owner, far);

    const list = await waitingForVote(actorOf(w.member));
    expect(list.items.map((p) => p.id)).toEqual([b.id, a.id, c.id]);
    expect(list.total).toBe(3);
    expect(list.items[0]).toMatchObject({ groupSlug: w.group.slug, paperTitle: other.title, number: 1 });

    await vote(w.member, b.id, "SUPPORT");
    const after = await waitingForVote(actorOf(w.member), { limit: 1 });
    expect(after.items.map((p) => p.id)).toEqual([a.id]);
    expect(after.total).toBe(2);
    expect((await waitingForVote(actorOf(w.member), { limit: 1, offset: 5 })).total).toBe(2);
    expect((await waitingForVote(actorOf(w.member), { groupSlug: elsewhere.slug })).total).toBe(0);
    // The owner proposed there and has not voted on their own proposal: it waits for them.
    expect((await waitingForVote(actorOf(w.owner), { groupId: elsewhere.id })).total).toBe(1);

    // Who may not vote is waited on for nothing; past proposals and closed papers wait no more.
    for (const u of [w.groupSuspended, w.siteSuspended, w.pending, w.outsider])
      expect(await waitingForVote(actorOf(u))).toEqual({ items: [], total: 0 });
    expect(await waitingForVote(null)).toEqual({ items: [], total: 0 });
    await endVoting({ proposalIds: [a.id] });
    await db.paper.update({ where: { id: w.paper.id }, data: { status: "ARCHIVED" } });
    expect((await waitingForVote(actorOf(w.member))).total).toBe(0);
    // The proposer's own proposals wait for their vote too, until they vote.
    expect((await waitingForVote(actorOf(w.proposer))).items.map((p) => p.id)).toEqual([b.id]);
  });

  it("a proposal edited since one voted waits for the vote again", async () => {
    const w = await world();
    const { id } = await propose(w.proposer, w.paper);
    await vote(w.member, id, "SUPPORT");
    expect((await waitingForVote(actorOf(w.member))).total).toBe(0);
    await db.proposal.update({ where: { id }, data: { version: 2 } });
    expect((await waitingForVote(actorOf(w.member))).items.map((p) => p.id)).toEqual([id]);
  });
});
