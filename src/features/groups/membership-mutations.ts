import "server-only";
import { recordModerationAction } from "@/features/moderation/log";
import { notify } from "@/features/notifications/mutations";
import { groupPath } from "@/lib/paths";
import { authorize, loadGroupAccess } from "@/server/authz/authorize";
import type { Actor } from "@/server/authz/permissions";
import { assertSelf, requireActor } from "@/server/authz/refusals";
import { db, type Tx } from "@/server/db";
import { conflict, invalid, notFound } from "@/server/errors";
import { lockGroup } from "@/server/locks";

// Leaving a group, and what owners and moderators do to memberships: approve, reject, change a role, remove.

const ROLE_NAMES = { OWNER: "owner", MODERATOR: "moderator", MEMBER: "member" } as const;

async function countOwners(tx: Tx, groupId: string) {
  return tx.membership.count({ where: { groupId, role: "OWNER", status: "ACTIVE" } });
}

/**
 * Withdraws a former member's votes on the group's proposals still being voted on, and recounts
 * them: features/proposals/withdraw-votes.ts (withdrawOpenVotes), which explains why. Proposals
 * sit above groups (they import groups' access checks), so groups cannot import it; the
 * composition root (src/composition/memberships.ts) hands it to the mutations that end a
 * membership, and the app calls those wired versions. A required argument, not a registry: a
 * caller that forgets it does not compile.
 */
export type WithdrawOpenVotes = (tx: Tx, userId: string, scope: { groupId: string }) => Promise<number>;

/**
 * Leaves a group, or withdraws a request to join. The last owner cannot leave. Suspended from the
 * group, one may leave (the suspension stays in the log); a suspended account changes nothing.
 * The member's votes on proposals still open in the group are withdrawn with the membership (see
 * withdrawOpenVotes for why); returns how many.
 */
export async function leaveGroup(actor: Actor, input: { groupId: string }, withdrawOpenVotes: WithdrawOpenVotes) {
  const me = assertSelf(actor, "group.leave");
  return db.$transaction(async (tx) => {
    await lockGroup(tx, input.groupId);
    const { group, membership } = await loadGroupAccess(tx, me, input.groupId);
    if (!membership) throw conflict("You are not a member of this group.");
    if (membership.role === "OWNER" && membership.status === "ACTIVE" && (await countOwners(tx, group.id)) <= 1) {
      throw conflict("You are the group's last owner. Make another member an owner before you leave.");
    }
    await tx.membership.delete({ where: { groupId_userId: { groupId: group.id, userId: me.id } } });
    if (membership.status !== "ACTIVE") return { votesWithdrawn: 0 };
    await tx.group.update({ where: { id: group.id }, data: { memberCount: { decrement: 1 } }, select: { id: true } });
    return { votesWithdrawn: await withdrawOpenVotes(tx, me.id, { groupId: group.id }) };
  });
}

async function loadTarget(tx: Tx, groupId: string, userId: string) {
  return tx.membership.findUnique({
    where: { groupId_userId: { groupId, userId } },
    select: { role: true, status: true },
  });
}

export async function approveMembership(actor: Actor, input: { groupId: string; userId: string }) {
  requireActor(actor);
  await db.$transaction(async (tx) => {
    await lockGroup(tx, input.groupId);
    const { group, me } = await authorize(actor, "members.approve", { groupId: input.groupId }, tx);
    const target = await loadTarget(tx, group.id, input.userId);
    if (target?.status !== "PENDING") throw notFound("That request to join");
    await tx.membership.update({
      where: { groupId_userId: { groupId: group.id, userId: input.userId } },
      data: { status: "ACTIVE", approvedById: me.id, joinedAt: new Date() },
    });
    await tx.group.update({ where: { id: group.id }, data: { memberCount: { increment: 1 } }, select: { id: true } });
    await recordModerationAction(tx, {
      groupId: group.id,
      actorId: me.id,
      kind: "APPROVE_MEMBER",
      subjectId: input.userId,
    });
    await notify(tx, {
      userId: input.userId,
      actorId: me.id,
      kind: "MEMBERSHIP_APPROVED",
      text: `You are now a member of ${group.name}`,
      url: groupPath(group.slug),
    });
  });
}

export async function rejectMembership(actor: Actor, input: { groupId: string; userId: string }) {
  requireActor(actor);
  await db.$transaction(async (tx) => {
    const { group, me } = await authorize(actor, "members.approve", { groupId: input.groupId }, tx);
    const deleted = await tx.membership.deleteMany({
      where: { groupId: group.id, userId: input.userId, status: "PENDING" },
    });
    if (deleted.count === 0) throw notFound("That request to join");
    await recordModerationAction(tx, {
      groupId: group.id,
      actorId: me.id,
      kind: "REJECT_MEMBER",
      subjectId: input.userId,
    });
  });
}

export async function changeMemberRole(
  actor: Actor,
  input: { groupId: string; userId: string; role: "OWNER" | "MODERATOR" | "MEMBER" },
) {
  requireActor(actor);
  await db.$transaction(async (tx) => {
    await lockGroup(tx, input.groupId);
    const { group, me } = await authorize(actor, "members.changeRole", { groupId: input.groupId }, tx);
    const target = await loadTarget(tx, group.id, input.userId);
    if (target?.status !== "ACTIVE") throw notFound("That member");
    if (target.role === input.role) throw invalid(`They are already a ${ROLE_NAMES[input.role]}.`);
    if (target.role === "OWNER" && (await countOwners(tx, group.id)) <= 1) {
      throw conflict("A group needs at least one owner. Make someone else an owner first.");
    }
    await tx.membership.update({
      where: { groupId_userId: { groupId: group.id, userId: input.userId } },
      data: { role: input.role },
    });
    await recordModerationAction(tx, {
      groupId: group.id,
      actorId: me.id,
      kind: "CHANGE_ROLE",
      subjectId: input.userId,
      details: { from: target.role, to: input.role },
    });
    await notify(tx, {
      userId: input.userId,
      actorId: me.id,
      kind: "ROLE_CHANGED",
      text: `You are now a ${ROLE_NAMES[input.role]} of ${group.name}`,
      url: groupPath(group.slug),
    });
  });
}

export async function removeMember(
  actor: Actor,
  input: { groupId: string; userId: string; reason: string },
  withdrawOpenVotes: WithdrawOpenVotes,
) {
  requireActor(actor);
  await db.$transaction(async (tx) => {
    await lockGroup(tx, input.groupId);
    const { group, me } = await authorize(actor, "members.remove", { groupId: input.groupId }, tx);
    if (me.id === input.userId) throw invalid("To leave the group yourself, use Leave group.");
    const target = await loadTarget(tx, group.id, input.userId);
    if (target?.status !== "ACTIVE") throw notFound("That member");
    if (target.role === "OWNER" && (await countOwners(tx, group.id)) <= 1)
      throw conflict("The last owner cannot be removed.");
    await tx.membership.delete({ where: { groupId_userId: { groupId: group.id, userId: input.userId } } });
    await tx.group.update({ where: { id: group.id }, data: { memberCount: { decrement: 1 } }, select: { id: true } });
    // As when leaving; the log says how many votes went with the member, so removing someone
    // to change an open decision is visible to everyone who reads it.
    const votesWithdrawn = await withdrawOpenVotes(tx, input.userId, { groupId: group.id });
    await recordModerationAction(tx, {
      groupId: group.id,
      actorId: me.id,
      kind: "REMOVE_MEMBER",
      subjectId: input.userId,
      reason: input.reason,
      ...(votesWithdrawn > 0 ? { details: { votesWithdrawn } } : {}),
    });
  });
}
