import "server-only";
import type { Tx } from "@/server/db";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { groupPermissionsOf, type Actor } from "@/server/authz/permissions";
import { assertCanReadGroup, loadGroupAccess } from "@/features/groups/access";

/** A thread, its group, and what the actor may do there; NOT_FOUND when they may not read it. */
export async function loadThreadAccess(client: Tx | typeof db, actor: Actor, threadId: string) {
  const thread = await client.thread.findUnique({
    where: { id: threadId },
    select: { id: true, groupId: true, title: true, subject: true, lockedAt: true, pinnedAt: true, lastSeq: true, postCount: true },
  });
  if (!thread) throw notFound("That thread");
  const { group, membership } = await loadGroupAccess(client, actor, thread.groupId);
  // Members-only threads are not acknowledged to outsiders.
  assertCanReadGroup(actor, group, membership, "That thread");
  return { thread, group, membership, permissions: groupPermissionsOf(actor, membership) };
}
