import "server-only";
import { notify } from "@/features/notifications/mutations";
import type { PostStatus } from "@/generated/prisma/enums";
import { postPath } from "@/lib/paths";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { conflict } from "@/server/errors";
import { recordModerationAction } from "./log";
import { DELETED_BY_AUTHOR, loadPostFor, type PostActionResult, resolveOpenReports } from "./post-access";
import type { PostWithOptionalReasonInput, PostWithReasonInput } from "./schemas";

// ---------------------------------------------------------------------------
// Hide, remove, restore
// ---------------------------------------------------------------------------

const STATUS_CHANGE = {
  HIDDEN: {
    kind: "HIDE_POST",
    already: "This post is already hidden.",
    resolution: "Post hidden",
    told: "hid your post",
  },
  REMOVED: {
    kind: "REMOVE_POST",
    already: "This post is already removed.",
    resolution: "Post removed",
    told: "removed your post",
  },
  VISIBLE: {
    kind: "RESTORE_POST",
    already: "This post is already visible.",
    resolution: "Post restored",
    told: "restored your post",
  },
} as const;

async function setPostStatus(
  actor: Actor,
  postId: string,
  to: Exclude<PostStatus, "DELETED">,
  reason: string | undefined,
): Promise<PostActionResult> {
  const change = STATUS_CHANGE[to];
  return db.$transaction(async (tx) => {
    const { actor: me, post, group } = await loadPostFor(tx, actor, postId, "moderation.actOnPost");
    if (post.status === "DELETED") throw conflict(DELETED_BY_AUTHOR);
    if (post.status === to) throw conflict(change.already);
    // Only visible posts are key contributions.
    const unfeatured = to !== "VISIBLE" && post.featuredAt !== null;
    await tx.post.update({
      where: { id: post.id },
      data: {
        status: to,
        statusReason: to === "VISIBLE" ? null : reason,
        ...(unfeatured ? { featuredAt: null, featuredById: null } : {}),
      },
      select: { id: true },
    });
    const resolved = await resolveOpenReports(
      tx,
      post.id,
      me.id,
      "ACTIONED",
      reason ? `${change.resolution}: ${reason}` : change.resolution,
    );
    await recordModerationAction(tx, {
      groupId: group.id,
      actorId: me.id,
      kind: change.kind,
      reason: reason ?? "",
      postId: post.id,
      threadId: post.thread.id,
      subjectId: post.authorId ?? undefined,
      details: { from: post.status, reportsResolved: resolved, unfeatured, threadTitle: post.thread.title },
    });
    // The author hears what happened and why, as Discourse does; the log says it to everyone else.
    if (post.authorId) {
      await notify(tx, {
        userId: post.authorId,
        actorId: me.id,
        kind: "MODERATION",
        text: `The moderators ${change.told} in “${post.thread.title}”${reason ? `: ${reason}` : ""}`,
        url: postPath(post.thread.id, post.id),
      });
    }
    return { threadId: post.thread.id, postId: post.id, groupSlug: group.slug };
  });
}

/** Hides a post: its reason shows in its place; moderators can still read it. */
export function hidePost(actor: Actor, input: PostWithReasonInput) {
  return setPostStatus(actor, input.postId, "HIDDEN", input.reason);
}

/** Removes a post: its text is never shown again, only the reason. */
export function removePost(actor: Actor, input: PostWithReasonInput) {
  return setPostStatus(actor, input.postId, "REMOVED", input.reason);
}

/** Shows a hidden or removed post again. */
export function restorePost(actor: Actor, input: PostWithOptionalReasonInput) {
  return setPostStatus(actor, input.postId, "VISIBLE", input.reason);
}

// ---------------------------------------------------------------------------
// Key contributions
// ---------------------------------------------------------------------------

/** Marks or unmarks a post as a key contribution; only visible posts can be one. */
async function setFeatured(actor: Actor, input: PostWithOptionalReasonInput, on: boolean): Promise<PostActionResult> {
  return db.$transaction(async (tx) => {
    const { actor: me, post, group } = await loadPostFor(tx, actor, input.postId, "moderation.actOnPost");
    if (post.status === "DELETED") throw conflict(DELETED_BY_AUTHOR);
    if (on && post.status !== "VISIBLE") throw conflict("Only visible posts can be marked as key contributions.");
    if (on && post.featuredAt) throw conflict("This post is already marked as a key contribution.");
    if (!on && !post.featuredAt) throw conflict("This post is not marked as a key contribution.");
    await tx.post.update({
      where: { id: post.id },
      data: on ? { featuredAt: new Date(), featuredById: me.id } : { featuredAt: null, featuredById: null },
      select: { id: true },
    });
    await recordModerationAction(tx, {
      groupId: group.id,
      actorId: me.id,
      kind: on ? "FEATURE_POST" : "UNFEATURE_POST",
      reason: input.reason ?? "",
      postId: post.id,
      threadId: post.thread.id,
      subjectId: post.authorId ?? undefined,
      details: { threadTitle: post.thread.title },
    });
    return { threadId: post.thread.id, postId: post.id, groupSlug: group.slug };
  });
}

export const featurePost = (actor: Actor, input: PostWithOptionalReasonInput) => setFeatured(actor, input, true);
export const unfeaturePost = (actor: Actor, input: PostWithOptionalReasonInput) => setFeatured(actor, input, false);
