// authorize(actor, permission, scope): the one "may they do this?" of the data layer. It asks the
// pure permission map (permissions.ts) and says no in the words of refusals.ts; this file only
// loads the facts the map needs: the group and the actor's membership there, or the organisation
// and the actor's role there. The site role and suspension come with the actor.
//
// Order of refusals (VISIBILITY in permissions.ts): signed out, UNAUTHENTICATED before anything is
// looked up; a subject that does not exist, NOT_FOUND; then FORBIDDEN with the reason.
import "server-only";
import { db, type Tx } from "../db";
import { isAppError, notFound } from "../errors";
import {
  type Actor,
  type GroupPermission,
  groupPermissionsOf,
  type OrganisationPermission,
  type OrganisationRoleName,
  SELF_PERMISSIONS,
  type SelfPermission,
  type SitePermission,
} from "./permissions";
import { assertInGroup, assertInOrganisation, assertOnSite, assertSelf, requireActor, type SignedIn } from "./refusals";

type Client = Tx | typeof db;

export type GroupScope = { groupId: string };
export type OrganisationScope = { organisationId: string };

/** The facts every group permission check needs: the group and the actor's membership. */
export async function loadGroupAccess(client: Client, actor: Actor, groupId: string) {
  const group = await client.group.findUnique({
    where: { id: groupId },
    select: { id: true, slug: true, name: true, joinPolicy: true },
  });
  if (!group) throw notFound("That group");
  const membership = actor
    ? await client.membership.findUnique({
        where: { groupId_userId: { groupId, userId: actor.id } },
        select: { role: true, status: true, suspendedUntil: true },
      })
    : null;
  return { group, membership, permissions: groupPermissionsOf(actor, membership) };
}
export type GroupAccess = Awaited<ReturnType<typeof loadGroupAccess>>;

/**
 * The subject's access through its parent (a post through its thread, a proposal through its paper),
 * with a NOT_FOUND said in the subject's own words: one that may not be read is told of exactly as
 * one that does not exist, so nothing says it is there.
 */
export async function throughParent<T>(what: string, parent: Promise<T>): Promise<T> {
  try {
    return await parent;
  } catch (error) {
    throw isAppError(error) && error.code === "NOT_FOUND" ? notFound(what) : error;
  }
}

const ORGANISATION_FACTS = { id: true, slug: true, name: true, kind: true, verifiedAt: true } as const;

/** An organisation and the actor's role in it (null when they are not one of its admins). */
export async function loadOrganisationAccess(client: Client, actor: Actor, organisationId: string) {
  const organisation = await client.organisation.findUnique({
    where: { id: organisationId },
    select: ORGANISATION_FACTS,
  });
  if (!organisation) throw notFound("That organisation");
  const role: OrganisationRoleName | null = actor
    ? ((
        await client.organisationMember.findUnique({
          where: { organisationId_userId: { organisationId, userId: actor.id } },
          select: { role: true },
        })
      )?.role ?? null)
    : null;
  return { organisation, role };
}
export type OrganisationAccess = Awaited<ReturnType<typeof loadOrganisationAccess>>;

/**
 * Throws unless the actor may do this, with the AppError a person can act on; otherwise returns
 * the signed-in actor and what was loaded to decide. `client` is the transaction to read in, when
 * the decision must hold for the rest of it.
 * - in a group: `authorize(actor, "post.create", { groupId })` -> { me, group, membership, permissions }
 * - for an organisation: `authorize(actor, "commission.create", { organisationId })` -> { me, organisation, role }
 * - on the site or for oneself: `authorize(actor, "user.suspend")` -> { me }
 */
export async function authorize(
  actor: Actor,
  permission: GroupPermission,
  scope: GroupScope,
  client?: Client,
): Promise<GroupAccess & { me: SignedIn }>;
export async function authorize(
  actor: Actor,
  permission: OrganisationPermission,
  scope: OrganisationScope,
  client?: Client,
): Promise<OrganisationAccess & { me: SignedIn }>;
export async function authorize(actor: Actor, permission: SitePermission | SelfPermission): Promise<{ me: SignedIn }>;
export async function authorize(
  actor: Actor,
  permission: GroupPermission | OrganisationPermission | SitePermission | SelfPermission,
  scope?: GroupScope | OrganisationScope,
  client: Client = db,
) {
  requireActor(actor); // signed out: asked to sign in before anything is looked up
  if (scope && "groupId" in scope) {
    const access = await loadGroupAccess(client, actor, scope.groupId);
    return { ...access, me: assertInGroup(actor, permission as GroupPermission, access.membership) };
  }
  if (scope && "organisationId" in scope) {
    const access = await loadOrganisationAccess(client, actor, scope.organisationId);
    return { ...access, me: assertInOrganisation(actor, permission as OrganisationPermission, access.role) };
  }
  return {
    me: isSelfPermission(permission)
      ? assertSelf(actor, permission)
      : assertOnSite(actor, permission as SitePermission),
  };
}

function isSelfPermission(p: string): p is SelfPermission {
  return (SELF_PERMISSIONS as readonly string[]).includes(p);
}
