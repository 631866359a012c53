import "server-only";
import { db, type Tx } from "@/server/db";
import { forbidden, notFound } from "@/server/errors";
import { canInOrganisation, type Actor, type OrganisationPermission, type OrganisationRoleName } from "@/server/authz/permissions";
import { assertNotSuspended, requireActor } from "@/server/authz/refusals";

const ORGANISATION_FACTS = { id: true, slug: true, name: true, kind: true, verifiedAt: true } as const;

/** An organisation and the actor's role in it (null when they are not one of its admins). */
export async function loadOrganisationAccess(client: Tx | typeof db, actor: Actor, organisationId: string) {
  const organisation = await client.organisation.findUnique({ where: { id: organisationId }, select: ORGANISATION_FACTS });
  if (!organisation) throw notFound("That organisation");
  const role: OrganisationRoleName | null = actor
    ? ((await client.organisationMember.findUnique({ where: { organisationId_userId: { organisationId, userId: actor.id } }, select: { role: true } }))?.role ?? null)
    : null;
  return { organisation, role };
}

const DENIALS: Partial<Record<OrganisationPermission, string>> = {
  "commission.viewDashboard": "Only the organisation's admins can see its commission dashboards.",
};

/** Throws FORBIDDEN (with a reason) unless the actor holds the permission for the organisation. */
export function assertOrganisationPermission(actor: Actor, role: OrganisationRoleName | null, permission: OrganisationPermission) {
  if (canInOrganisation(actor, permission, role)) return;
  assertNotSuspended(requireActor(actor));
  throw forbidden(DENIALS[permission] ?? "Only the organisation's admins can do that.");
}

/** Loads and checks in one go; returns the organisation. */
export async function requireOrganisationPermission(client: Tx | typeof db, actor: Actor, organisationId: string, permission: OrganisationPermission) {
  requireActor(actor); // signed out: asked to sign in before anything is looked up
  const access = await loadOrganisationAccess(client, actor, organisationId);
  assertOrganisationPermission(actor, access.role, permission);
  return access;
}

/** Serialises admin changes in one organisation, so "keep at least one admin" holds under concurrency. */
export async function lockOrganisation(tx: Tx, organisationId: string) {
  await tx.$queryRaw`SELECT id FROM "Organisation" WHERE id = ${organisationId}::uuid FOR UPDATE`;
}
