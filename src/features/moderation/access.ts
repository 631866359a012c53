import "server-only";
import type { ModerationActionKind } from "@/generated/prisma/enums";
import type { Tx, Db } from "@/server/db";
import { forbidden, unauthenticated } from "@/server/errors";
import { canInGroup, isSuspended, type Actor, type GroupPermission, type MembershipFacts } from "@/server/authz/permissions";
import { detailDate } from "./describe";

const DENIALS: Partial<Record<GroupPermission, string>> = {
  "post.report": "Only members of this group can report its posts.",
  "moderation.viewQueue": "Only the group's moderators and owners can see its review queue.",
  "moderation.actOnPost": "Only the group's moderators and owners can moderate its posts.",
  "moderation.actOnThread": "Only the group's moderators and owners can moderate its threads.",
  "moderation.suspendMember": "Only the group's moderators and owners can suspend its members.",
};

/**
 * Throws unless the actor holds the permission in the group (through the one permission map),
 * with a reason a person can act on: signed out, account suspended, suspended from the group,
 * or not a moderator here.
 */
export function assertCan(actor: Actor, membership: MembershipFacts, permission: GroupPermission) {
  if (canInGroup(actor, permission, membership)) return;
  if (!actor) throw unauthenticated();
  if (isSuspended(actor.suspendedUntil)) throw forbidden("Your account is suspended.");
  if (membership?.status === "ACTIVE" && isSuspended(membership.suspendedUntil)) {
    throw forbidden("You are suspended from this group for now.");
  }
  throw forbidden(DENIALS[permission] ?? "You do not have permission to do that.");
}

const SUSPENSION_KINDS: ModerationActionKind[] = ["SUSPEND_MEMBER", "UNSUSPEND_MEMBER"];

/**
 * When the person's suspension from the group ends, if one is in force: the latest suspend or
 * unsuspend action for them in the group is a suspension that has not run out. Read from the log,
 * so it survives leaving the group (and so rejoining cannot shed it).
 */
export async function suspensionInForce(client: Tx | Db, groupId: string, userId: string, now = new Date()): Promise<Date | null> {
  const latest = await client.moderationAction.findFirst({
    where: { groupId, subjectId: userId, kind: { in: SUSPENSION_KINDS } },
    orderBy: { createdAt: "desc" },
    select: { kind: true, details: true },
  });
  if (latest?.kind !== "SUSPEND_MEMBER") return null;
  const until = detailDate(latest.details, "until");
  return until && until > now ? until : null;
}
