// The errors the permission map's refusals turn into, with words a person can act on: ONE table of
// refusal messages for every permission (group, organisation, site) and for the members-only reads.
// The decisions are in permissions.ts; this file only says them. Pure: no I/O.

import { formatDate } from "@/lib/dates";
import { forbidden, notFound, unauthenticated } from "../errors";
import {
  type Actor,
  canForSelf,
  canInGroup,
  canInOrganisation,
  canOnSite,
  canReadGroup,
  type GroupPermission,
  isAccountSuspended,
  isParticipation,
  isSuspended,
  type MembershipFacts,
  type OrganisationPermission,
  type OrganisationRoleName,
  type SelfPermission,
  SITE_ROLE_PERMISSIONS,
  type SitePermission,
} from "./permissions";

export type SignedIn = NonNullable<Actor>;

/** Why someone signed in, not suspended, may not do this: one line per permission. */
export const REFUSALS: Record<GroupPermission | OrganisationPermission | SitePermission, string> = {
  // In a group, by group role.
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
  "thread.editTitle": "Only the group's members can change the titles of their threads.",
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
  // For an organisation, by organisation role.
  "organisation.update": "Only the organisation's admins can do that.",
  "organisation.manageAdmins": "Only the organisation's admins can do that.",
  "commission.create": "Only the organisation's admins can do that.",
  "commission.update": "Only the organisation's admins can do that.",
  "commission.post": "Only the organisation's admins can do that.",
  "commission.invite": "Only the organisation's admins can do that.",
  "commission.respond": "Only the organisation's admins can do that.",
  "commission.viewDashboard": "Only the organisation's admins can see its commission dashboards.",
  // On the site, by site role.
  "group.create": "Your account cannot create groups right now.",
  "organisation.create": "Your account cannot create organisations right now.",
  "user.suspend": "Only site admins can suspend accounts or lift suspensions.",
  "organisation.verify": "Only the site's admins can verify organisations.",
  "admin.view": "Only site admins can see this page.",
};

/**
 * What a group's members-only parts say to those who may not read them, where the group itself is
 * the page (its lists: FORBIDDEN, since groups are public). A single thread, post, paper or proposal
 * of such a group is NOT_FOUND instead (assertCanRead), so nothing says it is there.
 */
export const MEMBERS_ONLY = {
  threads: "Discussions in this group are for members only.",
  papers: "Papers in this group are visible to its members only.",
  members: "Only members can see who belongs to this group.",
  log: "Only members can read this group's moderation log.",
  group: "Discussions and papers in this group are visible to members only, so people can speak freely.",
} as const;

/** Anonymous callers are asked to sign in before anything is looked up. */
export function requireActor(actor: Actor): SignedIn {
  if (!actor) throw unauthenticated();
  return actor;
}

/** What a suspended account is told when it tries to do something it may not. */
export function accountSuspendedMessage(until: Date | null): string {
  const when = until ? ` until ${formatDate(until)}` : "";
  return `Your account is suspended${when}: you can read, see your notifications, download your data or delete your account, but not change anything.`;
}

/** What a member suspended from one group is told there. */
export function groupSuspendedMessage(until: Date): string {
  return `You are suspended from this group until ${formatDate(until)}.`;
}

/** What an account whose email address is not yet confirmed is told when it tries to take part. */
export const UNCONFIRMED_MESSAGE =
  "Confirm your email address first: follow the link we emailed you. Until then you can read, join groups and set up your profile. You can ask for a new link in your account settings.";

/** What a site admin or group owner is told while REQUIRE_TWO_STEP_FOR holds their powers back. */
export const TWO_STEP_REQUIRED_MESSAGE = {
  admins: "This site asks admins to turn on two-step sign-in (Settings → Security) before using admin powers.",
  "group-owners":
    "This site asks group owners to turn on two-step sign-in (Settings → Security) before running their groups.",
} as const;

/** The actor with the powers REQUIRE_TWO_STEP_FOR held back given back: what they could do with two-step on. */
function withTwoStep(actor: SignedIn): SignedIn {
  const awaiting = actor.awaitingTwoStep ?? [];
  return { ...actor, siteRole: awaiting.includes("admins") ? "ADMIN" : actor.siteRole, awaitingTwoStep: [] };
}

