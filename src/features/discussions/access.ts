import "server-only";
import { loadGroupAccess, throughParent } from "@/server/authz/authorize";
import type { Actor } from "@/server/authz/permissions";
import { assertCanRead } from "@/server/authz/refusals";
import type { db, Tx } from "@/server/db";
import { notFound } from "@/server/errors";

/** A thread, its group, and what the actor may do there; NOT_FOUND when they may not read it. */
export async function loadThreadAccess(client: Tx | typeof db, actor: Actor, threadId: string) {
  const thread = await client.thread.findUnique({
    where: { id: threadId },
    select: {
      id: true,
      groupId: true,
      title: true,
      subject: true,
      lockedAt: true,
      pinnedAt: true,
      lastSeq: true,
      postCount: true,
    },
  });
  if (!thread) throw notFound("That thread");
  const access = await loadGroupAccess(client, actor, thread.groupId);
  // Members-only threads are not acknowledged to outsiders.
  assertCanRead(actor, access.group, access.membership, "That thread");
  return { thread, ...access };
}

/**
 * A post and the access to its thread. Someone who may not read the thread is told there is no such
 * post, in the same words as for a post that does not exist: nothing says it is there.
 */
export async function loadPostAccess(client: Tx | typeof db, actor: Actor, postId: string) {
  const post = await client.post.findUnique({
    where: { id: postId },
    select: { id: true, threadId: true, seq: true, authorId: true, status: true, bodyMarkdown: true },
  });
  if (!post) throw notFound("That post");
  return { post, ...(await throughParent("That post", loadThreadAccess(client, actor, post.threadId))) };
}
