import "server-only";
import { loadGroupAccess } from "@/server/authz/authorize";
import { type Actor, canInGroup, type GroupPermission } from "@/server/authz/permissions";
import { assertCanRead, assertInGroup } from "@/server/authz/refusals";
import { db, type Tx } from "@/server/db";
import { conflict, forbidden, invalid, notFound, unauthenticated } from "@/server/errors";
import { recordModerationAction } from "./log";
import type { MoveThreadInput, ThreadWithOptionalReasonInput } from "./schemas";

// Moderating threads: lock, pin, move.

// ---------------------------------------------------------------------------
// Threads
// ---------------------------------------------------------------------------

const THREAD_SELECT = { id: true, title: true, groupId: true, subject: true, lockedAt: true, pinnedAt: true } as const;

/** Like loadPostFor, for threads: check, lock the thread row, read it again. */
async function loadThreadFor(tx: Tx, actor: Actor, threadId: string, permission: GroupPermission) {
  if (!actor) throw unauthenticated();
  const before = await tx.thread.findUnique({ where: { id: threadId }, select: THREAD_SELECT });
  if (!before) throw notFound("That thread");
  const access = await loadGroupAccess(tx, actor, before.groupId);
  assertCanRead(actor, access.group, access.membership, "That thread");
  assertInGroup(actor, permission, access.membership);
  await tx.$queryRaw`SELECT id FROM "Thread" WHERE id = ${threadId}::uuid FOR UPDATE`;
  const thread = await tx.thread.findUnique({ where: { id: threadId }, select: THREAD_SELECT });
  if (!thread) throw notFound("That thread");
  if (thread.groupId !== access.group.id)
    throw conflict("This thread was just moved to another group. Please reload the page and try again.");
  return { actor, thread, ...access };
}

export type ThreadActionResult = { threadId: string; groupSlug: string };

const THREAD_FLAGS = {
  lock: { field: "lockedAt", on: true, kind: "LOCK_THREAD", refusal: "This thread is already locked." },
  unlock: { field: "lockedAt", on: false, kind: "UNLOCK_THREAD", refusal: "This thread is not locked." },
  pin: { field: "pinnedAt", on: true, kind: "PIN_THREAD", refusal: "This thread is already pinned." },
  unpin: { field: "pinnedAt", on: false, kind: "UNPIN_THREAD", refusal: "This thread is not pinned." },
} as const;

async function setThreadFlag(
  actor: Actor,
  input: ThreadWithOptionalReasonInput,
  change: keyof typeof THREAD_FLAGS,
): Promise<ThreadActionResult> {
  const flag = THREAD_FLAGS[change];
  return db.$transaction(async (tx) => {
    const { actor: me, thread, group } = await loadThreadFor(tx, actor, input.threadId, "moderation.actOnThread");
    if ((thread[flag.field] !== null) === flag.on) throw conflict(flag.refusal);
    await tx.thread.update({
      where: { id: thread.id },
      data: { [flag.field]: flag.on ? new Date() : null },
      select: { id: true },
    });
    await recordModerationAction(tx, {
      groupId: group.id,
      actorId: me.id,
      kind: flag.kind,
      reason: input.reason ?? "",
      threadId: thread.id,
      details: { title: thread.title },
    });
    return { threadId: thread.id, groupSlug: group.slug };
  });
}

/** No new posts while locked. */
export const lockThread = (actor: Actor, input: ThreadWithOptionalReasonInput) => setThreadFlag(actor, input, "lock");
export const unlockThread = (actor: Actor, input: ThreadWithOptionalReasonInput) =>
  setThreadFlag(actor, input, "unlock");
/** Pinned threads list first in their group. */
export const pinThread = (actor: Actor, input: ThreadWithOptionalReasonInput) => setThreadFlag(actor, input, "pin");
export const unpinThread = (actor: Actor, input: ThreadWithOptionalReasonInput) => setThreadFlag(actor, input, "unpin");

/**
 * Moves a group discussion to another group. The mover needs moderation.actOnThread in both groups.
 * Both groups' thread counters move with it, the thread's reports follow it to the new group's
 * queue, and the move is logged in both groups.
 */
export async function moveThread(
  actor: Actor,
  input: MoveThreadInput,
): Promise<{ threadId: string; fromSlug: string; toSlug: string }> {
  return db.$transaction(async (tx) => {
    const { actor: me, thread, group: from } = await loadThreadFor(tx, actor, input.threadId, "moderation.actOnThread");
    if (thread.subject !== "GROUP") throw conflict("Threads attached to a paper move with the paper.");
    if (input.toGroupId === from.id)
      throw invalid("The thread is already in that group.", { toGroupId: "Choose a different group." });
    const { group: to, membership: toMembership } = await loadGroupAccess(tx, me, input.toGroupId);
    if (!canInGroup(me, "moderation.actOnThread", toMembership)) {
      throw forbidden(
        `You can only move a thread to a group where you moderate threads, and you do not moderate ${to.name}.`,
      );
    }
    await tx.thread.update({ where: { id: thread.id }, data: { groupId: to.id }, select: { id: true } });
    // Counter updates in a fixed order (by id), so two opposite moves at once cannot deadlock.
    const counters = [
      { id: from.id, data: { threadCount: { decrement: 1 } } },
      { id: to.id, data: { threadCount: { increment: 1 } } },
    ].sort((a, b) => a.id.localeCompare(b.id));
    for (const c of counters) await tx.group.update({ where: { id: c.id }, data: c.data, select: { id: true } });
    // The reports follow the thread into the new group's queue.
    await tx.report.updateMany({
      where: { groupId: from.id, post: { threadId: thread.id } },
      data: { groupId: to.id },
    });
    const details = {
      title: thread.title,
      fromGroupId: from.id,
      fromGroupName: from.name,
      toGroupId: to.id,
      toGroupName: to.name,
    };
    for (const groupId of [from.id, to.id]) {
      await recordModerationAction(tx, {
        groupId,
        actorId: me.id,
        kind: "MOVE_THREAD",
        reason: input.reason,
        threadId: thread.id,
        details,
      });
    }
    return { threadId: thread.id, fromSlug: from.slug, toSlug: to.slug };
  });
}
