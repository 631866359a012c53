import "server-only";
import { notify } from "@/features/notifications/mutations";
import { invitationPath } from "@/lib/paths";
import { authorize } from "@/server/authz/authorize";
import type { Actor } from "@/server/authz/permissions";
import { assertSelf } from "@/server/authz/refusals";
import { db, type Tx } from "@/server/db";
import { conflict, notFound, unauthenticated } from "@/server/errors";
import { lockOrganisation } from "@/server/locks";
import type { InviteAdminInput } from "./schemas";

/** An admin invites a member, by handle, to become an admin too. One pending invitation per person. */
export async function inviteAdmin(actor: Actor, input: InviteAdminInput) {
  return db.$transaction(async (tx) => {
    // The lock serialises invitations, so two admins inviting the same person at once make one.
    await lockOrganisation(tx, input.organisationId);
    const { organisation, me } = await authorize(
      actor,
      "organisation.manageAdmins",
      { organisationId: input.organisationId },
      tx,
    );
    const invitee = await tx.user.findUnique({
      where: { handle: input.handle },
      select: { id: true, handle: true, deletedAt: true },
    });
    if (!invitee || invitee.deletedAt)
      throw conflict("No member has that handle.", { handle: `There is no member @${input.handle}.` });
    const already = await tx.organisationMember.findUnique({
      where: { organisationId_userId: { organisationId: organisation.id, userId: invitee.id } },
      select: { role: true },
    });
    if (already)
      throw conflict("That member is already an admin.", {
        handle: `@${invitee.handle} is already an admin of ${organisation.name}.`,
      });
    const pending = await tx.organisationInvitation.findFirst({
      where: { organisationId: organisation.id, inviteeHandle: invitee.handle, acceptedAt: null },
      select: { id: true },
    });
    if (pending)
      throw conflict("That member is already invited.", {
        handle: `@${invitee.handle} already has an invitation waiting.`,
      });
    const invitation = await tx.organisationInvitation.create({
      data: { organisationId: organisation.id, inviterId: me.id, inviteeHandle: invitee.handle },
      select: { id: true },
    });
    await notify(tx, {
      userId: invitee.id,
      actorId: me.id,
      kind: "ORGANISATION_INVITATION",
      text: `You are invited to be an admin of ${organisation.name}`,
      url: invitationPath(invitation.id),
    });
    return invitation;
  });
}

/** The pending invitation, if it is addressed to the actor; others learn nothing about it. */
async function loadOwnInvitation(tx: Tx, actor: Actor, invitationId: string) {
  if (!actor) throw unauthenticated();
  // In turn: a transaction's one connection runs one query at a time.
  const invitation = await tx.organisationInvitation.findUnique({
    where: { id: invitationId },
    select: {
      id: true,
      organisationId: true,
      inviteeHandle: true,
      acceptedAt: true,
      organisation: { select: { slug: true, name: true } },
    },
  });
  const me = await tx.user.findUnique({ where: { id: actor.id }, select: { handle: true } });
  if (!invitation || !me || invitation.inviteeHandle !== me.handle) throw notFound("That invitation");
  return invitation;
}

/** The invitee accepts. Clicking twice at once still makes them an admin once. */
export async function acceptInvitation(actor: Actor, input: { invitationId: string }) {
  const me = assertSelf(actor, "organisation.answerInvitation");
  return db.$transaction(async (tx) => {
    const invitation = await loadOwnInvitation(tx, actor, input.invitationId);
    await lockOrganisation(tx, invitation.organisationId);
    // Conditional on still being pending: of two concurrent accepts, one finds nothing to update.
    const claimed = await tx.organisationInvitation.updateMany({
      where: { id: invitation.id, acceptedAt: null },
      data: { acceptedAt: new Date(), acceptedById: me.id },
    });
    if (claimed.count === 0) throw conflict("You have already accepted this invitation.");
    await tx.organisationMember.createMany({
      data: [{ organisationId: invitation.organisationId, userId: me.id, role: "ADMIN" }],
      skipDuplicates: true,
    });
    return { slug: invitation.organisation.slug };
  });
}

/** The invitee declines; the invitation is gone and they can be invited again later. */
export async function declineInvitation(actor: Actor, input: { invitationId: string }) {
  assertSelf(actor, "organisation.answerInvitation");
  await db.$transaction(async (tx) => {
    const invitation = await loadOwnInvitation(tx, actor, input.invitationId);
    const removed = await tx.organisationInvitation.deleteMany({ where: { id: invitation.id, acceptedAt: null } });
    if (removed.count === 0) throw conflict("You have already accepted this invitation.");
  });
}

/** An admin withdraws a pending invitation. */
export async function revokeInvitation(actor: Actor, input: { invitationId: string }) {
  if (!actor) throw unauthenticated();
  await db.$transaction(async (tx) => {
    const invitation = await tx.organisationInvitation.findUnique({
      where: { id: input.invitationId },
      select: { id: true, organisationId: true },
    });
    if (!invitation) throw notFound("That invitation");
    await lockOrganisation(tx, invitation.organisationId);
    await authorize(actor, "organisation.manageAdmins", { organisationId: invitation.organisationId }, tx);
    const removed = await tx.organisationInvitation.deleteMany({ where: { id: invitation.id, acceptedAt: null } });
    if (removed.count === 0) throw conflict("That invitation has already been accepted.");
  });
}

/**
 * An admin removes another admin, or leaves (userId = their own id). The organisation is never
 * left without an admin: the lock serialises removals, so two admins removing each other at
 * once cannot both succeed.
 */
export async function removeAdmin(actor: Actor, input: { organisationId: string; userId: string }) {
  if (!actor) throw unauthenticated();
  const leaving = actor.id === input.userId;
  await db.$transaction(async (tx) => {
    await lockOrganisation(tx, input.organisationId);
    if (leaving) {
      // Stepping down is for oneself (organisation.leave); a suspended account changes nothing.
      assertSelf(actor, "organisation.leave");
      const me = await tx.organisationMember.findUnique({
        where: { organisationId_userId: { organisationId: input.organisationId, userId: actor.id } },
        select: { role: true },
      });
      if (!me) await authorize(actor, "organisation.manageAdmins", { organisationId: input.organisationId }, tx); // throws: not an admin
    } else {
      await authorize(actor, "organisation.manageAdmins", { organisationId: input.organisationId }, tx);
    }
    const removed = await tx.organisationMember.deleteMany({
      where: { organisationId: input.organisationId, userId: input.userId },
    });
    if (removed.count === 0) throw conflict("That person is not an admin of this organisation.");
    const remaining = await tx.organisationMember.count({
      where: { organisationId: input.organisationId, role: "ADMIN", user: { deletedAt: null } },
    });
    if (remaining === 0) {
      throw conflict(
        leaving
          ? "You are the last admin. Invite another admin before you leave."
          : "An organisation must keep at least one admin.",
      );
    }
  });
}
