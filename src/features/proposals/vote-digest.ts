import "server-only";
import { notify } from "@/features/notifications/mutations";
import { proposalPath } from "@/lib/paths";
import { db, type Tx } from "@/server/db";
import { lockProposal } from "./mutations";
import { type VoteCounts, voteDigestText } from "./vote-digest-text";

/** The proposer hears of votes on one proposal at most this often. */
export const VOTE_DIGEST_INTERVAL_MS = 3_600_000;
/** Proposals handled per run; the next run takes the rest. */
const BATCH = 500;

/** Inside the vote's transaction (which holds the proposal lock): the proposer is to hear of this vote. */
export async function queueVoteNotice(tx: Tx, proposalId: string, voterId: string) {
  await tx.$executeRaw`
    INSERT INTO "VoteNotice" ("proposalId", "userId") VALUES (${proposalId}::uuid, ${voterId}::uuid)
    ON CONFLICT ("proposalId", "userId") DO UPDATE SET "createdAt" = CURRENT_TIMESTAMP`;
}

/**
 * One proposal's digest, in one transaction under its row lock: a vote (which takes the same lock)
 * is either in this digest or waits and goes into the next, never lost or told twice. Returns
 * whether a notification was written.
 */
async function digestOne(proposalId: string, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const proposal = await lockProposal(tx, proposalId);
    const told = await tx.proposalNotice.findUnique({ where: { proposalId }, select: { votesToldAt: true } });
    if (told?.votesToldAt && now.getTime() - told.votesToldAt.getTime() < VOTE_DIGEST_INTERVAL_MS) return false;
    const queued = await tx.$queryRaw<{ userId: string }[]>`
      DELETE FROM "VoteNotice" WHERE "proposalId" = ${proposalId}::uuid RETURNING "userId"`;
    // A closed proposal's proposer hears the outcome instead; a withdrawn one, nothing more.
    if (proposal.status !== "OPEN" || !proposal.authorId || queued.length === 0) return false;
    // Only votes that still stand: on the current version (an edit discards older ones), not withdrawn.
    const votes = await tx.vote.findMany({
      where: {
        proposalId,
        proposalVersion: proposal.version,
        userId: { in: queued.map((q) => q.userId), not: proposal.authorId },
      },
      select: { choice: true, reason: true },
    });
    if (votes.length === 0) return false;
    const counts: VoteCounts = { support: 0, oppose: 0, abstain: 0, withReason: 0 };
    for (const v of votes) {
      counts[v.choice === "SUPPORT" ? "support" : v.choice === "OPPOSE" ? "oppose" : "abstain"] += 1;
      if (v.reason.trim()) counts.withReason += 1;
    }
    const paper = await tx.paper.findUniqueOrThrow({ where: { id: proposal.paperId }, select: { title: true } });
    await notify(tx, {
      userId: proposal.authorId,
      kind: "PROPOSAL_VOTES",
      text: voteDigestText(counts, proposal, paper.title),
      url: `${proposalPath(proposalId)}#voters-heading`,
    });
    await tx.proposalNotice.upsert({
      where: { proposalId },
      create: { proposalId, votesToldAt: now },
      update: { votesToldAt: now },
      select: { proposalId: true },
    });
    return true;
  });
}

/**
 * Every few minutes: tells each proposer of the votes on their proposals since they last heard,
 * at most once an hour per proposal. pg-boss runs it once at a time across processes, and the
 * proposal lock keeps even overlapping runs from telling anyone twice.
 */
export async function sendVoteDigests(now = new Date()) {
  const since = new Date(now.getTime() - VOTE_DIGEST_INTERVAL_MS);
  const due = await db.$queryRaw<{ proposalId: string }[]>`
    SELECT DISTINCT vn."proposalId" FROM "VoteNotice" vn
    LEFT JOIN "ProposalNotice" pn ON pn."proposalId" = vn."proposalId"
    WHERE pn."votesToldAt" IS NULL OR pn."votesToldAt" <= ${since}
    LIMIT ${BATCH}`;
  let sent = 0;
  for (const { proposalId } of due) if (await digestOne(proposalId, now)) sent += 1;
  return { considered: due.length, sent };
}
