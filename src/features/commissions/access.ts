import "server-only";
import { authorize } from "@/server/authz/authorize";
import type { Actor, OrganisationPermission } from "@/server/authz/permissions";
import { requireActor } from "@/server/authz/refusals";
import type { db, Tx } from "@/server/db";
import { notFound } from "@/server/errors";

/** A commission and its organisation, checked for an organisation permission. */
export async function requireCommissionPermission(
  client: Tx | typeof db,
  actor: Actor,
  commissionId: string,
  permission: OrganisationPermission,
) {
  requireActor(actor); // signed out: asked to sign in before anything is looked up
  const commission = await client.commission.findUnique({
    where: { id: commissionId },
    select: { id: true, organisationId: true, title: true, question: true, deadlineAt: true },
  });
  if (!commission) throw notFound("That commission");
  const { organisation, role } = await authorize(
    actor,
    permission,
    { organisationId: commission.organisationId },
    client,
  );
  return { commission, organisation, role };
}

/** The ids of an organisation's admins, to tell them about their commissions. */
export async function organisationAdminIds(client: Tx | typeof db, organisationId: string) {
  const admins = await client.organisationMember.findMany({ where: { organisationId }, select: { userId: true } });
  return admins.map((a) => a.userId);
}
