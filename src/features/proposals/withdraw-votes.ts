import "server-only";
import type { Tx } from "@/server/db";
import { recountTally } from "./cast-vote";

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
 * lands before and is withdrawn here, or waits and then finds the membership gone (record-vote.ts
 * re-checks it under the same lock). Returns how many votes were withdrawn.
 */
export async function withdrawOpenVotes(
  tx: Tx,
  userId: string,
  scope: { groupId: string } | "every group",
): Promise<number> {
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
