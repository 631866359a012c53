"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formatDate } from "@/lib/dates";
import { groupLogPath, groupMembersPath, groupModerationPath, groupPath, threadPath } from "@/lib/paths";
import { authedAction } from "@/server/action";
import { suspendMember, unsuspendMember } from "./member-mutations";
import type { PostActionResult } from "./post-access";
import { featurePost, hidePost, removePost, restorePost, unfeaturePost } from "./post-mutations";
import { dismissReports, reportPost } from "./report-mutations";
import {
  type QueueOutcome,
  ZMoveThread,
  ZPostWithOptionalReason,
  ZPostWithReason,
  ZReportPost,
  ZSuspendMember,
  ZThreadWithOptionalReason,
  ZUnsuspendMember,
} from "./schemas";
import {
  lockThread,
  moveThread,
  pinThread,
  type ThreadActionResult,
  unlockThread,
  unpinThread,
} from "./thread-mutations";

// Paths come from what the mutation returns, never from the form.

function refreshGroup(slug: string) {
  revalidatePath(groupPath(slug));
  revalidatePath(groupModerationPath(slug));
  revalidatePath(groupLogPath(slug));
}

function refreshThread(threadId: string) {
  // The thread page and every post permalink under it.
  revalidatePath(threadPath(threadId), "layout");
}

/**
 * Refreshes the pages showing the post. From the review queue, goes back to it with the outcome:
 * the handled post leaves the queue, and its form (with the message) with it.
 */
function refreshPost(r: PostActionResult, formData?: FormData, outcome?: QueueOutcome) {
  refreshThread(r.threadId);
  refreshGroup(r.groupSlug);
  if (outcome && formData?.get("returnTo") === "queue") redirect(`${groupModerationPath(r.groupSlug)}?done=${outcome}`);
}

function refreshThreadIn(r: ThreadActionResult) {
  refreshThread(r.threadId);
  refreshGroup(r.groupSlug);
}

export const reportPostAction = authedAction(ZReportPost, async (input, { user }) => {
  const result = await reportPost(user, input);
  refreshPost(result);
  return result.autoHidden
    ? "Thank you. Several members have reported this post, so it is hidden until a moderator reviews it."
    : "Thank you. The group's moderators will review this post.";
});

export const hidePostAction = authedAction(ZPostWithReason, async (input, { user, formData }) => {
  refreshPost(await hidePost(user, input), formData, "hidden");
  return "The post is hidden. Your reason shows in its place.";
});

export const removePostAction = authedAction(ZPostWithReason, async (input, { user, formData }) => {
  refreshPost(await removePost(user, input), formData, "removed");
  return "The post is removed. Your reason shows in its place.";
});

export const restorePostAction = authedAction(ZPostWithOptionalReason, async (input, { user, formData }) => {
  refreshPost(await restorePost(user, input), formData, "restored");
  return "The post is visible again.";
});

export const dismissReportsAction = authedAction(ZPostWithOptionalReason, async (input, { user, formData }) => {
  const result = await dismissReports(user, input);
  refreshPost(result, formData, result.restored ? "dismissed-restored" : "dismissed");
  return result.restored ? "Reports dismissed. The post is visible again." : "Reports dismissed.";
});

export const featurePostAction = authedAction(ZPostWithOptionalReason, async (input, { user, formData }) => {
  refreshPost(await featurePost(user, input), formData, "featured");
  return "Marked as a key contribution.";
});

export const unfeaturePostAction = authedAction(ZPostWithOptionalReason, async (input, { user, formData }) => {
  refreshPost(await unfeaturePost(user, input), formData, "unfeatured");
  return "No longer marked as a key contribution.";
});

export const lockThreadAction = authedAction(ZThreadWithOptionalReason, async (input, { user }) => {
  refreshThreadIn(await lockThread(user, input));
  return "The thread is locked: no new posts until it is unlocked.";
});

export const unlockThreadAction = authedAction(ZThreadWithOptionalReason, async (input, { user }) => {
  refreshThreadIn(await unlockThread(user, input));
  return "The thread is open for posts again.";
});

export const pinThreadAction = authedAction(ZThreadWithOptionalReason, async (input, { user }) => {
  refreshThreadIn(await pinThread(user, input));
  return "The thread is pinned to the top of the group.";
});

export const unpinThreadAction = authedAction(ZThreadWithOptionalReason, async (input, { user }) => {
  refreshThreadIn(await unpinThread(user, input));
  return "The thread is no longer pinned.";
});

export const moveThreadAction = authedAction(ZMoveThread, async (input, { user }) => {
  const result = await moveThread(user, input);
  refreshThread(result.threadId);
  refreshGroup(result.fromSlug);
  refreshGroup(result.toSlug);
  revalidatePath("/groups");
  return "The thread has moved. The move is recorded in both groups' moderation logs.";
});

export const suspendMemberAction = authedAction(ZSuspendMember, async (input, { user }) => {
  const { until, groupSlug } = await suspendMember(user, input);
  refreshGroup(groupSlug);
  revalidatePath(groupMembersPath(groupSlug));
  return `Suspended from the group until ${formatDate(until)}. They can still read, but not take part.`;
});

export const unsuspendMemberAction = authedAction(ZUnsuspendMember, async (input, { user }) => {
  const { groupSlug } = await unsuspendMember(user, input);
  refreshGroup(groupSlug);
  revalidatePath(groupMembersPath(groupSlug));
  return "Suspension lifted.";
});
