import "server-only";
import { loadOrganisationAccess } from "@/server/authz/authorize";
import { type Actor, canInOrganisation } from "@/server/authz/permissions";
import { db } from "@/server/db";

const MAX_CHOICES = 500;

/**
 * The groups a commission can be posted to: every open group, and the members-only groups the
 * viewer belongs to (others would not acknowledge the commission's poster), by field and name.
 */
export async function groupsToChooseFrom(viewer: NonNullable<Actor>, excludeCommissionId?: string) {
  const groups = await db.group.findMany({
    where: {
      OR: [
        { joinPolicy: "OPEN" },
        { memberships: { some: { userId: viewer.id, status: "ACTIVE" } } },
        ...(viewer.siteRole === "ADMIN" ? [{ joinPolicy: "APPROVAL" as const }] : []),
      ],
      ...(excludeCommissionId ? { commissionPostings: { none: { commissionId: excludeCommissionId } } } : {}),
    },
    orderBy: [{ sector: "asc" }, { name: "asc" }],
    take: MAX_CHOICES,
    select: { slug: true, name: true, sector: true, memberCount: true, joinPolicy: true },
  });
  return groups;
}

export type GroupChoice = Awaited<ReturnType<typeof groupsToChooseFrom>>[number];

/** A commission's brief and timeline: what its page shows and its edit form fills in. */
export const BRIEF_SELECT = {
  id: true,
  organisationId: true,
  title: true,
  question: true,
  background: true,
  scope: true,
  goodAnswer: true,
  disclosure: true,
  contributionsOpenAt: true,
  draftingFrom: true,
  deadlineAt: true,
} as const;

/**
 * The commission as its edit form needs it, for those who may change it (the mutation checks
 * again); null when it does not exist or the viewer may not edit it, so the page shows 404.
 */
export async function commissionForEditing(viewer: NonNullable<Actor>, commissionId: string) {
  const commission = await db.commission.findUnique({ where: { id: commissionId }, select: BRIEF_SELECT });
  if (!commission) return null;
  const { role } = await loadOrganisationAccess(db, viewer, commission.organisationId);
  return canInOrganisation(viewer, "commission.update", role) ? commission : null;
}
