import "server-only";
import type { PostStatus } from "@/generated/prisma/enums";
import { db, type Tx } from "@/server/db";
import { conflict, forbidden, invalid, isUniqueViolation, notFound, unauthenticated } from "@/server/errors";
import { canInGroup, isSuspended, type Actor, type GroupPermission } from "@/server/authz/permissions";
import { loadGroupAccess, lockGroup } from "@/features/groups/access";
import { notify } from "@/features/notifications/mutations";
import { formatDate } from "@/lib/dates";
import { assertCan, suspensionInForce } from "./access";
import { recordModerationAction } from "./log";
import type {
  MoveThreadInput,
  PostWithOptionalReasonInput,
  PostWithReasonInput,
  ReportPostInput,
  SuspendMemberInput,
  ThreadWithOptionalReasonInput,
  UnsuspendMemberInput,
} from "./schemas";

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
 * Loads a post and the actor's standing in its group, checks the permission, then locks the post
 * row (reports and moderator actions on one post happen one at a time) and reads it again.
 */
async function loadPostFor(tx: Tx, actor: Actor, postId: string, permission: GroupPermission) {
  if (!actor) throw unauthenticated();
  const before = await tx.post.findUnique({ where: { id: postId }, select: POST_SELECT });
  if (!before) throw notFound("That post");
  const { group, membership } = await loadGroupAccess(tx, actor, before.thread.groupId);
  assertCan(actor, membership, permission);
  await tx.$queryRaw`SELECT id FROM "Post" WHERE id = ${postId}::uuid FOR UPDATE`;
  const post = await tx.post.findUnique({ where: { id: postId }, select: POST_SELECT });
  if (!post) throw notFound("That post");
  if (post.thread.groupId !== group.id) throw conflict("This thread was just moved to another group. Please reload the page and try again.");
  return { actor, post, group, membership };
}

const DELETED_BY_AUTHOR = "This post was deleted by its author, so there is nothing to moderate.";

