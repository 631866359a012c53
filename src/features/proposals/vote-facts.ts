import "server-only";
import type { GroupRoleName, MembershipFacts } from "@/server/authz/permissions";
import { assertCanRead, assertInGroup, type SignedIn } from "@/server/authz/refusals";
import { db } from "@/server/db";
import { conflict, notFound } from "@/server/errors";
import { assertVotingOpenOn } from "./access";
import type { VoteInput } from "./schemas";

/** Everything the permission map and the voting rules need to decide one vote, read in one statement. */
export type VoteFacts = {
  proposalId: string;
  paperId: string;
  groupId: string;
  kind: string;
  status: string;
  version: number;
  closesAt: Date;
  paperStatus: string;
  joinPolicy: "OPEN" | "APPROVAL";
  membership: MembershipFacts;
  perspective: string;
  /**
   * The voter's site-wide suspension as the database has it now: a suspension that committed after
   * the session was read (a vote in flight as an admin suspends its author) still counts.
   */
  voterSuspendedUntil: Date | null;
};

type FactsRow = Omit<VoteFacts, "membership"> & {
  role: GroupRoleName | null;
  memberStatus: "ACTIVE" | "PENDING" | null;
  suspendedUntil: Date | null;
};

/**
 * The proposal, its paper and group, the voter's membership there and their perspective: what
 * loadProposalAccess and the profile read gave in five statements. Null when there is no such proposal.
 */
export async function loadVoteFacts(me: SignedIn, proposalId: string): Promise<VoteFacts | null> {
  const [row] = await db.$queryRaw<FactsRow[]>`
    SELECT pr.id AS "proposalId", pr."paperId", pa."groupId", pr.kind::text AS kind, pr.status::text AS status,
           pr.version, pr."closesAt", pa.status::text AS "paperStatus", g."joinPolicy"::text AS "joinPolicy",
           m.role::text AS role, m.status::text AS "memberStatus", m."suspendedUntil",
           coalesce(pf.perspective::text, 'OTHER') AS perspective,
           (SELECT u."suspendedUntil" FROM "User" u WHERE u.id = ${me.id}::uuid) AS "voterSuspendedUntil"
      FROM "Proposal" pr
      JOIN "Paper" pa ON pa.id = pr."paperId"
      JOIN "Group" g ON g.id = pa."groupId"
      LEFT JOIN "Membership" m ON m."groupId" = pa."groupId" AND m."userId" = ${me.id}::uuid
      LEFT JOIN "Profile" pf ON pf."userId" = ${me.id}::uuid
     WHERE pr.id = ${proposalId}::uuid`;
  if (!row) return null;
  const { role, memberStatus, suspendedUntil, ...facts } = row;
  const membership = role && memberStatus ? { role, status: memberStatus, suspendedUntil } : null;
  return { ...facts, membership };
}

/**
 * Throws the refusal a person would get for this vote, in the usual order: not found (also for a
 * members-only proposal they may not read), then the permission map's FORBIDDEN, then the paper
 * and the proposal no longer taking votes.
 */
export function assertMayVote(signedIn: SignedIn, facts: VoteFacts | null, input: VoteInput, now: Date): VoteFacts {
  if (!facts) throw notFound("That proposal");
  const me = { ...signedIn, suspendedUntil: facts.voterSuspendedUntil };
  assertCanRead(me, { joinPolicy: facts.joinPolicy }, facts.membership, "That proposal");
  assertInGroup(me, "vote.cast", facts.membership);
  assertVotingOpenOn({ status: facts.paperStatus }, facts.kind);
  if (facts.status !== "OPEN" || facts.closesAt <= now) throw conflict("Voting on this proposal has closed.");
  if (facts.version !== input.version) {
    throw conflict("The proposal changed after you opened it. Read the new text, then vote again.");
  }
  return facts;
}
