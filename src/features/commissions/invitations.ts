import "server-only";
import { randomBytes } from "node:crypto";
import { assertMayJoin, writeJoin } from "@/features/groups/join-group";
import { loadGroupAccess, loadOrganisationAccess } from "@/server/authz/authorize";
import { type Actor, canInGroup, canInOrganisation } from "@/server/authz/permissions";
import { assertNotSuspended } from "@/server/authz/refusals";
import { db, type Tx } from "@/server/db";
import { conflict, forbidden, invalid, notFound, unauthenticated } from "@/server/errors";
import { lockGroup } from "@/server/locks";
import { consumeLimit } from "@/server/rate-limit";
import { requireCommissionPermission } from "./access";
import {
  type CreateInvitationLinkInput,
  INVITATION_PROBLEMS,
  invitationStateOf,
  type JoinThroughInvitationInput,
  type RevokeInvitationInput,
} from "./invitation-schemas";

const DAY_MS = 24 * 3_600_000;

const NOT_TAKEN_ON =
  "The group has not taken this commission on yet. Invitation links open once it has: the vote on taking a commission on belongs to the group's existing members, and an organisation must not recruit voters for it.";

/**
 * An organisation admin makes a link that lets people with a particular perspective join one of
 * the groups writing its commission. Only after the group accepted: see NOT_TAKEN_ON.
 */
export async function createInvitationLink(actor: Actor, input: CreateInvitationLinkInput) {
  if (!actor) throw unauthenticated();
  const { commission, organisation } = await requireCommissionPermission(
    db,
    actor,
    input.commissionId,
    "commission.invite",
  );
  const posting = await db.commissionPosting.findFirst({
    where: { commissionId: commission.id, group: { slug: input.groupSlug } },
    select: { status: true, groupId: true },
  });
  if (!posting)
    throw invalid("Please correct the highlighted fields.", {
      groupSlug: "This commission is not posted to that group.",
    });
  if (posting.status === "DECLINED")
    throw conflict("The group declined this commission, so the organisation cannot invite people to it.");
  if (posting.status !== "ACCEPTED") throw conflict(NOT_TAKEN_ON);
  await consumeLimit("invitationLink", organisation.id);
  return db.groupInvitation.create({
    data: {
      groupId: posting.groupId,
      organisationId: organisation.id,
      commissionId: commission.id,
      createdById: actor.id,
      token: randomBytes(32).toString("base64url"),
      note: input.note,
      expiresAt: new Date(Date.now() + input.expiresInDays * DAY_MS),
      maxUses: input.maxUses ?? null,
    },
    select: { id: true, token: true },
  });
}

/** The organisation's admins or the group's owners (and site admins) stop a link working. */
export async function revokeInvitation(actor: Actor, input: RevokeInvitationInput) {
  if (!actor) throw unauthenticated();
  const link = await db.groupInvitation.findUnique({
    where: { id: input.invitationId },
    select: { id: true, groupId: true, organisationId: true },
  });
  if (!link) throw notFound("That invitation link");
  const [{ membership }, orgRole] = await Promise.all([
    loadGroupAccess(db, actor, link.groupId),
    link.organisationId
      ? loadOrganisationAccess(db, actor, link.organisationId).then((a) => a.role)
      : Promise.resolve(null),
  ]);
  const allowed =
    canInGroup(actor, "invitations.revoke", membership) ||
    (link.organisationId !== null && canInOrganisation(actor, "commission.invite", orgRole));
  if (!allowed) {
    // A link is the group's and the organisation's business, not members-only content: the group
    // is public, so a refusal here is FORBIDDEN for everyone, members or not.
    assertNotSuspended(actor);
    throw forbidden("Only the organisation's admins and the group's owners can revoke this link.");
  }
  // Conditional, so two people revoking at once get one revocation and one clear answer.
  const { count } = await db.groupInvitation.updateMany({
    where: { id: link.id, revokedAt: null },
    data: { revokedAt: new Date(), revokedById: actor.id },
  });
  if (count === 0) throw conflict("This link was already revoked.");
}

/** Takes one use of a working link, or says nothing (0 rows) when it no longer works. */
async function claimUse(tx: Tx, invitationId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "GroupInvitation" SET uses = uses + 1
    WHERE id = ${invitationId}::uuid AND "revokedAt" IS NULL
      AND ("expiresAt" IS NULL OR "expiresAt" > now())
      AND ("maxUses" IS NULL OR uses < "maxUses")
    RETURNING id`;
  return rows.length === 1;
}

/**
 * Someone follows an invitation link. An open group takes them in at once; an approval group
 * gets a request its owners and moderators decide, as with any other (the group keeps control
 * of who joins). The use is claimed in the transaction that writes the membership, so a
 * refusal gives the use back and racing people cannot overrun maxUses.
 */
export async function joinThroughInvitation(actor: Actor, input: JoinThroughInvitationInput) {
  if (!actor) throw unauthenticated();
  const link = await db.groupInvitation.findUnique({
    where: { token: input.token },
    select: { id: true, groupId: true, note: true, organisation: { select: { name: true } } },
  });
  if (!link) throw notFound("That invitation link");
  const inviter = link.organisation?.name ?? "an organisation";
  return db.$transaction(async (tx) => {
    await lockGroup(tx, link.groupId);
    const { group, membership } = await loadGroupAccess(tx, actor, link.groupId);
    await assertMayJoin(tx, actor, group, membership);
    if (!(await claimUse(tx, link.id))) {
      const now = await tx.groupInvitation.findUniqueOrThrow({
        where: { id: link.id },
        select: { revokedAt: true, expiresAt: true, maxUses: true, uses: true },
      });
      const state = invitationStateOf(now);
      throw conflict(state === "ACTIVE" ? INVITATION_PROBLEMS.EXPIRED : INVITATION_PROBLEMS[state]);
    }
    const joined = await writeJoin(tx, actor, group, {
      invitationId: link.id,
      note: `Came through ${inviter}'s invitation link: “${link.note}”`,
      requestText: `Someone asked to join ${group.name} through ${inviter}'s invitation link`,
    });
    return { ...joined, groupSlug: group.slug, groupName: group.name };
  });
}