/** Resolves the post's open reports in one statement; returns how many there were. */
async function resolveOpenReports(tx: Tx, postId: string, by: string, status: "ACTIONED" | "DISMISSED", resolution: string) {
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
export async function reportPost(actor: Actor, input: ReportPostInput): Promise<PostActionResult & { autoHidden: boolean }> {
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

      await tx.report.create({ data: { groupId: group.id, postId: post.id, reporterId: me.id, reason: input.reason }, select: { id: true } });
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
            data: { status: "HIDDEN", statusReason: `Hidden pending review after ${reporters} reports`, featuredAt: null, featuredById: null },
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
export async function dismissReports(actor: Actor, input: PostWithOptionalReasonInput): Promise<PostActionResult & { restored: boolean }> {
  return db.$transaction(async (tx) => {
    const { actor: me, post, group } = await loadPostFor(tx, actor, input.postId, "moderation.actOnPost");
    const count = await resolveOpenReports(tx, post.id, me.id, "DISMISSED", input.reason ? `Dismissed: ${input.reason}` : "Dismissed");
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
        await tx.post.update({ where: { id: post.id }, data: { status: "VISIBLE", statusReason: null }, select: { id: true } });
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
  HIDDEN: { kind: "HIDE_POST", already: "This post is already hidden.", resolution: "Post hidden", told: "hid your post" },
  REMOVED: { kind: "REMOVE_POST", already: "This post is already removed.", resolution: "Post removed", told: "removed your post" },
  VISIBLE: { kind: "RESTORE_POST", already: "This post is already visible.", resolution: "Post restored", told: "restored your post" },
} as const;

async function setPostStatus(actor: Actor, postId: string, to: Exclude<PostStatus, "DELETED">, reason: string | undefined): Promise<PostActionResult> {
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
    const resolved = await resolveOpenReports(tx, post.id, me.id, "ACTIONED", reason ? `${change.resolution}: ${reason}` : change.resolution);
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
        url: `/threads/${post.thread.id}/posts/${post.id}`,
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

export async function featurePost(actor: Actor, input: PostWithOptionalReasonInput): Promise<PostActionResult> {
  return db.$transaction(async (tx) => {
    const { actor: me, post, group } = await loadPostFor(tx, actor, input.postId, "moderation.actOnPost");
    if (post.status === "DELETED") throw conflict(DELETED_BY_AUTHOR);
    if (post.status !== "VISIBLE") throw conflict("Only visible posts can be marked as key contributions.");
    if (post.featuredAt) throw conflict("This post is already marked as a key contribution.");
    await tx.post.update({ where: { id: post.id }, data: { featuredAt: new Date(), featuredById: me.id }, select: { id: true } });
    await recordModerationAction(tx, {
      groupId: group.id,
      actorId: me.id,
      kind: "FEATURE_POST",
      reason: input.reason ?? "",
      postId: post.id,
      threadId: post.thread.id,
      subjectId: post.authorId ?? undefined,
      details: { threadTitle: post.thread.title },
    });
    return { threadId: post.thread.id, postId: post.id, groupSlug: group.slug };
  });
}

export async function unfeaturePost(actor: Actor, input: PostWithOptionalReasonInput): Promise<PostActionResult> {
  return db.$transaction(async (tx) => {
    const { actor: me, post, group } = await loadPostFor(tx, actor, input.postId, "moderation.actOnPost");
    if (post.status === "DELETED") throw conflict(DELETED_BY_AUTHOR);
    if (!post.featuredAt) throw conflict("This post is not marked as a key contribution.");
    await tx.post.update({ where: { id: post.id }, data: { featuredAt: null, featuredById: null }, select: { id: true } });
    await recordModerationAction(tx, {
      groupId: group.id,
      actorId: me.id,
      kind: "UNFEATURE_POST",
      reason: input.reason ?? "",
      postId: post.id,
      threadId: post.thread.id,
      subjectId: post.authorId ?? undefined,
      details: { threadTitle: post.thread.title },
    });
    return { threadId: post.thread.id, postId: post.id, groupSlug: group.slug };
  });
}

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
  assertCan(actor, access.membership, permission);
  await tx.$queryRaw`SELECT id FROM "Thread" WHERE id = ${threadId}::uuid FOR UPDATE`;
  const thread = await tx.thread.findUnique({ where: { id: threadId }, select: THREAD_SELECT });
  if (!thread) throw notFound("That thread");
  if (thread.groupId !== access.group.id) throw conflict("This thread was just moved to another group. Please reload the page and try again.");
  return { actor, thread, ...access };
}

export type ThreadActionResult = { threadId: string; groupSlug: string };

const THREAD_FLAGS = {
  lock: { field: "lockedAt", on: true, kind: "LOCK_THREAD", refusal: "This thread is already locked." },
  unlock: { field: "lockedAt", on: false, kind: "UNLOCK_THREAD", refusal: "This thread is not locked." },
  pin: { field: "pinnedAt", on: true, kind: "PIN_THREAD", refusal: "This thread is already pinned." },
  unpin: { field: "pinnedAt", on: false, kind: "UNPIN_THREAD", refusal: "This thread is not pinned." },
} as const;

async function setThreadFlag(actor: Actor, input: ThreadWithOptionalReasonInput, change: keyof typeof THREAD_FLAGS): Promise<ThreadActionResult> {
  const flag = THREAD_FLAGS[change];
  return db.$transaction(async (tx) => {
    const { actor: me, thread, group } = await loadThreadFor(tx, actor, input.threadId, "moderation.actOnThread");
    if ((thread[flag.field] !== null) === flag.on) throw conflict(flag.refusal);
    await tx.thread.update({ where: { id: thread.id }, data: { [flag.field]: flag.on ? new Date() : null }, select: { id: true } });
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
export const unlockThread = (actor: Actor, input: ThreadWithOptionalReasonInput) => setThreadFlag(actor, input, "unlock");
/** Pinned threads list first in their group. */
export const pinThread = (actor: Actor, input: ThreadWithOptionalReasonInput) => setThreadFlag(actor, input, "pin");
export const unpinThread = (actor: Actor, input: ThreadWithOptionalReasonInput) => setThreadFlag(actor, input, "unpin");

/**
 * Moves a group discussion to another group. The mover needs moderation.actOnThread in both groups.
 * Both groups' thread counters move with it, the thread's reports follow it to the new group's
 * queue, and the move is logged in both groups.
 */
export async function moveThread(actor: Actor, input: MoveThreadInput): Promise<{ threadId: string; fromSlug: string; toSlug: string }> {
  return db.$transaction(async (tx) => {
    const { actor: me, thread, group: from } = await loadThreadFor(tx, actor, input.threadId, "moderation.actOnThread");
    if (thread.subject !== "GROUP") throw conflict("Threads attached to a paper move with the paper.");
    if (input.toGroupId === from.id) throw invalid("The thread is already in that group.", { toGroupId: "Choose a different group." });
    const { group: to, membership: toMembership } = await loadGroupAccess(tx, me, input.toGroupId);
    if (!canInGroup(me, "moderation.actOnThread", toMembership)) {
      throw forbidden(`You can only move a thread to a group where you moderate threads, and you do not moderate ${to.name}.`);
    }
    await tx.thread.update({ where: { id: thread.id }, data: { groupId: to.id }, select: { id: true } });
    // Counter updates in a fixed order (by id), so two opposite moves at once cannot deadlock.
    const counters = [
      { id: from.id, data: { threadCount: { decrement: 1 } } },
      { id: to.id, data: { threadCount: { increment: 1 } } },
    ].sort((a, b) => a.id.localeCompare(b.id));
    for (const c of counters) await tx.group.update({ where: { id: c.id }, data: c.data, select: { id: true } });
    // The reports follow the thread into the new group's queue.
    await tx.report.updateMany({ where: { groupId: from.id, post: { threadId: thread.id } }, data: { groupId: to.id } });
    const details = { title: thread.title, fromGroupId: from.id, fromGroupName: from.name, toGroupId: to.id, toGroupName: to.name };
    for (const groupId of [from.id, to.id]) {
      await recordModerationAction(tx, { groupId, actorId: me.id, kind: "MOVE_THREAD", reason: input.reason, threadId: thread.id, details });
    }
    return { threadId: thread.id, fromSlug: from.slug, toSlug: to.slug };
  });
}

// ---------------------------------------------------------------------------
// Suspending members from a group
// ---------------------------------------------------------------------------

async function loadSuspensionTarget(tx: Tx, actor: Actor, groupId: string, userId: string) {
  if (!actor) throw unauthenticated();
  await lockGroup(tx, groupId);
  const { group, membership } = await loadGroupAccess(tx, actor, groupId);
  assertCan(actor, membership, "moderation.suspendMember");
  const target = await tx.membership.findUnique({
    where: { groupId_userId: { groupId, userId } },
    select: { role: true, status: true, suspendedUntil: true },
  });
  if (target?.role === "OWNER" && membership?.role !== "OWNER" && actor.siteRole !== "ADMIN") {
    throw forbidden("Only the group's owners can suspend or reinstate an owner.");
  }
  return { actor, group, target };
}

/** Suspends a member from one group for some days: they keep reading but cannot take part. */
export async function suspendMember(actor: Actor, input: SuspendMemberInput): Promise<{ until: Date; groupSlug: string }> {
  return db.$transaction(async (tx) => {
    const { actor: me, group, target } = await loadSuspensionTarget(tx, actor, input.groupId, input.userId);
    if (me.id === input.userId) throw invalid("You cannot suspend yourself.");
    if (!target || target.status !== "ACTIVE") throw notFound("That member");
    const until = new Date(Date.now() + input.days * DAY_MS);
    await tx.membership.update({
      where: { groupId_userId: { groupId: group.id, userId: input.userId } },
      data: { suspendedUntil: until, suspensionReason: input.reason },
      select: { userId: true },
    });
    await recordModerationAction(tx, {
      groupId: group.id,
      actorId: me.id,
      kind: "SUSPEND_MEMBER",
      reason: input.reason,
      subjectId: input.userId,
      details: { until: until.toISOString() },
    });
    await notify(tx, {
      userId: input.userId,
      actorId: me.id,
      kind: "MODERATION",
      text: `You are suspended from ${group.name} until ${formatDate(until)}: ${input.reason}`,
      url: `/groups/${group.slug}/log`,
    });
    return { until, groupSlug: group.slug };
  });
}

/** Lifts a suspension early, also for someone who left the group while suspended. */
export async function unsuspendMember(actor: Actor, input: UnsuspendMemberInput): Promise<{ groupSlug: string }> {
  return db.$transaction(async (tx) => {
    const { actor: me, group, target } = await loadSuspensionTarget(tx, actor, input.groupId, input.userId);
    const inForce = (target && isSuspended(target.suspendedUntil) ? target.suspendedUntil : null) ?? (await suspensionInForce(tx, group.id, input.userId));
    if (!inForce) throw conflict("They are not suspended from this group.");
    if (target) {
      await tx.membership.update({
        where: { groupId_userId: { groupId: group.id, userId: input.userId } },
        data: { suspendedUntil: null, suspensionReason: null },
        select: { userId: true },
      });
    }
    await recordModerationAction(tx, {
      groupId: group.id,
      actorId: me.id,
      kind: "UNSUSPEND_MEMBER",
      reason: input.reason ?? "",
      subjectId: input.userId,
      details: { until: inForce.toISOString() },
    });
    await notify(tx, {
      userId: input.userId,
      actorId: me.id,
      kind: "MODERATION",
      text: `Your suspension from ${group.name} has been lifted`,
      url: `/groups/${group.slug}`,
    });
    return { groupSlug: group.slug };
  });
}
