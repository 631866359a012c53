import "server-only";
import { authorize } from "@/server/authz/authorize";
import type { Actor } from "@/server/authz/permissions";
import { assertInGroup, assertSelf, requireActor, type SignedIn } from "@/server/authz/refusals";
import { db } from "@/server/db";
import { wakeMailer } from "@/server/email/mailer";
import { conflict, forbidden, invalid, notFound } from "@/server/errors";
import { renderForWrite } from "@/server/markdown/rendered";
import { consumeLimit } from "@/server/rate-limit";
import { loadPostAccess, loadReplyAccess, loadThreadAccess } from "./access";
import { notifyAboutPost } from "./notify-post";
import { canChangeOwnPost, canReplyTo } from "./policy";
import type { CreateThreadInput, ReplyInput } from "./schemas";
import { MAX_INLINE_DEPTH, sortKeyFor } from "./tree";

async function displayName(userId: string) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { displayName: true } });
  return user.displayName;
}

/** What a thread discusses, when it is not a group's own thread: a paper, a section or a proposal. */
export type ThreadSubjectRef =
  | { subject: "PAPER"; paperId: string }
  | { subject: "SECTION"; sectionId: string }
  | { subject: "PROPOSAL"; proposalId: string };

/**
 * Starts a thread in a group: the thread and its opening post, or nothing. Threads about a paper,
 * section or proposal are listed with their subject rather than in the group's thread list.
 */
export async function createThread(actor: Actor, input: CreateThreadInput, about?: ThreadSubjectRef) {
  const me = requireActor(actor);
  const { group } = await authorize(me, "post.create", { groupId: input.groupId });
  await consumeLimit("post", me.id);
  const { html, mentions } = (await renderForWrite({ body: input.body }, { by: me.id })).fields.body;
  const authorName = await displayName(me.id);

  const result = await db.$transaction(async (tx) => {
    const thread = await tx.thread.create({
      data: { groupId: group.id, title: input.title, authorId: me.id, postCount: 1, lastSeq: 1, ...about },
      select: { id: true },
    });
    const post = await tx.post.create({
      data: {
        threadId: thread.id,
        seq: 1,
        ...sortKeyFor(1, null),
        authorId: me.id,
        bodyMarkdown: input.body,
        bodyHtml: html,
      },
      select: { id: true },
    });
    if (!about)
      await tx.group.update({ where: { id: group.id }, data: { threadCount: { increment: 1 } }, select: { id: true } });
    await tx.threadFollow.create({ data: { threadId: thread.id, userId: me.id } });
    await tx.threadRead.create({ data: { threadId: thread.id, userId: me.id, lastReadSeq: 1 } });
    const notified = await notifyAboutPost(
      tx,
      {
        id: post.id,
        threadId: thread.id,
        authorId: me.id,
        authorName,
        threadTitle: input.title,
        parentAuthorId: null,
        mentions,
      },
      group,
    );
    return { threadId: thread.id, postId: post.id, notified };
  });
  if (result.notified.length) wakeMailer();
  return { threadId: result.threadId, postId: result.postId };
}

