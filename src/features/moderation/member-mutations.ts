import "server-only";
import { notify } from "@/features/notifications/mutations";
import { formatDate } from "@/lib/dates";
import { groupLogPath, groupPath } from "@/lib/paths";
import { authorize } from "@/server/authz/authorize";
import { type Actor, actsAsOwner, isSuspended } from "@/server/authz/permissions";
import { db, type Tx } from "@/server/db";
import { conflict, forbidden, invalid, notFound, unauthenticated } from "@/server/errors";
import { lockGroup } from "@/server/locks";
import { recordModerationAction } from "./log";
import type { SuspendMemberInput, UnsuspendMemberInput } from "./schemas";
import { suspensionInForce } from "./suspensions";

const DAY_MS = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------------------
// Suspending members from a group
// ---------------------------------------------------------------------------

async function loadSuspensionTarget(tx: Tx, actor: Actor, groupId: string, userId: string) {
  if (!actor) throw unauthenticated();
  await lockGroup(tx, groupId);
  const { group, membership } = await authorize(actor, "moderation.suspendMember", { groupId }, tx);
  const target = await tx.membership.findUnique({
    where: { groupId_userId: { groupId, userId } },
    select: { role: true, status: true, suspendedUntil: true },
  });
  if (target?.role === "OWNER" && !actsAsOwner(actor, membership) && actor.siteRole !== "ADMIN") {
    throw forbidden("Only the group's owners can suspend or reinstate an owner.");
  }
  return { actor, group, target };
}

/** A suspension or its lifting goes in the group's log (with the end date) and to the member. */
async function logAndTell(
  tx: Tx,
  a: {
    groupId: string;
    actorId: string;
    subjectId: string;
    kind: "SUSPEND_MEMBER" | "UNSUSPEND_MEMBER";
    reason: string;
    until: Date;
    text: string;
    url: string;
  },
) {
  await recordModerationAction(tx, {
    groupId: a.groupId,
    actorId: a.actorId,
    kind: a.kind,
    reason: a.reason,
    subjectId: a.subjectId,
    details: { until: a.until.toISOString() },
  });
  await notify(tx, { userId: a.subjectId, actorId: a.actorId, kind: "MODERATION", text: a.text, url: a.url });
}

/** Suspends a member from one group for some days: they keep reading but cannot take part. */
export async function suspendMember(
  actor: Actor,
  input: SuspendMemberInput,
): Promise<{ until: Date; groupSlug: string }> {
  return db.$transaction(async (tx) => {
    const { actor: me, group, target } = await loadSuspensionTarget(tx, actor, input.groupId, input.userId);
    if (me.id === input.userId) throw invalid("You cannot suspend yourself.");
    if (target?.status !== "ACTIVE") throw notFound("That member");
    const until = new Date(Date.now() + input.days * DAY_MS);
    await tx.membership.update({
      where: { groupId_userId: { groupId: group.id, userId: input.userId } },
      data: { suspendedUntil: until, suspensionReason: input.reason },
      select: { userId: true },
    });
    await logAndTell(tx, {
      groupId: group.id,
      actorId: me.id,
      subjectId: input.userId,
      kind: "SUSPEND_MEMBER",
      reason: input.reason,
      until,
      text: `You are suspended from ${group.name} until ${formatDate(until)}: ${input.reason}`,
      url: groupLogPath(group.slug),
    });
    return { until, groupSlug: group.slug };
  });
}

/** Lifts a suspension early, also for someone who left the group while suspended. */
export async function unsuspendMember(actor: Actor, input: UnsuspendMemberInput): Promise<{ groupSlug: string }> {
  return db.$transaction(async (tx) => {
    const { actor: me, group, target } = await loadSuspensionTarget(tx, actor, input.groupId, input.userId);
    const inForce =
      (target && isSuspended(target.suspendedUntil) ? target.suspendedUntil : null) ??
      (await suspensionInForce(tx, group.id, input.userId));
    if (!inForce) throw conflict("They are not suspended from this group.");
    if (target) {
      await tx.membership.update({
        where: { groupId_userId: { groupId: group.id, userId: input.userId } },
        data: { suspendedUntil: null, suspensionReason: null },
        select: { userId: true },
      });
    }
    await logAndTell(tx, {
      groupId: group.id,
      actorId: me.id,
      subjectId: input.userId,
      kind: "UNSUSPEND_MEMBER",
      reason: input.reason ?? "",
      until: inForce,
      text: `Your suspension from ${group.name} has been lifted`,
      url: groupPath(group.slug),
    });
    return { groupSlug: group.slug };
  });
}
