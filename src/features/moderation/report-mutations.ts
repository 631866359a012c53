import "server-only";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { conflict, invalid, isUniqueViolation } from "@/server/errors";
import { recordModerationAction } from "./log";
import { loadPostFor, type PostActionResult, resolveOpenReports } from "./post-access";
import type { PostWithOptionalReasonInput, ReportPostInput } from "./schemas";

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
