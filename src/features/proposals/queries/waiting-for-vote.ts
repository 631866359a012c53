import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { type Actor, isAccountSuspended } from "@/server/authz/permissions";
import { db } from "@/server/db";

export type WaitingProposal = {
  id: string;
  number: number;
  kind: string;
  baseHeading: string | null;
  proposedHeading: string | null;
  closesAt: Date;
  paperTitle: string;
  groupSlug: string;
  groupName: string;
};

/** How many the home and group pages show; the rest are on the "see all" page. */
export const WAITING_SHOWN = 5;
export const WAITING_PAGE_SIZE = 30;

/**
 * Open proposals the viewer may vote on and has not (on their current text), soonest closing
 * first, in one statement whatever the data size: the viewer's active, unsuspended memberships
 * (Membership_userId_status_idx) → their groups' papers that take votes (Paper_groupId_status_idx)
 * → open proposals (Proposal_paperId_status_idx) → the viewer's vote (Vote_proposalId_userId_key).
 * The total comes with the page (a window count), for "see all". Empty for the signed out and
 * for suspended and unconfirmed accounts, who may not vote. `groupId` or `groupSlug` limits it to one group. A commission's
 * acceptance vote is held while its paper awaits acceptance; every other while it is drafted.
 */
export async function waitingForVote(
  viewer: Actor,
  {
    groupId,
    groupSlug,
    limit = WAITING_SHOWN,
    offset = 0,
    now = new Date(),
  }: { groupId?: string; groupSlug?: string; limit?: number; offset?: number; now?: Date } = {},
): Promise<{ items: WaitingProposal[]; total: number }> {
  // Nor for an account whose address is not confirmed: it may not vote yet (the banner says why).
  if (!viewer || isAccountSuspended(viewer, now) || viewer.unconfirmed) return { items: [], total: 0 };
  const rows = await db.$queryRaw<(WaitingProposal & { total: bigint })[]>`
    SELECT p.id, p.number, p.kind::text AS kind, p."baseHeading", p."proposedHeading", p."closesAt",
           pa.title AS "paperTitle", g.slug AS "groupSlug", g.name AS "groupName",
           count(*) OVER () AS total
    ${waitingFrom(viewer.id, { groupId, groupSlug }, now)}
    ORDER BY p."closesAt", p.id
    LIMIT ${limit} OFFSET ${offset}`;
  // Past the last page the window count has no row to ride on: count on its own (rare).
  const total =
    rows.length > 0
      ? Number(rows[0].total)
      : offset > 0
        ? Number(
            (
              await db.$queryRaw<
                { n: bigint }[]
              >`SELECT count(*) AS n ${waitingFrom(viewer.id, { groupId, groupSlug }, now)}`
            )[0].n,
          )
        : 0;
  return { items: rows.map(({ total: _total, ...item }) => item), total };
}

function waitingFrom(userId: string, group: { groupId?: string; groupSlug?: string }, now: Date) {
  const inGroup = group.groupId
    ? Prisma.sql`AND m."groupId" = ${group.groupId}::uuid`
    : group.groupSlug
      ? Prisma.sql`AND g.slug = ${group.groupSlug}`
      : Prisma.empty;
  return Prisma.sql`
    FROM "Membership" m
    JOIN "Group" g ON g.id = m."groupId"
    JOIN "Paper" pa ON pa."groupId" = m."groupId" AND pa.status IN ('DRAFTING', 'AWAITING_ACCEPTANCE')
    JOIN "Proposal" p ON p."paperId" = pa.id AND p.status = 'OPEN' AND p."closesAt" > ${now}
    WHERE m."userId" = ${userId}::uuid AND m.status = 'ACTIVE'
      AND (m."suspendedUntil" IS NULL OR m."suspendedUntil" <= ${now}) ${inGroup}
      AND (p.kind = 'ACCEPT_COMMISSION') = (pa.status = 'AWAITING_ACCEPTANCE')
      AND NOT EXISTS (
        SELECT 1 FROM "Vote" v
        WHERE v."proposalId" = p.id AND v."userId" = ${userId}::uuid AND v."proposalVersion" = p.version
      )`;
}
