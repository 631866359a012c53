import "server-only";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz/permissions";

const MAX_CHOICES = 500;

/**
 * The groups a commission can be posted to: every open group, and the members-only groups the
 * viewer belongs to (others would not acknowledge the commission's poster), by field and name.
 */
export async function groupsToChooseFrom(viewer: NonNullable<Actor>, excludeCommissionId?: string) {
  const groups = await db.group.findMany({
    where: {
      OR: [{ joinPolicy: "OPEN" }, { memberships: { some: { userId: viewer.id, status: "ACTIVE" } } }, ...(viewer.siteRole === "ADMIN" ? [{ joinPolicy: "APPROVAL" as const }] : [])],
      ...(excludeCommissionId ? { commissionPostings: { none: { commissionId: excludeCommissionId } } } : {}),
    },
    orderBy: [{ sector: "asc" }, { name: "asc" }],
    take: MAX_CHOICES,
    select: { slug: true, name: true, sector: true, memberCount: true, joinPolicy: true },
  });
  return groups;
}

export type GroupChoice = Awaited<ReturnType<typeof groupsToChooseFrom>>[number];

/** The commission as its edit form needs it, for the organisation's admins. */
export async function commissionForEditing(commissionId: string) {
  return db.commission.findUnique({
    where: { id: commissionId },
    select: {
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
      organisation: { select: { slug: true, name: true } },
    },
  });
}