/** FORBIDDEN with the two-step words when two-step sign-in is what stands between the actor and this. */
function assertNotAwaitingTwoStep(actor: SignedIn, allowedWithTwoStep: (unlocked: SignedIn) => boolean): void {
  const awaiting = actor.awaitingTwoStep ?? [];
  if (awaiting.length === 0 || !allowedWithTwoStep(withTwoStep(actor))) return;
  throw forbidden(TWO_STEP_REQUIRED_MESSAGE[awaiting.includes("admins") ? "admins" : "group-owners"]);
}

/** FORBIDDEN for a suspended account, if it is one. */
export function assertNotSuspended(actor: SignedIn): void {
  if (isAccountSuspended(actor)) throw forbidden(accountSuspendedMessage(actor.suspendedUntil));
}

/** The signed-in actor, if it may do this for itself; otherwise UNAUTHENTICATED or FORBIDDEN. */
export function assertSelf(actor: Actor, permission: SelfPermission): SignedIn {
  const me = requireActor(actor);
  if (!canForSelf(me, permission)) throw forbidden(accountSuspendedMessage(me.suspendedUntil));
  return me;
}

/**
 * Throws unless the actor holds the group permission, with a reason a person can act on: signed out
 * (UNAUTHENTICATED), account suspended, suspended from the group, or not allowed with their role
 * (FORBIDDEN). Whether the actor may see the group's content at all is asked first (assertCanRead).
 */
export function assertInGroup(actor: Actor, permission: GroupPermission, membership: MembershipFacts): SignedIn {
  const me = requireActor(actor);
  if (canInGroup(me, permission, membership)) return me;
  assertNotSuspended(me);
  if (membership?.status === "ACTIVE" && membership.suspendedUntil && isSuspended(membership.suspendedUntil)) {
    throw forbidden(groupSuspendedMessage(membership.suspendedUntil));
  }
  if (me.unconfirmed && isParticipation(permission)) throw forbidden(UNCONFIRMED_MESSAGE);
  assertNotAwaitingTwoStep(me, (unlocked) => canInGroup(unlocked, permission, membership));
  throw forbidden(REFUSALS[permission]);
}

/**
 * Why a member (or a suspended account) may not take part in the group this way, for a page to show
 * instead of the form; null when they may, or when the page should rather ask them to sign in or to
 * join (signed out, or not an active member).
 */
export function participationRefusal(
  actor: Actor,
  permission: GroupPermission,
  membership: MembershipFacts,
): string | null {
  if (!actor || canInGroup(actor, permission, membership)) return null;
  if (membership?.status !== "ACTIVE" && !isAccountSuspended(actor) && !actor.unconfirmed) return null;
  try {
    assertInGroup(actor, permission, membership);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Throws unless the actor holds the permission for the organisation (role: theirs there, or null). */
export function assertInOrganisation(
  actor: Actor,
  permission: OrganisationPermission,
  role: OrganisationRoleName | null,
): SignedIn {
  const me = requireActor(actor);
  if (canInOrganisation(me, permission, role)) return me;
  assertNotSuspended(me);
  assertNotAwaitingTwoStep(me, (unlocked) => canInOrganisation(unlocked, permission, role));
  throw forbidden(REFUSALS[permission]);
}

/** Throws unless the actor holds the site permission. */
export function assertOnSite(actor: Actor, permission: SitePermission): SignedIn {
  const me = requireActor(actor);
  if (canOnSite(me, permission)) return me;
  assertNotSuspended(me);
  if (me.unconfirmed && SITE_ROLE_PERMISSIONS[me.siteRole].includes(permission)) throw forbidden(UNCONFIRMED_MESSAGE);
  assertNotAwaitingTwoStep(me, (unlocked) => canOnSite(unlocked, permission));
  throw forbidden(REFUSALS[permission]);
}

/** NOT_FOUND (in the words for a subject that does not exist) unless the actor may read the group's content. */
export function assertCanRead(
  actor: Actor,
  group: { joinPolicy: "OPEN" | "APPROVAL" },
  membership: MembershipFacts,
  what: string,
): void {
  if (!canReadGroup(actor, group.joinPolicy, membership)) throw notFound(what);
}

/** FORBIDDEN, with MEMBERS_ONLY's words, unless the actor may read the group's members-only lists. */
export function assertCanReadLists(
  actor: Actor,
  group: { joinPolicy: "OPEN" | "APPROVAL" },
  membership: MembershipFacts,
  what: keyof typeof MEMBERS_ONLY,
): void {
  if (!canReadGroup(actor, group.joinPolicy, membership)) throw forbidden(MEMBERS_ONLY[what]);
}
