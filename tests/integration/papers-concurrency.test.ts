// Papers under concurrency: many requests released at once against the real database, each on
// its own pooled connection, asserting the invariants the issue names (one vote per member,
// tallies equal the votes, no lost update, closing runs once).
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { closeProposal } from "@/composition/decisions";
import { commentOnSubject } from "@/features/papers/discussion";
import { castVote } from "@/features/proposals/cast-vote";
import { createProposal, editProposal } from "@/features/proposals/mutations";
import { passes, tallyOf } from "@/features/proposals/rules";
import type { Perspective } from "@/generated/prisma/enums";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { actorOf, addMember, makeGroup, makeUser, type TestGroup } from "./helpers/factories";
import {
  amend,
  endVoting,
  expectHistoryConsistent,
  expectTallyMatchesVotes,
  makePaper,
  type PaperRules,
  type TestPaper,
  voteAll,
} from "./helpers/paper-factories";
import { raceBehindLock, raceBehindTableLock } from "./helpers/race";
import { resetDatabase } from "./helpers/reset-db";

beforeAll(resetDatabase);

const PERSPECTIVES: Perspective[] = ["PRACTITIONER", "SERVICE_USER", "BOTH", "OTHER"];
const CHOICES = ["SUPPORT", "OPPOSE", "ABSTAIN"] as const;
// Each request holds a pooled connection while it waits, so at most the pool size can wait at once.
const poolSize = () => env().DATABASE_POOL_SIZE;

/** A group with `n` members of mixed perspectives and a paper; the first member is the paper's author. */
async function makeCrowd(
  n: number,
  options: { rules?: Partial<PaperRules>; sections?: { heading: string; body: string }[] } = {},
) {
  const owner = await makeUser({ perspective: "PRACTITIONER" });
  const group: TestGroup = await makeGroup(owner);
  const users = await Promise.all(
    Array.from({ length: n }, (_, i) => makeUser({ perspective: PERSPECTIVES[i % PERSPECTIVES.length] })),
  );
  await Promise.all(users.map((u) => addMember(group, u)));
  const paper: TestPaper = await makePaper(group, owner, { rules: options.rules, sections: options.sections });
  return { owner, group, paper, members: users.map((u) => actorOf(u)), users };
}

const rejections = <T>(results: PromiseSettledResult<T>[]) =>
  results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as Error);
const values = <T>(results: PromiseSettledResult<T>[]) =>
  results.filter((r): r is PromiseFulfilledResult<T> => r.status === "fulfilled").map((r) => r.value);

