import "server-only";
import { loadGroupAccess } from "@/server/authz/authorize";
import type { Actor, GroupPermission } from "@/server/authz/permissions";
import { assertCanRead, assertInGroup } from "@/server/authz/refusals";
import type { Tx } from "@/server/db";
import { conflict, notFound, unauthenticated } from "@/server/errors";

// What every mutation on a post shares (reports, post-mutations): the permission map decides (for
// the group the post is in now), one transaction does the change, and one ModerationAction row says
// who did what and why. The post row is locked first, as several people may act on it at once.

/** What the actions need to refresh afterwards. */
export type PostActionResult = { threadId: string; postId: string; groupSlug: string };

const POST_SELECT = {
  id: true,
  status: true,
  authorId: true,
  featuredAt: true,
  thread: { select: { id: true, title: true, groupId: true } },
} as const;

/**
 * Loads a post and the actor's standing in its group (NOT_FOUND if they cannot read it), checks the
 * permission, then locks the post row (reports and moderator actions on one post happen one at a
 * time) and reads it again.
 */
export async function loadPostFor(tx: Tx, actor: Actor, postId: string, permission: GroupPermission) {
  if (!actor) throw unauthenticated();
  const before = await tx.post.findUnique({ where: { id: postId }, select: POST_SELECT });
  if (!before) throw notFound("That post");
  const { group, membership } = await loadGroupAccess(tx, actor, before.thread.groupId);
  // Members-only posts are not acknowledged to outsiders; those who can see one may still be refused.
  assertCanRead(actor, group, membership, "That post");
  assertInGroup(actor, permission, membership);
  await tx.$queryRaw`SELECT id FROM "Post" WHERE id = ${postId}::uuid FOR UPDATE`;
  const post = await tx.post.findUnique({ where: { id: postId }, select: POST_SELECT });
  if (!post) throw notFound("That post");
  if (post.thread.groupId !== group.id)
    throw conflict("This thread was just moved to another group. Please reload the page and try again.");
  return { actor, post, group, membership };
}

export const DELETED_BY_AUTHOR = "This post was deleted by its author, so there is nothing to moderate.";

/** Resolves the post's open reports in one statement; returns how many there were. */
export async function resolveOpenReports(
  tx: Tx,
  postId: string,
  by: string,
  status: "ACTIONED" | "DISMISSED",
  resolution: string,
) {
  const { count } = await tx.report.updateMany({
    where: { postId, status: "OPEN" },
    data: { status, resolvedById: by, resolvedAt: new Date(), resolution: resolution.slice(0, 500) },
  });
  return count;
}
