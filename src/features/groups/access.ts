import "server-only";
import { db, type Tx } from "@/server/db";
import { forbidden, notFound } from "@/server/errors";
import { canInGroup, canReadGroup, isSuspended, type Actor, type GroupPermission, type MembershipFacts } from "@/server/authz/permissions";
import { assertNotSuspended, groupSuspendedMessage, requireActor } from "@/server/authz/refusals";

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
  "proposal.edit": "Only the group's members can change their proposals.",
  "proposal.withdraw": "Only the group's members can withdraw their proposals.",
  "vote.cast": "Only members of the group can vote.",
  "thread.create": "Join the group to take part in its discussions.",
  "post.create": "Join the group to take part in its discussions.",
  "post.edit": "Only the group's members can change their posts.",
  "post.delete": "Only the group's members can delete their posts.",
  "post.react": "Join the group to react to posts.",
  "post.report": "Only members of this group can report its posts.",
  "moderation.viewQueue": "Only the group's moderators and owners can see its review queue.",
  "moderation.actOnPost": "Only the group's moderators and owners can moderate its posts.",
  "moderation.actOnThread": "Only the group's moderators and owners can moderate its threads.",
  "moderation.suspendMember": "Only the group's moderators and owners can suspend its members.",
  "commission.decline": "Only the group's owners can decline a commission.",
  "invitations.revoke": "Only the group's owners can revoke invitation links.",
};

/**
 * Throws unless the actor holds the permission in the group (through the one permission map),
 * with a reason a person can act on: signed out (UNAUTHENTICATED), account suspended, suspended
 * from the group, or not allowed with their role (FORBIDDEN). Whether the actor may see the group's
 * content at all is the caller's first question (NOT_FOUND): see loadThreadAccess, loadPaperAccess.
 */
export function assertGroupPermission(actor: Actor, membership: MembershipFacts, permission: GroupPermission) {
  if (canInGroup(actor, permission, membership)) return;
  const me = requireActor(actor);
  assertNotSuspended(me);
  if (membership?.status === "ACTIVE" && membership.suspendedUntil && isSuspended(membership.suspendedUntil)) {
    throw forbidden(groupSuspendedMessage(membership.suspendedUntil));
  }
  throw forbidden(DENIALS[permission] ?? "You need to be a member of this group to do that.");
}

/** NOT_FOUND (as if it did not exist) unless the actor may read the group's members-only content. */
export function assertCanReadGroup(actor: Actor, group: { joinPolicy: "OPEN" | "APPROVAL" }, membership: MembershipFacts, what: string) {
  if (!canReadGroup(actor, group.joinPolicy, membership)) throw notFound(what);
}

/** Serialises membership changes in one group, so rules like "keep one owner" hold under concurrency. */
export async function lockGroup(tx: Tx, groupId: string) {
  await tx.$queryRaw`SELECT id FROM "Group" WHERE id = ${groupId}::uuid FOR UPDATE`;
}
