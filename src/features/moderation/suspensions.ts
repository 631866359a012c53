import "server-only";
import type { ModerationActionKind } from "@/generated/prisma/enums";
import type { Db, Tx } from "@/server/db";
import { detailDate } from "./describe";

const SUSPENSION_KINDS: ModerationActionKind[] = ["SUSPEND_MEMBER", "UNSUSPEND_MEMBER"];

/**
 * When the person's suspension from the group ends, if one is in force: the latest suspend or
 * unsuspend action for them in the group is a suspension that has not run out. Read from the log,
 * so it survives leaving the group (and so rejoining cannot shed it).
 */
export async function suspensionInForce(
  client: Tx | Db,
  groupId: string,
  userId: string,
  now = new Date(),
): Promise<Date | null> {
  const latest = await client.moderationAction.findFirst({
    where: { groupId, subjectId: userId, kind: { in: SUSPENSION_KINDS } },
    orderBy: { createdAt: "desc" },
    select: { kind: true, details: true },
  });
  if (latest?.kind !== "SUSPEND_MEMBER") return null;
  const until = detailDate(latest.details, "until");
  return until && until > now ? until : null;
}
