import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { ModerationActionKind } from "@/generated/prisma/enums";
import type { Tx } from "@/server/db";

/** Moderation in the open: every governing action is written in the same transaction as the action. */
export async function recordModerationAction(
  tx: Tx,
  entry: {
    groupId: string | null;
    actorId: string;
    kind: ModerationActionKind;
    reason?: string;
    subjectId?: string;
    postId?: string;
    threadId?: string;
    details?: Prisma.InputJsonObject;
  },
) {
  await tx.moderationAction.create({
    data: {
      groupId: entry.groupId,
      actorId: entry.actorId,
      kind: entry.kind,
      reason: entry.reason ?? "",
      subjectId: entry.subjectId,
      postId: entry.postId,
      threadId: entry.threadId,
      details: entry.details ?? {},
    },
    select: { id: true },
  });
}
