import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/server/authz/permissions";
import type { db } from "@/server/db";
import { conflict, unauthenticated } from "@/server/errors";
import { recordVote } from "./record-vote";
import type { VoteInput } from "./schemas";
import { TALLY_ASSIGNMENTS, TALLY_COUNTS } from "./tally-sql";
import { tellProposerIfDue } from "./vote-digest";
import { assertMayVote, loadVoteFacts } from "./vote-facts";

/** Decisions a vote may take when what it was decided on changes under it (see below). */
const ATTEMPTS = 4;

/**
 * Casts or changes the actor's vote: one read of the facts, the permission map's decision, then
 * one statement that writes the vote, moves the kept tallies by the difference and re-checks the
 * facts under the proposal's row lock (record-vote.ts). Tallies always equal the votes on the
 * current version, however many people vote at once.
 *
 * If the facts changed between the read and the write (the proposal closed or changed, the
 * membership ended), nothing is written, and the vote is decided again on fresh facts: the
 * refusal is then the one the new facts call for.
 */
export async function castVote(actor: Actor, input: VoteInput) {
  if (!actor) throw unauthenticated();
  const me = actor;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const now = new Date();
    const facts = assertMayVote(me, await loadVoteFacts(me, input.proposalId), input, now);
    const vote = await recordVote(me, facts, input, now);
    if (!vote.recorded) continue;
    // Voting followed the paper and queued a notice for the proposer; they hear of it now unless
    // they heard of votes within the hour (then the digest job tells them: vote-digest.ts).
    if (vote.proposerToTell) await tellProposerIfDue(facts.proposalId, vote.votesToldAt, now);
    return;
  }
  throw conflict("Too much changed on this proposal at once for your vote to be recorded. Please try again.");
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
