// The single role -> permission map. Every mutation and non-public read asks it through
// authorize() (authorize.ts loads the facts) or, with the facts at hand, the assert* of
// refusals.ts, which holds the one table of refusal messages. The authorization matrix test
// checks it against a hand-written table of expected outcomes, so a change here that grants too
// much fails there. Pure: no I/O, unit-tested.
//
// Four kinds of permission: in a group (by group role), on the site (by site role), for an
// organisation (by organisation role), and for oneself (self-service on one's own account).
//
// SUSPENSION, in one place:
// - A SITE suspension makes the account read-only. It can still sign in and read whatever it
//   could read before, and keeps exactly KEPT_WHILE_SUSPENDED: end its sessions (sign out, here
//   or everywhere), read and clear its notifications and choose which threads it follows, download
//   its data, and delete itself. Nothing else: no posting, voting, proposing, editing or deleting
//   its posts, editing or withdrawing its proposals, reacting or taking reactions back, reporting,
//   joining or leaving groups, answering organisation invitations, editing its profile or changing
//   its password; no moderation, group ownership, organisation or site administration either,
//   site admins included. Nothing the account did, or that others see of it, changes until the
//   suspension ends or the account is deleted (deleting is always open; a suspended sole owner of a
//   group must first have a site admin hand the group on, since a group always keeps an owner).
// - A GROUP suspension (by the group's moderators) keeps the member reading that group and takes
//   every permission of their role there: they take no part in it, and that includes editing or
//   deleting their posts, taking back reactions, and editing or withdrawing their proposals, so
//   nothing they wrote there changes while moderators look at it. They may leave the group (the
//   suspension stays in the log, so rejoining does not shed it), and elsewhere they are unaffected.
// - Changing one's own contributions in a group (post.edit, post.delete, proposal.edit,
//   proposal.withdraw, taking back a reaction with post.react) is taking part: it needs an active,
//   unsuspended membership, and the mutation checks authorship on top.
//
// UNCONFIRMED EMAIL: until its address is confirmed an account has every self permission but no
// PARTICIPATION and no site permission, so every post, vote and tally comes from a working address.
//
// TWO-STEP SIGN-IN (REQUIRE_TWO_STEP_FOR, two-step-requirement.ts): a site may hold back the
// powers of admins and of group owners until their account has two-step sign-in on. The session
// applies it when it resolves the actor (applyTwoStepRequirement): a held-back admin acts as a
// member (siteRole MEMBER), a held-back owner acts as a moderator of their group (they keep
// taking part and moderating, as a moderator would, but cannot run the group). awaitingTwoStep
// names what is held back, so refusals can say why (refusals.ts).
//
// VISIBILITY, for refusals: anonymous callers are asked to sign in (UNAUTHENTICATED) before
// anything is looked up; a subject the actor cannot read (members-only content of an approval
// group, someone else's session or organisation invitation) is NOT_FOUND, in the same words as
// one that does not exist; FORBIDDEN is only for what the actor can see but may not do. Groups
// themselves (name, description, join policy) are public, so refusals about a group as a whole
// (its settings, members, new threads and papers, invitation links) are FORBIDDEN.

import type { TwoStepRole } from "./two-step-requirement";

export type SiteRoleName = "MEMBER" | "ADMIN";
export type GroupRoleName = "OWNER" | "MODERATOR" | "MEMBER";

/** Who is acting: null for an anonymous visitor. */
export type Actor = {
  id: string;
  siteRole: SiteRoleName;
  suspendedUntil: Date | null;
  /** Set while the address is not confirmed (UNCONFIRMED above); the session store reads it each request. */
  unconfirmed?: boolean;
  /** Powers held back until the account turns two-step sign-in on (see TWO-STEP SIGN-IN above). */
  awaitingTwoStep?: readonly TwoStepRole[];
} | null;

/** The actor's membership of the group in question, if any. */
export type MembershipFacts = {
  role: GroupRoleName;
  status: "ACTIVE" | "PENDING";
  suspendedUntil: Date | null;
} | null;

/**
 * Taking part in a group's work: needs an active, unsuspended membership. The *.edit, *.delete
 * and *.withdraw permissions, and thread.editTitle, are for one's own posts, threads and proposals
 * (the mutation checks who wrote them); post.react covers adding and taking back one's own reaction.
 */
