import "server-only";
import { pageCountOf, pageRows } from "@/lib/pages";
import { authorize, loadGroupAccess } from "@/server/authz/authorize";

import { type Actor, canReadGroup, type GroupPermission, groupPermissionsOf } from "@/server/authz/permissions";
import { assertCanReadLists, participationRefusal } from "@/server/authz/refusals";
import { db } from "@/server/db";

export const GROUPS_PAGE_SIZE = 12;
export const MEMBERS_PAGE_SIZE = 30;

/** Browse and search groups; every group is listed, approval groups' contents stay members-only. */
export async function listGroups(viewer: Actor, { q, page }: { q: string; page: number }) {
  const where = q
    ? {
        OR: [
          { name: { contains: q, mode: "insensitive" as const } },
          { description: { contains: q, mode: "insensitive" as const } },
        ],
      }
    : {};
  const [total, groups] = await Promise.all([
    db.group.count({ where }),
    db.group.findMany({
      where,
      orderBy: [{ memberCount: "desc" }, { createdAt: "desc" }],
      ...pageRows(page, GROUPS_PAGE_SIZE),
      select: {
        id: true,
        slug: true,
        name: true,
        description: true,
        joinPolicy: true,
        memberCount: true,
        threadCount: true,
        paperCount: true,
      },
    }),
  ]);
  const mine = viewer
    ? await db.membership.findMany({
        where: { userId: viewer.id, groupId: { in: groups.map((g) => g.id) } },
        select: { groupId: true, status: true },
      })
    : [];
  const statusByGroup = new Map(mine.map((m) => [m.groupId, m.status]));
  return {
    groups: groups.map((g) => ({ ...g, viewerStatus: statusByGroup.get(g.id) ?? null })),
    total,
    page,
    pageCount: pageCountOf(total, GROUPS_PAGE_SIZE),
  };
}

export type PerspectiveCounts = { practitioners: number; serviceUsers: number; others: number; both: number };

/** Members by perspective in one grouped query; people who are both count in each of the first two. */
async function perspectiveCounts(groupId: string): Promise<PerspectiveCounts> {
  const rows = await db.$queryRaw<{ perspective: string; count: number }[]>`
    SELECT p.perspective::text AS perspective, count(*)::int AS count
    FROM "Membership" m JOIN "Profile" p ON p."userId" = m."userId"
    WHERE m."groupId" = ${groupId}::uuid AND m.status = 'ACTIVE'
    GROUP BY p.perspective`;
  const by = Object.fromEntries(rows.map((r) => [r.perspective, r.count])) as Record<string, number>;
  const both = by.BOTH ?? 0;
  return {
    practitioners: (by.PRACTITIONER ?? 0) + both,
    serviceUsers: (by.SERVICE_USER ?? 0) + both,
    others: by.OTHER ?? 0,
    both,
  };
}

export async function getGroupPage(slug: string, viewer: Actor) {
  const group = await db.group.findUnique({
    where: { slug: slug.toLowerCase() },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      joinPolicy: true,
      sector: true,
      memberCount: true,
      threadCount: true,
      paperCount: true,
      createdAt: true,
      memberships: {
        where: { status: "ACTIVE", role: { in: ["OWNER", "MODERATOR"] } },
        orderBy: { joinedAt: "asc" },
        take: 20,
        select: { role: true, user: { select: { handle: true, displayName: true } } },
      },
    },
  });
  if (!group) return null;
  const { membership } = await loadGroupAccess(db, viewer, group.id);
  const permissions = groupPermissionsOf(viewer, membership);
  const [counts, pendingCount, openReports] = await Promise.all([
    perspectiveCounts(group.id),
    permissions.has("members.approve")
      ? db.membership.count({ where: { groupId: group.id, status: "PENDING" } })
      : Promise.resolve(0),
    permissions.has("moderation.viewQueue")
      ? db.report.count({ where: { groupId: group.id, status: "OPEN" } })
      : Promise.resolve(0),
  ]);
  const { memberships: stewards, ...rest } = group;
  return {
    group: rest,
    stewards: stewards.map((s) => ({ role: s.role, handle: s.user.handle, displayName: s.user.displayName })),
    counts,
    membership,
    can: (p: GroupPermission) => permissions.has(p),
    /** Why this member may not do it (suspended, say), where joining or signing in would not help. */
    refusal: (p: GroupPermission) => participationRefusal(viewer, p, membership),
    canRead: canReadGroup(viewer, group.joinPolicy, membership),
    pendingCount,
    openReports,
  };
}

/** Members of a group; in approval groups only members (and admins) may see who belongs. */
export async function listMembers(viewer: Actor, groupId: string, page: number) {
  const { group, membership } = await loadGroupAccess(db, viewer, groupId);
  assertCanReadLists(viewer, group, membership, "members");
  const [total, members] = await Promise.all([
    db.membership.count({ where: { groupId, status: "ACTIVE" } }),
    db.membership.findMany({
      where: { groupId, status: "ACTIVE" },
      // Owners first, then moderators, then members, each by join date.
      orderBy: [{ role: "asc" }, { joinedAt: "asc" }],
      ...pageRows(page, MEMBERS_PAGE_SIZE),
      select: {
        role: true,
        joinedAt: true,
        suspendedUntil: true,
        user: { select: { id: true, handle: true, displayName: true, profile: { select: { perspective: true } } } },
      },
    }),
  ]);
  return {
    members: members.map((m) => ({
      userId: m.user.id,
      handle: m.user.handle,
      displayName: m.user.displayName,
      perspective: m.user.profile?.perspective ?? "OTHER",
      role: m.role,
      joinedAt: m.joinedAt,
      suspendedUntil: m.suspendedUntil,
    })),
    total,
    page,
    pageCount: pageCountOf(total, MEMBERS_PAGE_SIZE),
  };
}

export async function listPendingRequests(viewer: Actor, groupId: string) {
  await authorize(viewer, "members.approve", { groupId });
  const requests = await db.membership.findMany({
    where: { groupId, status: "PENDING" },
    orderBy: { createdAt: "asc" },
    take: 100,
    select: {
      requestNote: true,
      createdAt: true,
      user: {
        select: {
          id: true,
          handle: true,
          displayName: true,
          profile: { select: { perspective: true, sector: true, hideSector: true } },
        },
      },
    },
  });
  return requests.map((r) => ({
    userId: r.user.id,
    handle: r.user.handle,
    displayName: r.user.displayName,
    perspective: r.user.profile?.perspective ?? "OTHER",
    sector: r.user.profile && !r.user.profile.hideSector ? r.user.profile.sector : null,
    note: r.requestNote,
    requestedAt: r.createdAt,
  }));
}

/** Groups the viewer belongs to, for their home page. */
export async function listMyGroups(viewer: Actor) {
  if (!viewer) return [];
  const rows = await db.membership.findMany({
    where: { userId: viewer.id },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { role: true, status: true, group: { select: { slug: true, name: true, memberCount: true } } },
  });
  return rows.map((r) => ({ ...r.group, role: r.role, status: r.status }));
}
