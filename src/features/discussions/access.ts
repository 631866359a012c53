import "server-only";
import type { Tx } from "@/server/db";
import { db } from "@/server/db";
import { forbidden, notFound } from "@/server/errors";
import { canReadGroup, groupPermissionsOf, type Actor } from "@/server/authz/permissions";
import { loadGroupAccess } from "@/features/groups/access";

/** A thread, its group, and what the actor may do there; NOT_FOUND when they may not read it. */
export async function loadThreadAccess(client: Tx | typeof db, actor: Actor, threadId: string) {
  const thread = await client.thread.findUnique({
    where: { id: threadId },
    select: { id: true, groupId: true, title: true, subject: true, lockedAt: true, pinnedAt: true, lastSeq: true, postCount: true },
  });
  if (!thread) throw notFound("That thread");
  const { group, membership } = await loadGroupAccess(client, actor, thread.groupId);
  // Members-only threads are not acknowledged to outsiders.
  if (!canReadGroup(actor, group.joinPolicy, membership)) throw notFound("That thread");
  return { thread, group, membership, permissions: groupPermissionsOf(actor, membership) };
}

export function assertMayPost(actor: Actor, permissions: Set<string>, membership: { status: string; suspendedUntil: Date | null } | null) {
  if (permissions.has("post.create")) return;
  if (!actor) throw forbidden("Please sign in to take part.");
  if (actor.suspendedUntil && actor.suspendedUntil > new Date()) throw forbidden("Your account is suspended.");
  if (membership?.status === "ACTIVE" && membership.suspendedUntil && membership.suspendedUntil > new Date()) {
    throw forbidden(`You are suspended from this group until ${membership.suspendedUntil.toISOString().slice(0, 10)}.`);
  }
  throw forbidden("Join the group to take part in its discussions.");
}
