import "server-only";
import { throughParent } from "@/server/authz/authorize";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { threadAccess } from "./thread-access";

/** A post's earlier versions, visible to everyone who can read the thread. */
export async function getPostHistory(viewer: Actor, postId: string) {
  const post = await db.post.findUnique({
    where: { id: postId },
    select: {
      id: true,
      threadId: true,
      seq: true,
      status: true,
      bodyMarkdown: true,
      editedAt: true,
      createdAt: true,
      author: { select: { handle: true, displayName: true, deletedAt: true } },
    },
  });
  if (!post) throw notFound("That post");
  // Not readable: "not found" in the same words as a post that does not exist.
  const { thread } = await throughParent("That post", threadAccess(viewer, post.threadId));
  // Hidden, removed and deleted text stays out of the history too.
  if (post.status !== "VISIBLE") return { post: { ...post, bodyMarkdown: "" }, thread, revisions: [] };
  const revisions = await db.postRevision.findMany({
    where: { postId },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, bodyMarkdown: true, createdAt: true },
  });
  return { post, thread, revisions };
}
