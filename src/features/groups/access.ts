import "server-only";
import { db, type Tx } from "@/server/db";
import { forbidden, notFound, unauthenticated } from "@/server/errors";
import { canInGroup, isSuspended, type Actor, type GroupPermission, type MembershipFacts } from "@/server/authz/permissions";

/** The facts every group permission check needs: the group and the actor's membership. */
export async function loadGroupAccess(client: Tx | typeof db, actor: Actor, groupId: string) {
  const group = await client.group.findUnique({
    where: { id: groupId },
    select: { id: true, slug: true, name: true, joinPolicy: true },
  });
  if (!group) throw notFound("That group");
  const membership: MembershipFacts = actor
    ? await client.membership.findUnique({
        where: { groupId_userId: { groupId, userId: actor.id } },
        select: { role: true, status: true, suspendedUntil: true },
      })
    : null;
  return { group, membership };
}

const DENIALS: Partial<Record<GroupPermission, string>> = {
  "group.update": "Only the group's owners can change its settings.",
  "members.changeRole": "Only the group's owners can change roles.",
  "members.remove": "Only the group's owners can remove members.",
  "members.approve": "Only the group's owners and moderators can approve requests to join.",
  "paper.setRules": "Only the group's owners can change a paper's decision rules.",
  "paper.editorialFix": "Only the group's moderators and owners can make editorial fixes.",
  "paper.create": "Join the group to start a paper.",
  "proposal.create": "Join the group to propose changes.",
  "vote.cast": "Only members of the group can vote.",
};

/** Throws FORBIDDEN (with a specific reason) unless the actor holds the permission in the group. */
export function assertGroupPermission(actor: Actor, membership: MembershipFacts, permission: GroupPermission) {
  if (canInGroup(actor, permission, membership)) return;
  if (!actor) throw unauthenticated();
  if (isSuspended(actor.suspendedUntil)) throw forbidden("Your account is suspended.");
  if (membership?.status === "ACTIVE" && membership.suspendedUntil && membership.suspendedUntil > new Date()) {
    throw forbidden("You are suspended from this group for now.");
  }
  throw forbidden(DENIALS[permission] ?? "You need to be a member of this group to do that.");
}

/** Serialises membership changes in one group, so rules like "keep one owner" hold under concurrency. */
export async function lockGroup(tx: Tx, groupId: string) {
  await tx.$queryRaw`SELECT id FROM "Group" WHERE id = ${groupId}::uuid FOR UPDATE`;
}
