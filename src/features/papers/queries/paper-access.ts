import "server-only";
import { cache } from "react";
import type { PaperStatus } from "@/generated/prisma/enums";
import { type GroupAccessColumns, membershipOf } from "@/server/authz/access-row";
import { type Actor, groupPermissionsOf } from "@/server/authz/permissions";
import { assertCanRead } from "@/server/authz/refusals";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";

type AccessRow = GroupAccessColumns & {
  id: string;
  groupId: string;
  slug: string;
  title: string;
  status: PaperStatus;
  revisionNumber: number;
  votingPeriodHours: number;
  quorum: number;
  thresholdPercent: number;
  publishThresholdPercent: number;
  requireBothPerspectives: boolean;
  hasDueProposals: boolean;
};

/**
 * A paper found by its group's slug and its own slug, with what the viewer may do there.
 * NOT_FOUND when there is no such paper or the viewer may not read it (members-only groups).
 * Cached per request, so a page and its metadata share one lookup.
 *
 * One statement, where loadPaperAccess takes four (paper id, paper, group, membership): every
 * paper page starts here. The facts are the same, and the decision is the same permission map's
 * (groupPermissionsOf, assertCanRead). `hasDueProposals` tells closeDueProposalsOfPaper whether
 * there is anything to close, so a page whose proposals are all in time asks nothing more.
 */
export const paperAccessBySlug = cache(async (viewer: Actor, groupSlug: string, paperSlug: string) => {
  const now = new Date();
  const [row] = await db.$queryRaw<AccessRow[]>`
    SELECT p.id, p."groupId", p.slug, p.title, p.status::text AS status, p."revisionNumber",
           p."votingPeriodHours", p.quorum, p."thresholdPercent", p."publishThresholdPercent",
           p."requireBothPerspectives",
           g.slug AS "groupSlug", g.name AS "groupName", g."joinPolicy"::text AS "joinPolicy",
           m.role::text AS "memberRole", m.status::text AS "memberStatus",
           m."suspendedUntil" AS "memberSuspendedUntil",
           EXISTS (
             SELECT 1 FROM "Proposal" d
             WHERE d."paperId" = p.id AND d.status = 'OPEN' AND d."closesAt" <= ${now}
           ) AS "hasDueProposals"
    FROM "Paper" p
    JOIN "Group" g ON g.id = p."groupId"
    LEFT JOIN "Membership" m ON m."groupId" = g.id AND m."userId" = ${viewer?.id ?? null}::uuid
    WHERE g.slug = ${groupSlug.toLowerCase()} AND p.slug = ${paperSlug.toLowerCase()}`;
  if (!row) throw notFound("That paper");
  const group = { id: row.groupId, slug: row.groupSlug, name: row.groupName, joinPolicy: row.joinPolicy };
  const membership = membershipOf(row);
  // Papers of members-only groups are not acknowledged to outsiders (as loadPaperAccess).
  assertCanRead(viewer, group, membership, "That paper");
  const paper = {
    id: row.id,
    groupId: row.groupId,
    slug: row.slug,
    title: row.title,
    status: row.status,
    revisionNumber: row.revisionNumber,
    votingPeriodHours: row.votingPeriodHours,
    quorum: row.quorum,
    thresholdPercent: row.thresholdPercent,
    publishThresholdPercent: row.publishThresholdPercent,
    requireBothPerspectives: row.requireBothPerspectives,
  };
  return {
    paper,
    group,
    membership,
    permissions: groupPermissionsOf(viewer, membership),
    hasDueProposals: row.hasDueProposals,
  };
});

/** Who did something, as pages show it: null stands for a former member (account deleted). */
export const PERSON = { select: { handle: true, displayName: true, deletedAt: true } } as const;
export type Person = { handle: string; displayName: string } | null;

export function personOf(user: { handle: string; displayName: string; deletedAt: Date | null } | null): Person {
  return user && !user.deletedAt ? { handle: user.handle, displayName: user.displayName } : null;
}

/** The tally columns of a proposal, selected together everywhere a tally is shown. */
export const TALLY = {
  supportCount: true,
  opposeCount: true,
  abstainCount: true,
  practitionerSupportCount: true,
  practitionerOpposeCount: true,
  serviceUserSupportCount: true,
  serviceUserOpposeCount: true,
} as const;

/** A proposal as the paper's pages list it: which one, who made it, and its tally columns. */
export const PROPOSAL_REF = { id: true, number: true, kind: true, author: PERSON, ...TALLY } as const;
export type ProposalRefRow = {
  id: string;
  number: number;
  kind: string;
  author: { handle: string; displayName: string; deletedAt: Date | null } | null;
} & { [K in keyof typeof TALLY]: number };
