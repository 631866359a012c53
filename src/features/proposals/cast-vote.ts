import "server-only";
import { followPaperIn } from "@/features/papers/follow";
import { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/server/authz/permissions";
import { assertInGroup } from "@/server/authz/refusals";
import { db, QUEUED_TRANSACTION } from "@/server/db";
import { conflict, unauthenticated } from "@/server/errors";
import { assertVotingOpenOn, loadProposalAccess } from "./access";
import { lockProposal } from "./mutations";
import type { VoteInput } from "./schemas";
import { TALLY_ASSIGNMENTS, TALLY_COUNTS } from "./tally-sql";
import { noteVoteForProposer } from "./vote-digest";

/**
 * Casts or changes the actor's vote. The proposal row is locked, so the vote, the check that
 * voting is still open and the recount of the kept tallies happen as one step: tallies always
 * equal the votes on the current version, however many people vote at once.
 */
export async function castVote(actor: Actor, input: VoteInput) {
  if (!actor) throw unauthenticated();
  const me = actor;
  const { paper, membership } = await loadProposalAccess(db, me, input.proposalId);
  assertInGroup(me, "vote.cast", membership);
  // Read before taking the proposal lock, so the lock is held for as few round trips as possible.
  const profile = await db.profile.findUnique({ where: { userId: me.id }, select: { perspective: true } });
  await db.$transaction(async (tx) => {
    const proposal = await lockProposal(tx, input.proposalId);
    // Again under the proposal lock: someone who left the group a moment ago (leaving locks the
    // group's open proposals and withdraws their votes) must not get a vote in after all.
    const current = await tx.membership.findUnique({
      where: { groupId_userId: { groupId: paper.groupId, userId: me.id } },
      select: { role: true, status: true, suspendedUntil: true },
    });
    assertInGroup(me, "vote.cast", current);
    assertVotingOpenOn(paper, proposal.kind);
    if (proposal.status !== "OPEN" || proposal.closesAt <= new Date())
      throw conflict("Voting on this proposal has closed.");
    if (proposal.version !== input.version) {
      throw conflict("The proposal changed after you opened it. Read the new text, then vote again.");
    }
    const vote = {
      choice: input.choice,
      reason: input.reason,
      proposalVersion: proposal.version,
      perspective: profile?.perspective ?? "OTHER",
    };
    await tx.vote.upsert({
      where: { proposalId_userId: { proposalId: proposal.id, userId: me.id } },
      create: { proposalId: proposal.id, userId: me.id, ...vote },
      update: vote,
      select: { id: true },
    });
    await recountTally(tx, proposal.id, proposal.version);
    // Voting follows the paper (unless the voter unfollowed it). The proposer hears of the vote
    // now, or in the digest if they heard of others within the hour (vote-digest.ts).
    await followPaperIn(tx, paper.id, me.id);
    await noteVoteForProposer(tx, proposal, me.id);
  }, QUEUED_TRANSACTION);
}

/** Recomputes the kept tallies from the votes on the given version ("both" counts for each side). */
export async function recountTally(tx: Pick<typeof db, "$executeRaw">, proposalId: string, version: number) {
  await tx.$executeRaw(Prisma.sql`
    UPDATE "Proposal" p SET ${Prisma.raw(TALLY_ASSIGNMENTS)}
    FROM (
      SELECT ${Prisma.raw(TALLY_COUNTS)}
      FROM "Vote" WHERE "proposalId" = ${proposalId}::uuid AND "proposalVersion" = ${version}
    ) t
    WHERE p.id = ${proposalId}::uuid`);
}