describe("votes at the same moment", () => {
  it("60 members voting at once on one proposal: one vote each, and the tallies equal a recount", async () => {
    const { paper, members } = await makeCrowd(60);
    const { id } = await createProposal(members[0]!, amend(paper, paper.sections[0]!, "Pay benefits every week."));
    const choiceOf = (i: number) => CHOICES[i % CHOICES.length]!;

    // Vote is first touched inside each vote's transaction, after it has locked the proposal row:
    // the first request waits at the barrier holding that lock, every other one waits behind it.
    const { results, overlapped } = await raceBehindTableLock(
      "Vote",
      members.map(
        (m, i) => () => castVote(m, { proposalId: id, version: 1, choice: choiceOf(i), reason: `Voter ${i}` }),
      ),
      poolSize(),
    );
    expect(overlapped).toBeGreaterThanOrEqual(poolSize());
    expect(rejections(results)).toEqual([]);

    const votes = await db.vote.findMany({
      where: { proposalId: id },
      select: { userId: true, choice: true, perspective: true },
    });
    expect(votes).toHaveLength(60);
    expect(new Set(votes.map((v) => v.userId)).size).toBe(60);
    for (const [i, m] of members.entries()) expect(votes.find((v) => v.userId === m.id)?.choice).toBe(choiceOf(i));
    const row = await expectTallyMatchesVotes(id);
    expect({ support: row.supportCount, oppose: row.opposeCount, abstain: row.abstainCount }).toEqual({
      support: 20,
      oppose: 20,
      abstain: 20,
    });
  });

  it("50 new votes and changed votes at once, double clicks among them: the tallies moved by the difference equal a recount", async () => {
    const { paper, members } = await makeCrowd(40);
    const { id } = await createProposal(members[0]!, amend(paper, paper.sections[0]!, "Pay benefits every week."));
    const choiceOf = (i: number) => CHOICES[i % CHOICES.length]!;
    const changers = members.slice(0, 20);
    for (const [i, m] of changers.entries())
      await castVote(m, { proposalId: id, version: 1, choice: choiceOf(i), reason: "" });
    const newcomers = members.slice(20);
    // Each changer moves to the next choice; ten newcomers click twice (same choice, another reason).
    const requests = [
      ...changers.map((m, i) => () => castVote(m, { proposalId: id, version: 1, choice: choiceOf(i + 1), reason: "" })),
      ...newcomers.map((m, i) => () => castVote(m, { proposalId: id, version: 1, choice: choiceOf(i), reason: "" })),
      ...newcomers
        .slice(0, 10)
        .map((m, i) => () => castVote(m, { proposalId: id, version: 1, choice: choiceOf(i), reason: "again" })),
    ];
    expect(requests).toHaveLength(50);
    const { results, overlapped } = await raceBehindTableLock("Vote", requests, poolSize());
    expect(overlapped).toBeGreaterThanOrEqual(poolSize());
    expect(rejections(results)).toEqual([]);

    const votes = await db.vote.findMany({ where: { proposalId: id }, select: { userId: true, choice: true } });
    expect(votes).toHaveLength(40);
    for (const [i, m] of changers.entries()) expect(votes.find((v) => v.userId === m.id)?.choice).toBe(choiceOf(i + 1));
    for (const [i, m] of newcomers.entries()) expect(votes.find((v) => v.userId === m.id)?.choice).toBe(choiceOf(i));
    const row = await expectTallyMatchesVotes(id);
    expect(row.supportCount + row.opposeCount + row.abstainCount).toBe(40);
  });

  it("votes queued for seconds behind a busy proposal still all count, rather than failing for want of a connection", async () => {
    const { paper, members } = await makeCrowd(20);
    const { id } = await createProposal(members[0]!, amend(paper, paper.sections[0]!, "Pay benefits every week."));
    // The barrier lets go only after the whole pool has been waiting on locks for 3 s more: the
    // rest of the votes wait longer than Prisma's default 2 s for a connection to start their transaction.
    const { results, overlapped } = await raceBehindLock(
      { table: "Vote" },
      members.map((m) => () => castVote(m, { proposalId: id, version: 1, choice: "SUPPORT", reason: "" })),
      poolSize(),
      { holdMs: 3_000 },
    );
    expect(overlapped).toBeGreaterThanOrEqual(poolSize());
    expect(members.length).toBeGreaterThan(poolSize());
    expect(rejections(results)).toEqual([]);
    expect((await expectTallyMatchesVotes(id)).supportCount).toBe(20);
  });

  it("one member voting several times at once keeps one vote, and the tallies count it once", async () => {
    const { paper, members } = await makeCrowd(2);
    const { id } = await createProposal(members[1]!, amend(paper, paper.sections[0]!, "Pay benefits every week."));
    const voter = members[0]!;
    const { results, overlapped } = await raceBehindTableLock(
      "Vote",
      CHOICES.concat(CHOICES).map(
        (choice) => () => castVote(voter, { proposalId: id, version: 1, choice, reason: "" }),
      ),
      CHOICES.length * 2,
    );
    expect(overlapped).toBe(6);
    expect(rejections(results)).toEqual([]);
    expect(await db.vote.count({ where: { proposalId: id, userId: voter.id } })).toBe(1);
    const row = await expectTallyMatchesVotes(id);
    expect(row.supportCount + row.opposeCount + row.abstainCount).toBe(1);
  });

  it("votes racing the close are either counted before it or refused, and the outcome follows the counted votes", async () => {
    const { paper, members } = await makeCrowd(7);
    const { id } = await createProposal(members[0]!, amend(paper, paper.sections[0]!, "Pay benefits every week."));
    await voteAll(members.slice(0, 1), id, "SUPPORT");
    const { closesAt } = await db.proposal.findUniqueOrThrow({ where: { id } });
    const racers = members.slice(1);
    const choiceOf = (i: number) => (i % 3 === 2 ? "OPPOSE" : "SUPPORT");

    // Closing "as of" the end of the period while the votes arrive: whichever takes the proposal
    // row first decides whether a vote counts. The votes wait at Vote; the close reads the votes
    // to notify the voters, so it waits there too, holding the row if it got it first.
    const { results, overlapped } = await raceBehindTableLock<unknown>(
      "Vote",
      [
        ...racers.map((m, i) => () => castVote(m, { proposalId: id, version: 1, choice: choiceOf(i), reason: "" })),
        () => closeProposal(id, closesAt),
      ],
      racers.length + 1,
    );
    expect(overlapped).toBe(racers.length + 1);
    const outcome = results.at(-1)!;
    expect(outcome.status).toBe("fulfilled");

    const counted = new Set(
      (await db.vote.findMany({ where: { proposalId: id }, select: { userId: true } })).map((v) => v.userId),
    );
    for (const [i, m] of racers.entries()) {
      const result = results[i]!;
      if (result.status === "fulfilled") expect(counted.has(m.id)).toBe(true);
      else {
        expect(result.reason).toMatchObject({ code: "CONFLICT", message: "Voting on this proposal has closed." });
        expect(counted.has(m.id)).toBe(false);
      }
    }
    const row = await expectTallyMatchesVotes(id);
    expect(row.supportCount + row.opposeCount + row.abstainCount).toBe(counted.size);
    expect(row.status).toBe(passes(tallyOf(row), row) ? "MERGED" : "REJECTED");
    expect((outcome as PromiseFulfilledResult<string>).value).toBe(row.status);
  });

  it("a vote waiting on a busy proposal as an admin suspends its voter is refused, not stored", async () => {
    const { paper, members, users } = await makeCrowd(2);
    const { id } = await createProposal(members[0]!, amend(paper, paper.sections[0]!, "Pay benefits every week."));
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT id FROM "Proposal" WHERE id = $1 FOR UPDATE`, [id]);
      // The vote's permission check passes (the actor was read before the suspension), then it waits.
      const vote = castVote(members[1]!, { proposalId: id, version: 1, choice: "SUPPORT", reason: "" });
      vote.catch(() => undefined);
      for (let i = 0; ; i++) {
        const [{ n }] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO "Vote"%'`;
        if (n > 0) break;
        if (i > 200) throw new Error("the vote never waited on the proposal");
        await new Promise((r) => setTimeout(r, 25));
      }
      await db.user.update({
        where: { id: users[1]!.id },
        data: { suspendedUntil: new Date(Date.now() + 86_400_000), sessionsValidFrom: new Date() },
      });
      await holder.query("COMMIT");
      await expect(vote).rejects.toMatchObject({ code: "FORBIDDEN" });
    } finally {
      await holder.end();
    }
    expect(await db.vote.count({ where: { proposalId: id } })).toBe(0);
    await expectTallyMatchesVotes(id);
  });

  it("votes racing an edit of the proposal: afterwards no vote on the old text counts, and those who voted on it are told", async () => {
    const { paper, members } = await makeCrowd(9);
    const author = members[0]!;
    const section = paper.sections[0]!;
    const { id } = await createProposal(author, amend(paper, section, "Pay benefits every week."));
    const racers = members.slice(1);
    const { results, overlapped } = await raceBehindTableLock<unknown>(
      "Vote",
      [
        ...racers.map((m) => () => castVote(m, { proposalId: id, version: 1, choice: "SUPPORT", reason: "" })),
        () => editProposal(author, { ...amend(paper, section, "Pay benefits every Monday."), proposalId: id }),
      ],
      // The edit reads Vote (to find whom to tell) while it holds the proposal row.
      racers.length + 1,
    );
    expect(overlapped).toBe(racers.length + 1);
    expect(results.at(-1)!.status).toBe("fulfilled");
    const row = await expectTallyMatchesVotes(id);
    expect(row).toMatchObject({ version: 2, supportCount: 0 });

    const recorded = new Set(
      (await db.vote.findMany({ where: { proposalId: id }, select: { userId: true } })).map((v) => v.userId),
    );
    const told = new Set(
      (
        await db.notification.findMany({
          where: { kind: "PROPOSAL_CHANGED", url: `/proposals/${id}` },
          select: { userId: true },
        })
      ).map((n) => n.userId),
    );
    expect(told).toEqual(recorded);
    for (const [i, m] of racers.entries()) {
      const result = results[i]!;
      if (result.status === "rejected") {
        expect(result.reason).toMatchObject({
          code: "CONFLICT",
          message: "The proposal changed after you opened it. Read the new text, then vote again.",
        });
        expect(recorded.has(m.id)).toBe(false);
      } else expect(recorded.has(m.id)).toBe(true);
    }
  });
});

