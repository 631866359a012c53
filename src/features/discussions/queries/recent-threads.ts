import "server-only";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { LISTED_THREAD, listedAuthor, unreadCounter } from "./threads";

/**
 * The latest discussions in the groups the viewer is an active member of, newest activity first,
 * with posts since their last visit: what a member's home page opens with. Two statements and one
 * for the reads, whatever the number of groups or threads (the IN list uses the (groupId, subject)
 * index; a member's groups are few).
 */
export async function recentThreadsInMyGroups(viewer: Actor, take = 8) {
  if (!viewer) return [];
  const memberships = await db.membership.findMany({
    where: { userId: viewer.id, status: "ACTIVE" },
    select: { groupId: true },
  });
  if (memberships.length === 0) return [];
  const threads = await db.thread.findMany({
    where: { groupId: { in: memberships.map((m) => m.groupId) }, subject: "GROUP" },
    orderBy: [{ lastPostAt: "desc" }, { id: "desc" }],
    take,
    select: { ...LISTED_THREAD, group: { select: { slug: true, name: true } } },
  });
  const unreadOf = await unreadCounter(viewer, threads);
  return threads.map((t) => ({
    id: t.id,
    title: t.title,
    replies: t.postCount - 1,
    lastPostAt: t.lastPostAt,
    pinned: false, // pinning is the group's order; across groups it would only mislead
    locked: !!t.lockedAt,
    author: listedAuthor(t.author),
    group: t.group,
    unread: unreadOf(t),
  }));
}
