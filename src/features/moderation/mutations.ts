import "server-only";
import { notify } from "@/features/notifications/mutations";
import type { PostStatus } from "@/generated/prisma/enums";
import { postPath } from "@/lib/paths";
import { loadGroupAccess } from "@/server/authz/authorize";
import type { Actor, GroupPermission } from "@/server/authz/permissions";
import { assertCanRead, assertInGroup } from "@/server/authz/refusals";
import { db, type Tx } from "@/server/db";
import { conflict, invalid, isUniqueViolation, notFound, unauthenticated } from "@/server/errors";
import { recordModerationAction } from "./log";
import type { PostWithOptionalReasonInput, PostWithReasonInput, ReportPostInput } from "./schemas";

// Every mutation here: the permission map decides (for the group the post or thread is in now),
// one transaction does the change, and one ModerationAction row says who did what and why.
// Rows that several people may change at once (a post, a thread) are locked first.

const DAY_MS = 24 * 60 * 60 * 1000;

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
async function loadPostFor(tx: Tx, actor: Actor, postId: string, permission: GroupPermission) {
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

const DELETED_BY_AUTHOR = "This post was deleted by its author, so there is nothing to moderate.";

/** Resolves the post's open reports in one statement; returns how many there were. */
async function resolveOpenReports(
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

// ---------------------------------------------------------------------------
// Reports
// ---------------------------------------------------------------------------

/**
 * A member reports a post to the group's moderators: once per person per post, never their own.
 * When the group has an auto-hide threshold and that many different members have open reports on
 * a visible post, the post is hidden pending review (logged as AUTO_HIDE_POST; the public log does
 * not name the reporter).
 */
export async function reportPost(
  actor: Actor,
  input: ReportPostInput,
): Promise<PostActionResult & { autoHidden: boolean }> {
  try {
    return await db.$transaction(async (tx) => {
      const { actor: me, post, group } = await loadPostFor(tx, actor, input.postId, "post.report");
      if (post.authorId === me.id) throw invalid("You cannot report your own post.");
      if (post.status === "DELETED") throw conflict("This post was deleted by its author.");
      if (post.status === "REMOVED") throw conflict("This post has already been removed by a moderator.");
      if (post.status === "HIDDEN") throw conflict("This post is already hidden while the moderators look at it.");
      const already = await tx.report.findUnique({
        where: { postId_reporterId: { postId: post.id, reporterId: me.id } },
        select: { id: true },
      });
      if (already) throw conflict("You have already reported this post.");

      await tx.report.create({
        data: { groupId: group.id, postId: post.id, reporterId: me.id, reason: input.reason },
        select: { id: true },
      });
      await tx.post.update({ where: { id: post.id }, data: { reportCount: { increment: 1 } }, select: { id: true } });

      const { autoHideReportThreshold: threshold } = await tx.group.findUniqueOrThrow({
        where: { id: group.id },
        select: { autoHideReportThreshold: true },
      });
      let autoHidden = false;
      if (threshold) {
        // One open report per person (unique postId + reporterId), so this counts distinct reporters.
        const reporters = await tx.report.count({ where: { postId: post.id, status: "OPEN" } });
        if (reporters >= threshold) {
          await tx.post.update({
            where: { id: post.id },
            data: {
              status: "HIDDEN",
              statusReason: `Hidden pending review after ${reporters} reports`,
              featuredAt: null,
              featuredById: null,
            },
            select: { id: true },
          });
          await recordModerationAction(tx, {
            groupId: group.id,
            actorId: me.id,
            kind: "AUTO_HIDE_POST",
            reason: `Reported by ${reporters} different members`,
            postId: post.id,
            threadId: post.thread.id,
            subjectId: post.authorId ?? undefined,
            details: { auto: true, reports: reporters, threshold, threadTitle: post.thread.title },
          });
          autoHidden = true;
        }
      }
      return { threadId: post.thread.id, postId: post.id, groupSlug: group.slug, autoHidden };
    });
  } catch (error) {
    // Two reports by one person at the same moment: the unique index keeps one.
    if (isUniqueViolation(error)) throw conflict("You have already reported this post.");
    throw error;
  }
}

/** Closes the open reports on a post without acting on it. An automatically hidden post shows again. */
export async function dismissReports(
  actor: Actor,
  input: PostWithOptionalReasonInput,
): Promise<PostActionResult & { restored: boolean }> {
  return db.$transaction(async (tx) => {
    const { actor: me, post, group } = await loadPostFor(tx, actor, input.postId, "moderation.actOnPost");
    const count = await resolveOpenReports(
      tx,
      post.id,
      me.id,
      "DISMISSED",
      input.reason ? `Dismissed: ${input.reason}` : "Dismissed",
    );
    if (count === 0) throw conflict("There are no open reports on this post.");
    // A post hidden by the reports alone (its last status change was the automatic one) is shown again:
    // dismissing the reports is the review finding nothing wrong.
    let restored = false;
    if (post.status === "HIDDEN") {
      const lastChange = await tx.moderationAction.findFirst({
        where: { postId: post.id, kind: { in: ["HIDE_POST", "REMOVE_POST", "RESTORE_POST", "AUTO_HIDE_POST"] } },
        orderBy: { createdAt: "desc" },
        select: { kind: true },
      });
      if (lastChange?.kind === "AUTO_HIDE_POST") {
        await tx.post.update({
          where: { id: post.id },
          data: { status: "VISIBLE", statusReason: null },
          select: { id: true },
        });
        restored = true;
      }
    }
    await recordModerationAction(tx, {
      groupId: group.id,
      actorId: me.id,
      kind: "DISMISS_REPORT",
      reason: input.reason ?? "",
      postId: post.id,
      threadId: post.thread.id,
      subjectId: post.authorId ?? undefined,
      details: { reports: count, restored, threadTitle: post.thread.title },
    });
    return { threadId: post.thread.id, postId: post.id, groupSlug: group.slug, restored };
  });
}

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

export * from "./member-mutations";
export * from "./thread-mutations";
