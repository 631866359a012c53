import "server-only";
import { recordModerationAction } from "@/features/moderation/log";
import { loadGroupAccess } from "@/server/authz/authorize";
import { type Actor, canInGroup } from "@/server/authz/permissions";
import { assertCanRead, assertInGroup, requireActor } from "@/server/authz/refusals";
import { db } from "@/server/db";
import { conflict, forbidden, invalid, notFound } from "@/server/errors";
import { authorMayRetitle } from "./policy";
import type { EditThreadTitleInput } from "./schemas";

const THREAD_SELECT = {
  id: true,
  groupId: true,
  subject: true,
  title: true,
  authorId: true,
  createdAt: true,
  lockedAt: true,
} as const;

const TOO_LATE =
  "Others have replied and more than a day has passed since you started this thread, so its title can no longer be changed by you. Ask the group's moderators if it needs changing.";

/**
 * Changes a thread's title. Its author may, until someone else replies or within a day of starting
 * it (policy.ts); the group's moderators always may, and their change goes in the open moderation
 * log too. Every change is kept in the thread's title history. The thread row is locked before its
 * title is read, so two changes at once are applied one after the other and each history row's old
 * title is the title the change replaced.
 */
export async function editThreadTitle(actor: Actor, input: EditThreadTitleInput) {
  const me = requireActor(actor);
  return db.$transaction(async (tx) => {
    const found = await tx.thread.findUnique({ where: { id: input.threadId }, select: { groupId: true } });
    if (!found) throw notFound("That thread");
    const { group, membership } = await loadGroupAccess(tx, me, found.groupId);
    assertCanRead(me, group, membership, "That thread");
    // Only someone who may read it takes the lock; then it is read again, as it now stands.
    await tx.$queryRaw`SELECT id FROM "Thread" WHERE id = ${input.threadId}::uuid FOR UPDATE`;
    const thread = await tx.thread.findUnique({ where: { id: input.threadId }, select: THREAD_SELECT });
    if (!thread) throw notFound("That thread");
    if (thread.groupId !== group.id)
      throw conflict("This thread was just moved to another group. Please reload the page and try again.");

    const moderates = canInGroup(me, "moderation.actOnThread", membership);
    const isAuthor = thread.authorId === me.id;
    if (!isAuthor && !moderates) {
      // A suspension or missing membership is said as such; otherwise, whose title it is.
      assertInGroup(me, "thread.editTitle", membership);
      throw forbidden("Only the member who started a thread, and the group's moderators, can change its title.");
    }
    if (thread.subject !== "GROUP")
      throw conflict("A paper's, section's or proposal's discussion is named after what it discusses.");

    let asAuthor = false;
    if (isAuthor && canInGroup(me, "thread.editTitle", membership) && !thread.lockedAt) {
      const othersReplied =
        (await tx.post.count({
          where: { threadId: thread.id, seq: { gt: 1 }, OR: [{ authorId: null }, { authorId: { not: me.id } }] },
        })) > 0;
      asAuthor = authorMayRetitle({ createdAt: thread.createdAt, othersReplied });
    }
    if (!asAuthor && !moderates) {
      assertInGroup(me, "thread.editTitle", membership);
      if (thread.lockedAt) throw forbidden("This thread is locked.");
      throw forbidden(TOO_LATE);
    }
    if (thread.title === input.title) throw invalid("Nothing changed.", { title: "This is the title already." });

    await tx.thread.update({ where: { id: thread.id }, data: { title: input.title }, select: { id: true } });
    await tx.threadTitleChange.create({
      data: {
        threadId: thread.id,
        editorId: me.id,
        oldTitle: thread.title,
        newTitle: input.title,
        byModerator: !asAuthor,
      },
      select: { id: true },
    });
    if (!asAuthor)
      await recordModerationAction(tx, {
        groupId: group.id,
        actorId: me.id,
        kind: "RENAME_THREAD",
        threadId: thread.id,
        details: { title: input.title, oldTitle: thread.title, newTitle: input.title },
      });
    return { threadId: thread.id, byModerator: !asAuthor };
  });
}