/** Replies to a thread, or to a post in it. Numbers the post under a row lock on the thread. */
export async function replyToThread(actor: Actor, input: ReplyInput) {
  const me = requireActor(actor);
  const { thread, group, membership, authorName } = await loadReplyAccess(me, input.threadId);
  assertInGroup(me, "post.create", membership);
  if (thread.lockedAt) throw forbidden("This thread is locked: no new replies.");
  await consumeLimit("post", me.id);
  const { html, mentions } = (await renderForWrite({ body: input.body }, { by: me.id })).fields.body;

  const result = await db.$transaction(async (tx) => {
    const parent = input.parentId
      ? await tx.post.findUnique({
          where: { id: input.parentId },
          select: { id: true, threadId: true, sortKey: true, depth: true, status: true, authorId: true },
        })
      : null;
    if (input.parentId && (!parent || parent.threadId !== thread.id)) throw notFound("The post you are replying to");
    if (parent && !canReplyTo(parent))
      throw conflict("You cannot reply to a post that moderators have hidden or removed.");
    // Taking the next number locks the thread row, so concurrent replies get distinct numbers;
    // the lock check is repeated here because a moderator may have locked it meanwhile.
    const numbered = await tx.thread
      .update({
        where: { id: thread.id },
        data: { lastSeq: { increment: 1 }, postCount: { increment: 1 }, lastPostAt: new Date() },
        select: { lastSeq: true, lockedAt: true },
      })
      .catch((error: unknown) => {
        // Its author deleted the thread (its only post) since it was loaded.
        if ((error as { code?: string } | null)?.code === "P2025") throw notFound("That thread");
        throw error;
      });
    if (numbered.lockedAt) throw forbidden("This thread is locked: no new replies.");
    const post = await tx.post.create({
      data: {
        threadId: thread.id,
        seq: numbered.lastSeq,
        ...sortKeyFor(numbered.lastSeq, parent),
        parentId: parent?.id ?? null,
        authorId: me.id,
        bodyMarkdown: input.body,
        bodyHtml: html,
      },
      select: { id: true },
    });
    if (parent)
      await tx.post.update({ where: { id: parent.id }, data: { replyCount: { increment: 1 } }, select: { id: true } });
    // One INSERT … ON CONFLICT DO NOTHING; an upsert that changes nothing costs Prisma three statements.
    await tx.threadFollow.createMany({ data: [{ threadId: thread.id, userId: me.id }], skipDuplicates: true });
    const notified = await notifyAboutPost(
      tx,
      {
        id: post.id,
        threadId: thread.id,
        authorId: me.id,
        authorName,
        threadTitle: thread.title,
        parentAuthorId: parent?.authorId ?? null,
        mentions,
      },
      group,
    );
    return { postId: post.id, notified };
  });
  if (result.notified.length) wakeMailer();
  return { postId: result.postId };
}

/**
 * One's own post, for changing it: NOT_FOUND unless the actor can read it; FORBIDDEN unless they
 * wrote it and may change it (the permission map: that is taking part in the group, so neither
 * kind of suspension allows it).
 */
async function loadOwnPost(me: SignedIn, postId: string, permission: "post.edit" | "post.delete") {
  const { post, ...access } = await loadPostAccess(db, me, postId);
  if (post.authorId !== me.id) throw forbidden("You can only change your own posts.");
  const member = access.membership?.status === "ACTIVE";
  if (permission === "post.delete" && !member) assertSelf(me, "post.deleteAfterLeaving");
  else assertInGroup(me, permission, access.membership);
  if (!canChangeOwnPost(me.id, post))
    throw conflict(
      post.status === "DELETED"
        ? "This post was deleted."
        : "Moderators are reviewing this post; it cannot be changed now.",
    );
  if (access.thread.lockedAt) throw forbidden("This thread is locked.");
  return { post, ...access };
}

/** Edits one's own post, keeping the earlier text in its public history. */
export async function editPost(actor: Actor, input: { postId: string; body: string }) {
  const me = requireActor(actor);
  const { post } = await loadOwnPost(me, input.postId, "post.edit");
  if (post.bodyMarkdown === input.body) throw invalid("Nothing changed.");
  const { html } = (await renderForWrite({ body: input.body }, { by: me.id })).fields.body;
  await db.$transaction(async (tx) => {
    // Only the version we loaded is replaced; a concurrent edit makes this one fail cleanly.
    const updated = await tx.post.updateMany({
      where: { id: post.id, status: "VISIBLE", bodyMarkdown: post.bodyMarkdown },
      data: { bodyMarkdown: input.body, bodyHtml: html, editedAt: new Date() },
    });
    if (updated.count === 0) throw conflict("This post changed while you were editing it. Reload and try again.");
    await tx.postRevision.create({ data: { postId: post.id, editorId: me.id, bodyMarkdown: post.bodyMarkdown } });
  });
}

/**
 * Deletes one's own post: its text goes, a marker keeps the replies in place. An opening post
 * nobody has replied to takes its thread with it (as in Discourse): a thread of one deleted post
 * says nothing, so it leaves every list and its address answers "not found".
 */