describe("proposals at the same moment", () => {
  it("proposals made at once get distinct numbers #1..#n", async () => {
    const { paper, members } = await makeCrowd(8);
    const { results, overlapped } = await raceBehindTableLock(
      "Proposal",
      members.map(
        (m, i) => () =>
          createProposal(m, amend(paper, paper.sections[1]!, `Assessments are done in person, option ${i}.`)),
      ),
      members.length,
    );
    expect(overlapped).toBe(members.length);
    expect(rejections(results)).toEqual([]);
    expect(
      values(results)
        .map((p) => p.number)
        .sort((a, b) => a - b),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await db.paper.findUniqueOrThrow({ where: { id: paper.id } })).proposalCount).toBe(8);
  });

  it("two first comments on a section at once end up in one thread", async () => {
    const { paper, members } = await makeCrowd(2);
    const sectionId = paper.sections[0]!.id;
    // Both look for the section's thread at the barrier, find none, and both try to start it.
    const { results, overlapped } = await raceBehindTableLock(
      "Thread",
      members.map(
        (m, i) => () => commentOnSubject(m, { subject: "SECTION", subjectId: sectionId, body: `First! (${i})` }),
      ),
      2,
    );
    expect(overlapped).toBe(2);
    expect(rejections(results)).toEqual([]);
    const [a, b] = values(results);
    expect(a!.threadId).toBe(b!.threadId);
    expect(await db.thread.findMany({ where: { sectionId }, select: { postCount: true, lastSeq: true } })).toEqual([
      { postCount: 2, lastSeq: 2 },
    ]);
  });
});