const PARTICIPATION = [
  "thread.create",
  "thread.editTitle",
  "post.create",
  "post.edit",
  "post.delete",
  "post.react",
  "post.report",
  "paper.create",
  "proposal.create",
  "proposal.edit",
  "proposal.withdraw",
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

/** Whether the permission is taking part (posting, proposing, voting…), which an unconfirmed account may not. */
export function isParticipation(permission: GroupPermission): boolean {
  return (PARTICIPATION as readonly GroupPermission[]).includes(permission);
}

export type GroupPermission = (typeof PARTICIPATION)[number] | (typeof MODERATION)[number] | (typeof OWNERSHIP)[number];

export const GROUP_ROLE_PERMISSIONS: Record<GroupRoleName, readonly GroupPermission[]> = {
  MEMBER: [...PARTICIPATION],
  MODERATOR: [...PARTICIPATION, ...MODERATION],
  OWNER: [...PARTICIPATION, ...MODERATION, ...OWNERSHIP],
};

/** Site admins govern every group but take part only where they are members. */
export const SITE_ADMIN_GROUP_PERMISSIONS: readonly GroupPermission[] = [...MODERATION, ...OWNERSHIP];

export type SitePermission =
  | "group.create"
  | "organisation.create"
  | "user.suspend"
  | "organisation.verify"
  | "admin.view";

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

/**
 * What every signed-in account may do for itself. A site-suspended account keeps only
 * KEPT_WHILE_SUSPENDED (see SUSPENSION at the top of this file).
 */
export const SELF_PERMISSIONS = [
  "account.updateProfile",
  "account.changePassword",
  /** Turn two-step sign-in on or off, and make new recovery codes (read-only while suspended, like the password). */
  "account.twoStep",
  /** Sign out, end one of one's sessions, sign out everywhere. */
  "account.endSessions",
  "account.exportData",
  "account.delete",
  /** Read one's notifications, mark them read, follow and unfollow threads one can read. */
  "notifications.manage",
  /** Join a group, ask to join one, or join through an invitation link. */
  "group.join",
  "group.leave",
  /** Accept or decline an invitation to be an organisation's admin. */
  "organisation.answerInvitation",
  /** Step down as one of an organisation's admins. */
  "organisation.leave",
  /**
   * Delete a post one wrote in a group one is no longer a member of: taking back one's own words
   * outlives the membership (inside the group, post.delete decides, so a group suspension freezes them).
   */
  "post.deleteAfterLeaving",
] as const;

export type SelfPermission = (typeof SELF_PERMISSIONS)[number];

/** A suspension makes the account read-only; these stay: signing out, notifications, and data rights. */
export const KEPT_WHILE_SUSPENDED: readonly SelfPermission[] = [
  "account.endSessions",
  "notifications.manage",
  "account.exportData",
  "account.delete",
];

export function canForSelf(actor: Actor, permission: SelfPermission, now = new Date()): boolean {
  if (!actor) return false;
  return !isSuspended(actor.suspendedUntil, now) || KEPT_WHILE_SUSPENDED.includes(permission);
}

export function canInOrganisation(
  actor: Actor,
  permission: OrganisationPermission,
  role: OrganisationRoleName | null,
  now = new Date(),
): boolean {
  if (!actor || isSuspended(actor.suspendedUntil, now)) return false;
  if (role && ORGANISATION_ROLE_PERMISSIONS[role].includes(permission)) return true;
  return actor.siteRole === "ADMIN" && SITE_ADMIN_ORGANISATION_PERMISSIONS.includes(permission);
}

export const ALL_GROUP_PERMISSIONS: readonly GroupPermission[] = GROUP_ROLE_PERMISSIONS.OWNER;

export function isSuspended(until: Date | null | undefined, now = new Date()): boolean {
  return !!until && until.getTime() > now.getTime();
}

/** Whether the account is suspended site-wide now (read-only: see SUSPENSION above). */
export function isAccountSuspended(actor: Actor, now = new Date()): boolean {
  return !!actor && isSuspended(actor.suspendedUntil, now);
}

export function canOnSite(actor: Actor, permission: SitePermission, now = new Date()): boolean {
  if (!actor || isSuspended(actor.suspendedUntil, now) || actor.unconfirmed) return false;
  return SITE_ROLE_PERMISSIONS[actor.siteRole].includes(permission);
}

/**
 * The actor as the permission map sees them under REQUIRE_TWO_STEP_FOR: without two-step sign-in,
 * the required roles' powers are held back (an admin acts as a member; owners, see actsAsOwner).
 */
export function applyTwoStepRequirement<A extends NonNullable<Actor>>(
  actor: A,
  required: readonly TwoStepRole[],
  hasTwoStep: boolean,
): A {
  if (hasTwoStep) return actor;
  const awaiting = required.filter((role) => role !== "admins" || actor.siteRole === "ADMIN");
  if (awaiting.length === 0) return actor;
  return { ...actor, siteRole: awaiting.includes("admins") ? "MEMBER" : actor.siteRole, awaitingTwoStep: awaiting };
}

/** Whether the actor has their owner's powers in the group (held back without two-step sign-in, when required). */
export function actsAsOwner(actor: Actor, membership: MembershipFacts): boolean {
  return membership?.role === "OWNER" && !actor?.awaitingTwoStep?.includes("group-owners");
}

export function groupPermissionsOf(actor: Actor, membership: MembershipFacts, now = new Date()): Set<GroupPermission> {
  const granted = new Set<GroupPermission>();
  if (!actor || isSuspended(actor.suspendedUntil, now)) return granted;
  if (actor.siteRole === "ADMIN") for (const p of SITE_ADMIN_GROUP_PERMISSIONS) granted.add(p);
  if (membership?.status === "ACTIVE") {
    const suspendedHere = isSuspended(membership.suspendedUntil, now);
    const role = membership.role === "OWNER" && !actsAsOwner(actor, membership) ? "MODERATOR" : membership.role;
    for (const p of GROUP_ROLE_PERMISSIONS[role]) {
      // A member suspended from the group keeps reading but cannot take part or govern,
      // not even change what they already wrote there.
      if (suspendedHere) continue;
      if (actor.unconfirmed && isParticipation(p)) continue;
      granted.add(p);
    }
  }
  return granted;
}

export function canInGroup(
  actor: Actor,
  permission: GroupPermission,
  membership: MembershipFacts,
  now = new Date(),
): boolean {
  return groupPermissionsOf(actor, membership, now).has(permission);
}

/**
 * Whether the actor may read a group's members-only content (threads, posts, papers, proposals,
 * votes in approval groups). A site suspension does not change what one may read. Those who may
 * not read it are told it does not exist (NOT_FOUND), never that it is forbidden.
 */
export function canReadGroup(actor: Actor, joinPolicy: "OPEN" | "APPROVAL", membership: MembershipFacts): boolean {
  if (joinPolicy === "OPEN") return true;
  if (actor?.siteRole === "ADMIN") return true;
  return membership?.status === "ACTIVE";
}
