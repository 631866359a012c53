// The single role -> permission map. Every mutation and non-public read asks
// `can()` (through the data layer), and the authorization matrix tests derive
// their expectations from this file. Pure: no I/O, unit-tested.

export type SiteRoleName = "MEMBER" | "ADMIN";
export type GroupRoleName = "OWNER" | "MODERATOR" | "MEMBER";

/** Who is acting: null for an anonymous visitor. */
export type Actor = {
  id: string;
  siteRole: SiteRoleName;
  suspendedUntil: Date | null;
} | null;

/** The actor's membership of the group in question, if any. */
export type MembershipFacts = {
  role: GroupRoleName;
  status: "ACTIVE" | "PENDING";
  suspendedUntil: Date | null;
} | null;

/** Taking part in a group's work: needs an active, unsuspended membership. */
const PARTICIPATION = [
  "thread.create",
  "post.create",
  "post.react",
  "post.report",
  "paper.create",
  "proposal.create",
  "vote.cast",
] as const;

/** Looking after a group: moderators and owners; site admins everywhere. */
const MODERATION = [
  "members.approve",
  "moderation.viewQueue",
  "moderation.actOnPost",
  "moderation.actOnThread",
  "moderation.suspendMember",
  "paper.editorialFix",
] as const;

/** Running a group: owners only; site admins everywhere. */
const OWNERSHIP = [
  "group.update",
  "members.changeRole",
  "members.remove",
  "paper.setRules",
  "commission.decline",
  "invitations.revoke",
] as const;

export type GroupPermission = (typeof PARTICIPATION)[number] | (typeof MODERATION)[number] | (typeof OWNERSHIP)[number];

export const GROUP_ROLE_PERMISSIONS: Record<GroupRoleName, readonly GroupPermission[]> = {
  MEMBER: [...PARTICIPATION],
  MODERATOR: [...PARTICIPATION, ...MODERATION],
  OWNER: [...PARTICIPATION, ...MODERATION, ...OWNERSHIP],
};

/** Site admins govern every group but take part only where they are members. */
export const SITE_ADMIN_GROUP_PERMISSIONS: readonly GroupPermission[] = [...MODERATION, ...OWNERSHIP];

export type SitePermission = "group.create" | "organisation.create" | "user.suspend" | "organisation.verify" | "admin.view";

export const SITE_ROLE_PERMISSIONS: Record<SiteRoleName, readonly SitePermission[]> = {
  MEMBER: ["group.create", "organisation.create"],
  ADMIN: ["group.create", "organisation.create", "user.suspend", "organisation.verify", "admin.view"],
};

/**
 * What an organisation's admins may do for it. Independence: none of these reaches into a
 * group's votes, moderation or publication; inside a group an org admin has exactly the
 * permissions of their own membership there, like anyone else.
 */
export type OrganisationPermission =
  | "organisation.update"
  | "organisation.manageAdmins"
  | "commission.create"
  | "commission.update"
  | "commission.post"
  | "commission.invite"
  | "commission.respond"
  | "commission.viewDashboard";

export type OrganisationRoleName = "ADMIN";

export const ORGANISATION_ROLE_PERMISSIONS: Record<OrganisationRoleName, readonly OrganisationPermission[]> = {
  ADMIN: [
    "organisation.update",
    "organisation.manageAdmins",
    "commission.create",
    "commission.update",
    "commission.post",
    "commission.invite",
    "commission.respond",
    "commission.viewDashboard",
  ],
};

/** Site admins oversee organisations (they verify them) but never act or speak for one. */
export const SITE_ADMIN_ORGANISATION_PERMISSIONS: readonly OrganisationPermission[] = ["commission.viewDashboard"];

export function canInOrganisation(actor: Actor, permission: OrganisationPermission, role: OrganisationRoleName | null, now = new Date()): boolean {
  if (!actor || isSuspended(actor.suspendedUntil, now)) return false;
  if (role && ORGANISATION_ROLE_PERMISSIONS[role].includes(permission)) return true;
  return actor.siteRole === "ADMIN" && SITE_ADMIN_ORGANISATION_PERMISSIONS.includes(permission);
}

export const ALL_GROUP_PERMISSIONS: readonly GroupPermission[] = GROUP_ROLE_PERMISSIONS.OWNER;

export function isSuspended(until: Date | null | undefined, now = new Date()): boolean {
  return !!until && until.getTime() > now.getTime();
}

export function canOnSite(actor: Actor, permission: SitePermission, now = new Date()): boolean {
  if (!actor || isSuspended(actor.suspendedUntil, now)) return false;
  return SITE_ROLE_PERMISSIONS[actor.siteRole].includes(permission);
}

export function groupPermissionsOf(actor: Actor, membership: MembershipFacts, now = new Date()): Set<GroupPermission> {
  const granted = new Set<GroupPermission>();
  if (!actor || isSuspended(actor.suspendedUntil, now)) return granted;
  if (actor.siteRole === "ADMIN") SITE_ADMIN_GROUP_PERMISSIONS.forEach((p) => granted.add(p));
  if (membership?.status === "ACTIVE") {
    const suspendedHere = isSuspended(membership.suspendedUntil, now);
    for (const p of GROUP_ROLE_PERMISSIONS[membership.role]) {
      // A member suspended from the group keeps reading but cannot take part or govern.
      if (!suspendedHere) granted.add(p);
    }
  }
  return granted;
}

export function canInGroup(actor: Actor, permission: GroupPermission, membership: MembershipFacts, now = new Date()): boolean {
  return groupPermissionsOf(actor, membership, now).has(permission);
}

/** Whether the actor may read a group's members-only content (threads, papers in approval groups). */
export function canReadGroup(actor: Actor, joinPolicy: "OPEN" | "APPROVAL", membership: MembershipFacts): boolean {
  if (joinPolicy === "OPEN") return true;
  if (actor?.siteRole === "ADMIN") return true;
  return membership?.status === "ACTIVE";
}
