import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { SignedIn } from "@/server/authz/refusals";
import { db } from "@/server/db";
import type { VoteInput } from "./schemas";
import { TALLY_ADJUSTMENTS, TALLY_COUNTS } from "./tally-sql";
import type { VoteFacts } from "./vote-facts";

export type RecordedVote = {
  /** False when the facts the vote was allowed on no longer held: decide again on fresh ones. */
  recorded: boolean;
  /** The proposer, when they are to hear of this vote (a notice was queued for them). */
  proposerToTell: string | null;
  /** When the proposer last heard of votes on this proposal. */
  votesToldAt: Date | null;
};

/**
 * Writes a vote that assertMayVote allowed, in ONE statement, so the proposal's row lock is held
 * for that statement only. Under the lock it checks again that the facts the permission map
 * decided on still hold: the proposal still open at that version, the membership unchanged.
 *
 * Why each read is a locking one: the statement's snapshot is taken before it waits for the
 * proposal lock, so plain reads could miss what the lock's holder committed. Locked rows are read
 * as last committed. The membership and the voter's own row are locked after the proposal (SKIP
 * LOCKED: someone leaving, or an account being deleted, holds them while waiting for the proposal,
 * and waiting here would deadlock); locked, gone or changed (a suspension that committed while this
 * vote waited), the vote is not recorded and the caller decides again, on fresh facts. A first vote the same person committed while
 * this one waited is invisible here; the insert then does nothing, and the caller tries again.
 *
 * In the same statement: the vote (inserted or changed), the kept tallies moved by the difference
 * (tally-sql.ts), the paper followed, and the proposer's notice queued (vote-digest.ts).
 */
export async function recordVote(me: SignedIn, facts: VoteFacts, input: VoteInput, now: Date): Promise<RecordedVote> {
  const membership = facts.membership;
  if (!membership) return { recorded: false, proposerToTell: null, votesToldAt: null };
  const [row] = await db.$queryRaw<{ recorded: boolean; authorId: string | null; votesToldAt: Date | null }[]>`
    WITH locked AS MATERIALIZED (
      SELECT id, "authorId" FROM "Proposal"
       WHERE id = ${facts.proposalId}::uuid AND status = 'OPEN' AND version = ${facts.version}
         AND "closesAt" > ${now}::timestamptz
         FOR UPDATE
    ), member AS MATERIALIZED (
      SELECT m."userId" FROM locked, "Membership" m, "User" u
       WHERE m."groupId" = ${facts.groupId}::uuid AND m."userId" = ${me.id}::uuid
         AND m.role = ${membership.role}::"GroupRole" AND m.status = ${membership.status}::"MembershipStatus"
         AND m."suspendedUntil" IS NOT DISTINCT FROM ${membership.suspendedUntil}::timestamptz
         AND u.id = ${me.id}::uuid AND u."deletedAt" IS NULL
         AND u."suspendedUntil" IS NOT DISTINCT FROM ${facts.voterSuspendedUntil}::timestamptz
         FOR KEY SHARE OF m SKIP LOCKED
         FOR SHARE OF u SKIP LOCKED
    ), previous AS MATERIALIZED (
      SELECT v.id, v.choice, v.perspective, v."proposalVersion" FROM member, "Vote" v
       WHERE v."proposalId" = ${facts.proposalId}::uuid AND v."userId" = ${me.id}::uuid
         FOR UPDATE OF v
    ), inserted AS (
      INSERT INTO "Vote" ("proposalId", "userId", choice, reason, "proposalVersion", perspective)
      SELECT ${facts.proposalId}::uuid, ${me.id}::uuid, ${input.choice}::"VoteChoice", ${input.reason},
             ${facts.version}, ${facts.perspective}::"Perspective"
        FROM member WHERE NOT EXISTS (SELECT 1 FROM previous)
      ON CONFLICT ("proposalId", "userId") DO NOTHING
      RETURNING choice, perspective
    ), changed AS (
      UPDATE "Vote" v
         SET choice = ${input.choice}::"VoteChoice", reason = ${input.reason}, "proposalVersion" = ${facts.version},
             perspective = ${facts.perspective}::"Perspective", "updatedAt" = CURRENT_TIMESTAMP
        FROM previous WHERE v.id = previous.id
      RETURNING v.choice, v.perspective
    ), ballot AS (
      SELECT choice, perspective FROM inserted UNION ALL SELECT choice, perspective FROM changed
    ), tallied AS (
      UPDATE "Proposal" p SET ${Prisma.raw(TALLY_ADJUSTMENTS)}
        FROM (SELECT ${Prisma.raw(TALLY_COUNTS)} FROM ballot) t,
             (SELECT ${Prisma.raw(TALLY_COUNTS)} FROM previous WHERE "proposalVersion" = ${facts.version}) was
       WHERE p.id = ${facts.proposalId}::uuid AND EXISTS (SELECT 1 FROM ballot)
    ), followed AS (
      INSERT INTO "PaperFollow" ("paperId", "userId") SELECT ${facts.paperId}::uuid, ${me.id}::uuid FROM ballot
      ON CONFLICT DO NOTHING
    ), noticed AS (
      INSERT INTO "VoteNotice" ("proposalId", "userId")
      SELECT locked.id, ${me.id}::uuid FROM locked, ballot
       WHERE locked."authorId" IS NOT NULL AND locked."authorId" <> ${me.id}::uuid
      ON CONFLICT ("proposalId", "userId") DO UPDATE SET "createdAt" = CURRENT_TIMESTAMP
    )
    SELECT EXISTS (SELECT 1 FROM ballot) AS recorded,
           (SELECT "authorId" FROM locked) AS "authorId",
           (SELECT "votesToldAt" FROM "ProposalNotice" WHERE "proposalId" = ${facts.proposalId}::uuid) AS "votesToldAt"`;
  const recorded = !!row?.recorded;
  const author = row?.authorId ?? null;
  return {
    recorded,
    proposerToTell: recorded && author && author !== me.id ? author : null,
    votesToldAt: row?.votesToldAt ?? null,
  };
}
