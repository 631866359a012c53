import "server-only";
import { notify } from "@/features/notifications/mutations";
import type { Proposal } from "@/generated/prisma/client";
import { proposalPath } from "@/lib/paths";
import { db, type Tx } from "@/server/db";
import { logError } from "@/server/log";
import { lockProposal } from "./mutations";
import { type VoteCounts, voteDigestText } from "./vote-digest-text";

/** The proposer hears of votes on one proposal at most this often. */
export const VOTE_DIGEST_INTERVAL_MS = 3_600_000;
/** Proposals handled per run; the next run takes the rest. */
const BATCH = 500;

/**
 * After a vote queued a notice for the proposer (record-vote.ts): if they have not heard of votes
 * on this proposal within the hour (as the vote read it), they hear now, with any still queued.
 * The digest re-checks under the proposal lock, so nobody is told twice. A failure here loses
 * nothing: the notice stays queued and the digest job sends it. True if a notification was written.
 */
export async function tellProposerIfDue(proposalId: string, votesToldAt: Date | null, now = new Date()) {
  if (votesToldAt && now.getTime() - votesToldAt.getTime() < VOTE_DIGEST_INTERVAL_MS) return false;
  try {
    return await digestOne(proposalId, now);
  } catch (error) {
    logError("telling the proposer of votes failed; the digest job will", error, { proposalId });
    return false;
  }
}

/**
 * Tells the proposer of the votes queued on one proposal, unless they heard within the hour.
 * The caller holds the proposal's row lock, which every vote takes too: a vote is either in this
 * digest or waits and goes into the next, never lost or told twice. True if a notification was written.
 */
async function digestLocked(tx: Tx, proposal: Proposal, now: Date): Promise<boolean> {
  const told = await tx.proposalNotice.findUnique({
    where: { proposalId: proposal.id },
    select: { votesToldAt: true },
  });
  if (told?.votesToldAt && now.getTime() - told.votesToldAt.getTime() < VOTE_DIGEST_INTERVAL_MS) return false;
  const queued = await tx.$queryRaw<{ userId: string }[]>`
    DELETE FROM "VoteNotice" WHERE "proposalId" = ${proposal.id}::uuid RETURNING "userId"`;
  // A closed proposal's proposer hears the outcome instead; a withdrawn one, nothing more.
  if (proposal.status !== "OPEN" || !proposal.authorId || queued.length === 0) return false;
  // Only votes that still stand: on the current version (an edit discards older ones), not withdrawn.
  const votes = await tx.vote.findMany({
    where: {
      proposalId: proposal.id,
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
    url: `${proposalPath(proposal.id)}#voters-heading`,
  });
  await tx.proposalNotice.upsert({
    where: { proposalId: proposal.id },
    create: { proposalId: proposal.id, votesToldAt: now },
    update: { votesToldAt: now },
    select: { proposalId: true },
  });
  return true;
}

/** One proposal's digest, in its own transaction under the proposal's row lock. */
async function digestOne(proposalId: string, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => digestLocked(tx, await lockProposal(tx, proposalId), now));
}

/**
 * Every few minutes: tells each proposer of the votes queued on their proposals since they last
 * heard (the first vote after a quiet hour is told at once, by the vote itself), at most once an
 * hour per proposal. pg-boss runs it once at a time across processes, and the
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