export async function deletePost(actor: Actor, input: { postId: string }) {
  const me = requireActor(actor);
  const { post, thread, group } = await loadOwnPost(me, input.postId, "post.delete");
  return db.$transaction(async (tx) => {
    if (post.seq === 1) {
      // The thread row's lock orders this against a reply being numbered: either the reply
      // comes first and the thread stays, or the deletion does and the reply finds no thread.
      const [locked] = await tx.$queryRaw<{ lastSeq: number; subject: string; groupId: string }[]>`
        SELECT "lastSeq", subject::text, "groupId"::text FROM "Thread" WHERE id = ${thread.id}::uuid FOR UPDATE`;
      if (locked?.lastSeq === 1) {
        await tx.thread.delete({ where: { id: thread.id }, select: { id: true } });
        // Only a group's own threads are counted (createThread); the thread may have been moved meanwhile.
        if (locked.subject === "GROUP")
          await tx.group.update({
            where: { id: locked.groupId },
            data: { threadCount: { decrement: 1 } },
            select: { id: true },
          });
        return { threadDeleted: true, groupSlug: group.slug };
      }
    }
    await tx.post.update({
      where: { id: post.id },
      data: { status: "DELETED", bodyMarkdown: "", bodyHtml: "", featuredAt: null, featuredById: null },
      select: { id: true },
    });
    // The edit history would otherwise keep what the author chose to delete.
    await tx.postRevision.deleteMany({ where: { postId: post.id } });
    return { threadDeleted: false, groupSlug: group.slug };
  });
}

/** Following decides only what lands in one's own notifications, so a suspended account may. */
export async function followThread(actor: Actor, input: { threadId: string }) {
  const me = requireActor(actor);
  await loadThreadAccess(db, me, input.threadId);
  assertSelf(me, "notifications.manage");
  await db.threadFollow.upsert({
    where: { threadId_userId: { threadId: input.threadId, userId: me.id } },
    create: { threadId: input.threadId, userId: me.id },
    update: {},
  });
}

export async function unfollowThread(actor: Actor, input: { threadId: string }) {
  const me = requireActor(actor);
  await loadThreadAccess(db, me, input.threadId);
  assertSelf(me, "notifications.manage");
  await db.threadFollow.deleteMany({ where: { threadId: input.threadId, userId: me.id } });
}

/**
 * Records what the reader has seen of the thread after a page showed them `shown` (a window of
 * posts in tree order). The read mark moves to the newest post shown, but never past a post that
 * comes later in the thread than the window (a later window the reader has not opened yet), so a
 * reply there stays "New"; the reader's own posts, and replies deeper than the thread page draws
 * (read on their "Continue" page), hold nothing up. One number cannot say "read 21-40 but not 41",
 * so a new reply nested in an earlier window than the one read is taken as passed over.
 * The notices of posts now behind the mark are read with it (the bell should not ask twice).
 * `previousSeq` is the mark the page already read. One statement, no transaction: the mark moves
 * only forward (a request that saw an older thread and finishes late leaves it), and a reply
 * posted since the page read its window is newer than anything shown, so it stays unread.
 */
export async function markThreadRead(
  actor: Actor,
  thread: { id: string; lastSeq: number },
  previousSeq: number | null,
  shown: { seq: number; sortKey: string }[],
) {
  const from = previousSeq ?? 0;
  const newest = Math.max(0, ...shown.map((p) => p.seq));
  if (!actor || from >= thread.lastSeq || newest <= from) return;
  const lastKey =
    shown
      .map((p) => p.sortKey)
      .sort()
      .at(-1) ?? "";
  await db.$executeRaw`
    WITH mark AS (
      SELECT LEAST(${newest}::int, COALESCE(
        (SELECT min(p.seq) - 1 FROM "Post" p
          WHERE p."threadId" = ${thread.id}::uuid AND p.seq > ${from} AND p."sortKey" > ${lastKey}
            AND p.depth <= ${MAX_INLINE_DEPTH} AND p."authorId" IS DISTINCT FROM ${actor.id}::uuid),
        ${newest}::int)) AS seq
    ), moved AS (
      INSERT INTO "ThreadRead" ("userId", "threadId", "lastReadSeq", "readAt")
      SELECT ${actor.id}::uuid, ${thread.id}::uuid, mark.seq, now() FROM mark WHERE mark.seq > ${from}
      ON CONFLICT ("userId", "threadId") DO UPDATE
        SET "lastReadSeq" = EXCLUDED."lastReadSeq", "readAt" = EXCLUDED."readAt"
        WHERE "ThreadRead"."lastReadSeq" < EXCLUDED."lastReadSeq"
      RETURNING "lastReadSeq"
    )
    UPDATE "Notification" n SET "readAt" = now()
    FROM moved
    WHERE n."userId" = ${actor.id}::uuid AND n."threadId" = ${thread.id}::uuid AND n."readAt" IS NULL
      AND (n."postId" IS NULL OR (SELECT p.seq FROM "Post" p WHERE p.id = n."postId") <= moved."lastReadSeq")`;
}
