import "server-only";
import { db, QUEUED_TRANSACTION, type Tx } from "@/server/db";
import { conflict, unauthenticated } from "@/server/errors";
import type { Actor } from "@/server/authz/permissions";
import { assertInGroup } from "@/server/authz/refusals";
import { assertVotingOpenOn, loadProposalAccess } from "./access";
import { lockProposal } from "./proposal-mutations";
import type { VoteInput } from "./schemas";
import { Prisma } from "@/generated/prisma/client";
import { TALLY_ASSIGNMENTS, TALLY_COUNTS } from "./tally-sql";

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
    if (proposal.status !== "OPEN" || proposal.closesAt <= new Date()) throw conflict("Voting on this proposal has closed.");
    if (proposal.version !== input.version) {
      throw conflict("The proposal changed after you opened it. Read the new text, then vote again.");
    }
    const vote = { choice: input.choice, reason: input.reason, proposalVersion: proposal.version, perspective: profile?.perspective ?? "OTHER" };
    await tx.vote.upsert({
      where: { proposalId_userId: { proposalId: proposal.id, userId: me.id } },
      create: { proposalId: proposal.id, userId: me.id, ...vote },
      update: vote,
      select: { id: true },
    });
    await recountTally(tx, proposal.id, proposal.version);
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

/**
 * When a membership ends (the member leaves, an owner removes them, or the account is deleted),
 * their votes on proposals whose voting is still running are withdrawn, and those tallies are
 * recounted in the same transaction. Votes on proposals already decided, or whose voting period
 * has ended and which only wait to be closed, stand: a decision is made by the people who were
 * members while it was open, and leaving afterwards changes nothing.
 *
 * Why: a vote here is a member's say in what the group writes. Someone who is no longer a
 * member has no say in the group's open decisions, and counting them would let a person vote
 * and walk away (or be removed for abuse) while their vote still decides. Loomio does the same
 * (PollService.group_members_removed revokes a removed member's stances on active polls and
 * recounts). Unlike Loomio we delete the vote rather than keep a revoked copy: nothing else
 * would read it, and a member who rejoins while voting is open simply votes again.
 *
 * Every open proposal of the group (or, for "every group", of each group the person belongs to
 * and every one they voted on) is locked first, in id order as everywhere else, so a vote being cast at that moment either
 * lands before and is withdrawn here, or waits and then finds the membership gone (castVote
 * re-checks it under the same lock). Returns how many votes were withdrawn.
 */
export async function withdrawOpenVotes(tx: Tx, userId: string, scope: { groupId: string } | "every group"): Promise<number> {
  const open =
    scope === "every group"
      ? await tx.$queryRaw<{ id: string; version: number; closesAt: Date }[]>`
          SELECT p.id, p.version, p."closesAt" FROM "Proposal" p
           WHERE p.status = 'OPEN'
             AND (p.id IN (SELECT "proposalId" FROM "Vote" WHERE "userId" = ${userId}::uuid)
                  OR p."paperId" IN (SELECT pa.id FROM "Paper" pa JOIN "Membership" m ON m."groupId" = pa."groupId" WHERE m."userId" = ${userId}::uuid))
           ORDER BY p.id FOR UPDATE`
      : await tx.$queryRaw<{ id: string; version: number; closesAt: Date }[]>`
          SELECT p.id, p.version, p."closesAt" FROM "Proposal" p
           WHERE p.status = 'OPEN' AND p."paperId" IN (SELECT id FROM "Paper" WHERE "groupId" = ${scope.groupId}::uuid)
           ORDER BY p.id FOR UPDATE`;
  const now = new Date();
  const running = open.filter((p) => p.closesAt > now);
  if (running.length === 0) return 0;
  const { count } = await tx.vote.deleteMany({ where: { userId, proposalId: { in: running.map((p) => p.id) } } });
  if (count > 0) for (const p of running) await recountTally(tx, p.id, p.version);
  return count;
}
