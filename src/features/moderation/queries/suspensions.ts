import "server-only";
import { authorize } from "@/server/authz/authorize";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { groupModerationRights } from "./rights";
import { personOf } from "./shared";

export const SUSPENSIONS_LIMIT = 100;

/**
 * Suspensions from a group in force now, also of people who left while suspended (read from the
 * log, which is what keeps them out when they try to rejoin).
 */
export async function listSuspensions(viewer: Actor, groupId: string) {
  const { group } = await authorize(viewer, "moderation.suspendMember", { groupId });
  const rows = await db.$queryRaw<
    {
      userId: string;
      until: Date;
      reason: string;
      handle: string;
      displayName: string;
      deletedAt: Date | null;
      isMember: boolean;
    }[]
  >`
    SELECT s."subjectId" AS "userId", s.until, s.reason, u.handle, u."displayName", u."deletedAt", (m."userId" IS NOT NULL) AS "isMember"
    FROM (
      SELECT DISTINCT ON ("subjectId") "subjectId", kind, (details->>'until')::timestamptz AS until, reason
      FROM "ModerationAction"
      WHERE "groupId" = ${group.id}::uuid AND kind IN ('SUSPEND_MEMBER', 'UNSUSPEND_MEMBER') AND "subjectId" IS NOT NULL
      ORDER BY "subjectId", "createdAt" DESC
    ) s
    JOIN "User" u ON u.id = s."subjectId"
    LEFT JOIN "Membership" m ON m."groupId" = ${group.id}::uuid AND m."userId" = s."subjectId" AND m.status = 'ACTIVE'
    WHERE s.kind = 'SUSPEND_MEMBER' AND s.until > now()
    ORDER BY s.until
    LIMIT ${SUSPENSIONS_LIMIT}`;
  return rows.map((r) => ({
    userId: r.userId,
    until: r.until,
    reason: r.reason,
    person: personOf(r),
    isMember: r.isMember,
  }));
}

/** Members of a group suspended now (for showing suspend or lift on the members page); null if the viewer may not suspend. */
export async function suspendedMembersOf(viewer: Actor, groupId: string) {
  const rights = await groupModerationRights(viewer, groupId);
  if (!rights.suspendMember) return null;
  const rows = await db.membership.findMany({
    where: { groupId, status: "ACTIVE", suspendedUntil: { gt: new Date() } },
    orderBy: { suspendedUntil: "asc" },
    take: 1000,
    select: { userId: true, suspendedUntil: true },
  });
  const suspended = new Map<string, Date>();
  for (const r of rows) if (r.suspendedUntil) suspended.set(r.userId, r.suspendedUntil);
  return suspended;
}