describe("closing at the same moment", () => {
  // Five paragraphs, each changed by its own proposal: no two proposals touch the same passage.
  const PARAGRAPHS = [
    "Pay weekly.",
    "Decide claims in a week.",
    "Assess in person.",
    "Answer letters in a week.",
    "Hear appeals in a month.",
  ];
  const CHANGED = [
    "Pay every week.",
    "Decide claims in five days.",
    "Assess at home or in person.",
    "Answer letters in three days.",
    "Hear appeals in two weeks.",
  ];
  const body = (paragraphs: string[]) => paragraphs.join("\n\n");

  it("five passed proposals on different passages of one section, closed at once, are all applied, one revision each", async () => {
    const { paper, members } = await makeCrowd(5, {
      rules: { quorum: 1 },
      sections: [{ heading: "Service standards", body: body(PARAGRAPHS) }],
    });
    const section = paper.sections[0]!;
    const proposals = [];
    for (const [i, m] of members.entries()) {
      const text = body(PARAGRAPHS.map((p, j) => (j === i ? CHANGED[i]! : p)));
      proposals.push(await createProposal(m, amend(paper, section, text)));
    }
    for (const p of proposals) await voteAll(members.slice(0, 1), p.id, "SUPPORT");
    await endVoting({ paperId: paper.id });

    // Revision is first touched while a close holds the paper lock: one waits there, the rest behind it.
    const { results, overlapped } = await raceBehindTableLock(
      "Revision",
      proposals.map((p) => () => closeProposal(p.id)),
      proposals.length,
    );
    expect(overlapped).toBe(proposals.length);
    expect(values(results)).toEqual(["MERGED", "MERGED", "MERGED", "MERGED", "MERGED"]);

    expect((await db.section.findUniqueOrThrow({ where: { id: section.id } })).body).toBe(body(CHANGED));
    const revisions = await expectHistoryConsistent(paper.id);
    expect(revisions.map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6]);
    const byProposal = await db.revision.findMany({
      where: { paperId: paper.id, kind: "PROPOSAL" },
      select: { proposalId: true },
    });
    expect(byProposal.map((r) => r.proposalId).sort()).toEqual(proposals.map((p) => p.id).sort());
  });

  it("two passed proposals changing the same passage, closed at once: one is merged, the other needs an update, nothing is lost", async () => {
    const { paper, members } = await makeCrowd(2, { rules: { quorum: 1 } });
    const section = paper.sections[0]!;
    const texts = [section.body.replace("weekly", "every week"), section.body.replace("weekly", "fortnightly")];
    const proposals = [
      await createProposal(members[0]!, amend(paper, section, texts[0]!)),
      await createProposal(members[1]!, amend(paper, section, texts[1]!)),
    ];
    for (const p of proposals) await voteAll(members, p.id, "SUPPORT");
    await endVoting({ paperId: paper.id });

    const { results, overlapped } = await raceBehindTableLock(
      "Revision",
      proposals.map((p) => () => closeProposal(p.id)),
      2,
    );
    expect(overlapped).toBe(2);
    const outcomes = values(results);
    expect([...outcomes].sort()).toEqual(["MERGED", "NEEDS_UPDATE"]);
    const winner = outcomes.indexOf("MERGED");
    const loser = 1 - winner;

    expect((await db.section.findUniqueOrThrow({ where: { id: section.id } })).body).toBe(texts[winner]);
    expect((await expectHistoryConsistent(paper.id)).map((r) => r.number)).toEqual([1, 2]);
    expect(
      await db.revision.findFirst({ where: { paperId: paper.id, number: 2 }, select: { proposalId: true } }),
    ).toEqual({ proposalId: proposals[winner]!.id });
    expect(
      await db.notification.count({
        where: { userId: members[loser]!.id, kind: "PROPOSAL_NEEDS_UPDATE", url: `/proposals/${proposals[loser]!.id}` },
      }),
    ).toBe(1);
  });

  it("several workers closing the same proposal at once: it closes once, with one revision and one set of notifications", async () => {
    const { paper, members } = await makeCrowd(4);
    const { id } = await createProposal(members[0]!, amend(paper, paper.sections[0]!, "Pay benefits every week."));
    await voteAll(members, id, "SUPPORT");
    await endVoting({ proposalIds: [id] });

    const { results, overlapped } = await raceBehindTableLock(
      "Revision",
      Array.from({ length: 6 }, () => () => closeProposal(id)),
      6,
    );
    expect(overlapped).toBe(6);
    expect(values(results).sort()).toEqual(["MERGED", "NOT_DUE", "NOT_DUE", "NOT_DUE", "NOT_DUE", "NOT_DUE"]);
    expect(await db.revision.count({ where: { proposalId: id } })).toBe(1);
    expect((await expectHistoryConsistent(paper.id)).map((r) => r.number)).toEqual([1, 2]);
    for (const m of members)
      expect(await db.notification.count({ where: { userId: m.id, url: `/proposals/${id}` } })).toBe(1);
  });
});
