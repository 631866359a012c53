import { z } from "zod";
import { zOptionalText, zText } from "@/lib/form-fields";

const zPostId = z.uuid("Unknown post.");
const zThreadId = z.uuid("Unknown thread.");
/** A reason the moderation log shows to everyone who can read the group. */
const zReason = zText("Reason", { min: 3, max: 500 });
const zOptionalReason = zOptionalText("Reason", 500);

export const ZReportPost = z.object({
  postId: zPostId,
  reason: zText("Your report", { min: 3, max: 1000 }),
});
export type ReportPostInput = z.infer<typeof ZReportPost>;

/** Hide and remove: the reason is shown in the post's place and in the log. */
export const ZPostWithReason = z.object({ postId: zPostId, reason: zReason });
export type PostWithReasonInput = z.infer<typeof ZPostWithReason>;

/** Restore, dismiss reports, feature, unfeature. */
export const ZPostWithOptionalReason = z.object({ postId: zPostId, reason: zOptionalReason });
export type PostWithOptionalReasonInput = z.infer<typeof ZPostWithOptionalReason>;

/** Lock, unlock, pin, unpin. */
export const ZThreadWithOptionalReason = z.object({ threadId: zThreadId, reason: zOptionalReason });
export type ThreadWithOptionalReasonInput = z.infer<typeof ZThreadWithOptionalReason>;

export const ZMoveThread = z.object({
  threadId: zThreadId,
  toGroupId: z.uuid("Choose the group to move the thread to."),
  reason: zReason,
});
export type MoveThreadInput = z.infer<typeof ZMoveThread>;

export const SUSPENSION_MAX_DAYS = 365;

export const ZSuspendMember = z.object({
  groupId: z.uuid("Unknown group."),
  userId: z.uuid("Unknown member."),
  days: z.coerce
    .number({ error: "Enter a number of days." })
    .int("Enter whole days.")
    .min(1, "Suspend for at least 1 day.")
    .max(SUSPENSION_MAX_DAYS, `Suspend for at most ${SUSPENSION_MAX_DAYS} days.`),
  reason: zReason,
});
export type SuspendMemberInput = z.infer<typeof ZSuspendMember>;

export const ZUnsuspendMember = z.object({
  groupId: z.uuid("Unknown group."),
  userId: z.uuid("Unknown member."),
  reason: zOptionalReason,
});
export type UnsuspendMemberInput = z.infer<typeof ZUnsuspendMember>;

/** What the review queue announces after an action taken there, by code: the page never echoes free text. */
export const QUEUE_OUTCOMES = {
  hidden: "The post is hidden. Your reason shows in its place.",
  removed: "The post is removed. Your reason shows in its place.",
  restored: "The post is visible again.",
  dismissed: "Reports dismissed.",
  "dismissed-restored": "Reports dismissed. The post is visible again.",
  featured: "Marked as a key contribution.",
  unfeatured: "No longer marked as a key contribution.",
} as const;
export type QueueOutcome = keyof typeof QUEUE_OUTCOMES;
