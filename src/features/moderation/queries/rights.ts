import "server-only";
import { loadGroupAccess } from "@/server/authz/authorize";
import {
  type Actor,
  actsAsOwner,
  GROUP_ROLE_PERMISSIONS,
  type GroupPermission,
  type GroupRoleName,
  groupPermissionsOf,
  isSuspended,
  SITE_ADMIN_GROUP_PERMISSIONS,
} from "@/server/authz/permissions";
import { db } from "@/server/db";

/** Group settings about moderation. Public: the log page states them too. */
export async function getModerationSettings(groupId: string) {
  const group = await db.group.findUnique({ where: { id: groupId }, select: { autoHideReportThreshold: true } });
  return { autoHideReportThreshold: group?.autoHideReportThreshold ?? null };
}

/** What the viewer may do in a group, for deciding which controls to show (every mutation checks again). */
export async function groupModerationRights(viewer: Actor, groupId: string) {
  const { membership } = await loadGroupAccess(db, viewer, groupId);
  const granted = groupPermissionsOf(viewer, membership);
  return {
    viewQueue: granted.has("moderation.viewQueue"),
    actOnPost: granted.has("moderation.actOnPost"),
    actOnThread: granted.has("moderation.actOnThread"),
    suspendMember: granted.has("moderation.suspendMember"),
    /** Owners may suspend owners; moderators may not. */
    suspendOwners:
      granted.has("moderation.suspendMember") && (actsAsOwner(viewer, membership) || viewer?.siteRole === "ADMIN"),
    report: granted.has("post.report"),
  };
}

/** The same, for the group a thread is in now; null for an unknown thread. */
export async function threadModerationRights(viewer: Actor, threadId: string) {
  const thread = await db.thread.findUnique({ where: { id: threadId }, select: { groupId: true } });
  return thread ? { groupId: thread.groupId, ...(await groupModerationRights(viewer, thread.groupId)) } : null;
}

/** Group roles that carry a permission, read from the permission map. */
function rolesWith(permission: GroupPermission): GroupRoleName[] {
  return (Object.keys(GROUP_ROLE_PERMISSIONS) as GroupRoleName[]).filter((role) =>
    GROUP_ROLE_PERMISSIONS[role].includes(permission),
  );
}

export const MOVE_TARGETS_LIMIT = 200;

/** Groups a thread may be moved to by the viewer: where they may moderate threads, except `excludeGroupId`. */
export async function listMoveTargets(viewer: Actor, excludeGroupId: string): Promise<{ id: string; name: string }[]> {
  if (!viewer || isSuspended(viewer.suspendedUntil)) return [];
  if (viewer.siteRole === "ADMIN" && SITE_ADMIN_GROUP_PERMISSIONS.includes("moderation.actOnThread")) {
    return db.group.findMany({
      where: { id: { not: excludeGroupId } },
      orderBy: { name: "asc" },
      take: MOVE_TARGETS_LIMIT,
      select: { id: true, name: true },
    });
  }
  const rows = await db.membership.findMany({
    where: {
      userId: viewer.id,
      status: "ACTIVE",
      role: { in: rolesWith("moderation.actOnThread") },
      groupId: { not: excludeGroupId },
      OR: [{ suspendedUntil: null }, { suspendedUntil: { lte: new Date() } }],
    },
    orderBy: { group: { name: "asc" } },
    take: MOVE_TARGETS_LIMIT,
    select: { group: { select: { id: true, name: true } } },
  });
  return rows.map((r) => r.group);
}
