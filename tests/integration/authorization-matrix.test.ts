// The authorization matrix: every mutation of the data layer against every kind of actor, held to
// EXPECTED below: a table written out by hand, cell by cell, of what the product promises each kind
// of person (see the rules above the table). It is data, not computed: nothing here asks
// src/server/authz/permissions.ts, so a change to the permission map (a moderator given an owner's
// power, a suspension that stops holding) fails here until someone changes the table on purpose.
// Allowed calls must succeed and write; refused ones must throw exactly the AppError the table
// names and write nothing ("nothing happens": return quietly and write nothing).
import { randomBytes } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as memberships from "@/composition/memberships";
import * as deletion from "@/features/accounts/delete-account";
import * as emailChange from "@/features/accounts/email-change";
import * as confirmation from "@/features/accounts/email-confirmation";
import * as accounts from "@/features/accounts/mutations";
import { ZUpdateProfile } from "@/features/accounts/schemas";
import { newTotpSecret, totpCode } from "@/features/accounts/two-step/codes";
import * as twoStep from "@/features/accounts/two-step/mutations";
import * as acceptance from "@/features/commissions/acceptance";
import * as invitations from "@/features/commissions/invitations";
import * as commissions from "@/features/commissions/mutations";
import * as response from "@/features/commissions/response";
import * as threadTitles from "@/features/discussions/edit-thread-title";
import * as discussions from "@/features/discussions/mutations";
import * as reactions from "@/features/discussions/react-to-post";
import * as groupMutations from "@/features/groups/group-mutations";
import * as joining from "@/features/groups/join-group";
import * as membershipMutations from "@/features/groups/membership-mutations";
import * as memberModeration from "@/features/moderation/member-mutations";
import * as postModeration from "@/features/moderation/post-mutations";
import * as reports from "@/features/moderation/report-mutations";
import * as threadModeration from "@/features/moderation/thread-mutations";
import * as notifications from "@/features/notifications/mutations";
import * as emailPreferences from "@/features/notifications/preferences";
import * as orgAdmins from "@/features/organisations/admins";
import * as organisations from "@/features/organisations/mutations";
import * as verify from "@/features/organisations/verify";
import * as paperDiscussion from "@/features/papers/discussion";
import * as paperFollows from "@/features/papers/follow";
import { previewMarkdown } from "@/features/papers/markdown-preview";
import * as paperMutations from "@/features/papers/paper-mutations";
import { ZCreatePaper } from "@/features/papers/schemas";
import * as dataExport from "@/features/privacy/data-export/mutations";
import * as votes from "@/features/proposals/cast-vote";
import * as proposals from "@/features/proposals/mutations";
import { sealSecret } from "@/server/auth/secret-box";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import type { AppErrorCode } from "@/server/errors";
import {
  ACTOR_KINDS,
  type ActorKind,
  type ActorWorld,
  bystander,
  cloneOf,
  commissionedPublication,
  commissionIn,
  freshGroup,
  makeActorWorld,
  WORLD_PASSWORD,
} from "./helpers/actor-world";
import { appError } from "./helpers/app-error";
import { BRIEF, makeCommission, makeOrganisation } from "./helpers/commission-factories";
import { makeThread } from "./helpers/discussion-factories";
import { addMember, days, makeUser } from "./helpers/factories";
import { amend, makePaper } from "./helpers/paper-factories";
import { resetDatabase } from "./helpers/reset-db";

// ---------------------------------------------------------------------------------------------
// What each kind of person may do: the table
// ---------------------------------------------------------------------------------------------

/**
 * What a call by one kind of person comes to.
 * - "allowed": it succeeds and writes.
 * - "sign in": UNAUTHENTICATED (signed-out visitors are asked to sign in before anything is looked up).
 * - "not found": NOT_FOUND (what the person cannot read, or what is addressed to someone else, is
 *   answered as if it did not exist).
 * - "forbidden": FORBIDDEN (they can see it but may not do this).
 * - "conflict": CONFLICT (already in the group, or not in it, as the call needs).
 * - "nothing happens": returns quietly and writes nothing.
 */
type Outcome = "allowed" | "sign in" | "not found" | "forbidden" | "conflict" | "nothing happens";

const REFUSAL_CODE: Record<Exclude<Outcome, "allowed" | "nothing happens">, AppErrorCode> = {
  "sign in": "UNAUTHENTICATED",
  "not found": "NOT_FOUND",
  forbidden: "FORBIDDEN",
  conflict: "CONFLICT",
};

/**
 * The people who cannot read an approval group's content (its threads, posts, papers, proposals):
 * everyone but its active members (suspended ones included) and site admins. Only they stand
 * differently in an approval group, so only they are tried there again.
 */
const APPROVAL_OUTSIDERS = [
  "anonymous",
  "siteSuspended",
  "nonMember",
  "pending",
  "orgAdmin",
] as const satisfies readonly ActorKind[];
type ApprovalOutsider = (typeof APPROVAL_OUTSIDERS)[number];

/**
 * Per mutation: the outcome for each kind of actor in an open group (or for mutations that do not
 * depend on a group), and, for the group's content and business, the outcome for the outsiders of
 * an approval group. The kinds (see STANDING in helpers/actor-world.ts):
 *   anonymous       signed out
 *   siteSuspended   an account suspended site-wide, no membership
 *   groupSuspended  an active member suspended by the group's moderators
 *   nonMember       a signed-in account with no membership
 *   pending         asked to join, not yet approved
 *   member, moderator, owner   active members with that role
 *   orgAdmin        an admin of the organisation that commissions the group, not a member
 *   siteAdmin       a site administrator, not a member
 *
 * The product's rules, from which the cells were written:
 * - Taking part in a group (posting, replying, reacting, reporting, proposing, voting, starting
 *   papers, and changing one's own posts and proposals) is for active, unsuspended members only.
 * - Moderating (approving members, acting on posts and threads, suspending members, editorial
 *   fixes) is for moderators and owners, and site admins anywhere. Running a group (its settings,
 *   roles, removing members, a paper's decision rules, declining a commission, revoking invitation
 *   links) is for owners, and site admins anywhere. A moderator has no owner's power.
 * - A site suspension makes the account read-only: it keeps signing out, its notifications and
 *   follows, its data export and deleting itself; nothing else, site admins' powers included.
 * - A group suspension takes every power of one's role in that group, but one may still leave.
 * - An organisation's admins act for it (commissions, its admins, answering publications) and have
 *   no power inside a group beyond their own membership there.
 * - Refusals: signed out "sign in"; the group's content to someone who cannot read it, or things
 *   addressed to someone else, "not found"; else "forbidden". A group itself (name, settings,
 *   members, new threads and papers) is public, so refusals about it stay "forbidden".
 */
type Expected = { open: Record<ActorKind, Outcome>; approval?: Record<ApprovalOutsider, Outcome> };

const EXPECTED = {
  // Groups
  createGroup: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "allowed",
      nonMember: "allowed",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
  },
  updateGroup: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "forbidden",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      orgAdmin: "forbidden",
    },
  },
  joinGroup: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "conflict",
      nonMember: "allowed",
      pending: "conflict",
      member: "conflict",
      moderator: "conflict",
      owner: "conflict",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      nonMember: "allowed",
      pending: "conflict",
      orgAdmin: "allowed",
    },
  },
  leaveGroup: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "allowed",
      nonMember: "conflict",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "conflict",
      siteAdmin: "conflict",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      nonMember: "conflict",
      pending: "allowed",
      orgAdmin: "conflict",
    },
  },
  approveMembership: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      orgAdmin: "forbidden",
    },
  },
  rejectMembership: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      orgAdmin: "forbidden",
    },
  },
  changeMemberRole: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "forbidden",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      orgAdmin: "forbidden",
    },
  },
  removeMember: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "forbidden",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      orgAdmin: "forbidden",
    },
  },
  // Discussions
  createThread: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "forbidden",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      orgAdmin: "forbidden",
    },
  },
  replyToThread: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "forbidden",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  "editThreadTitle (own thread)": {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  "editThreadTitle (someone else's thread)": {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  "editPost (own post)": {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "forbidden",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  "editPost (someone else's post)": {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "forbidden",
      owner: "forbidden",
      orgAdmin: "forbidden",
      siteAdmin: "forbidden",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  "deletePost (own post)": {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "allowed",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  "deletePost (someone else's post)": {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "forbidden",
      owner: "forbidden",
      orgAdmin: "forbidden",
      siteAdmin: "forbidden",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  addReaction: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "forbidden",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  "removeReaction (own reaction)": {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "forbidden",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  followThread: {
    open: {
      anonymous: "sign in",
      siteSuspended: "allowed",
      groupSuspended: "allowed",
      nonMember: "allowed",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  followPaper: {
    open: {
      anonymous: "sign in",
      siteSuspended: "allowed",
      groupSuspended: "allowed",
      nonMember: "allowed",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  unfollowPaper: {
    open: {
      anonymous: "sign in",
      siteSuspended: "allowed",
      groupSuspended: "allowed",
      nonMember: "allowed",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  unfollowThread: {
    open: {
      anonymous: "sign in",
      siteSuspended: "allowed",
      groupSuspended: "allowed",
      nonMember: "allowed",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  // Moderation
  reportPost: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "forbidden",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  dismissReports: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  hidePost: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  removePost: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  restorePost: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  featurePost: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  unfeaturePost: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  lockThread: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  unlockThread: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  pinThread: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  unpinThread: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  moveThread: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  suspendMember: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      orgAdmin: "forbidden",
    },
  },
  unsuspendMember: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      orgAdmin: "forbidden",
    },
  },
  // Papers
  createPaper: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "forbidden",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      orgAdmin: "forbidden",
    },
  },
  updateDecisionRules: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "forbidden",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  makeEditorialFix: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  createProposal: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "forbidden",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  "editProposal (own proposal)": {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "forbidden",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  "editProposal (someone else's proposal)": {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "forbidden",
      owner: "forbidden",
      orgAdmin: "forbidden",
      siteAdmin: "forbidden",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  "withdrawProposal (own proposal)": {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "forbidden",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  "withdrawProposal (someone else's proposal)": {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "forbidden",
      owner: "forbidden",
      orgAdmin: "forbidden",
      siteAdmin: "forbidden",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  castVote: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "forbidden",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  commentOnSubject: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "forbidden",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  proposeAcceptance: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "forbidden",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  declineCommission: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "forbidden",
      owner: "allowed",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      orgAdmin: "not found",
    },
  },
  // Commissions
  createCommission: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "forbidden",
      owner: "forbidden",
      orgAdmin: "allowed",
      siteAdmin: "forbidden",
    },
  },
  postCommission: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "forbidden",
      owner: "forbidden",
      orgAdmin: "allowed",
      siteAdmin: "forbidden",
    },
  },
  updateCommission: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "forbidden",
      owner: "forbidden",
      orgAdmin: "allowed",
      siteAdmin: "forbidden",
    },
  },
  createInvitationLink: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "forbidden",
      owner: "forbidden",
      orgAdmin: "allowed",
      siteAdmin: "forbidden",
    },
  },
  "revokeInvitation (group invitation link)": {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "forbidden",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      orgAdmin: "allowed",
    },
  },
  joinThroughInvitation: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "conflict",
      nonMember: "allowed",
      pending: "conflict",
      member: "conflict",
      moderator: "conflict",
      owner: "conflict",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
    approval: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      nonMember: "allowed",
      pending: "conflict",
      orgAdmin: "allowed",
    },
  },
  respondToPublication: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "forbidden",
      owner: "forbidden",
      orgAdmin: "allowed",
      siteAdmin: "forbidden",
    },
  },
  // Organisations
  createOrganisation: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "allowed",
      nonMember: "allowed",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
  },
  updateOrganisation: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "forbidden",
      owner: "forbidden",
      orgAdmin: "allowed",
      siteAdmin: "forbidden",
    },
  },
  inviteAdmin: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "forbidden",
      owner: "forbidden",
      orgAdmin: "allowed",
      siteAdmin: "forbidden",
    },
  },
  "acceptInvitation (addressed to the actor)": {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "allowed",
      nonMember: "allowed",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
  },
  "acceptInvitation (addressed to someone else)": {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      member: "not found",
      moderator: "not found",
      owner: "not found",
      orgAdmin: "not found",
      siteAdmin: "not found",
    },
  },
  "declineInvitation (addressed to the actor)": {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "allowed",
      nonMember: "allowed",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
  },
  "declineInvitation (addressed to someone else)": {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      member: "not found",
      moderator: "not found",
      owner: "not found",
      orgAdmin: "not found",
      siteAdmin: "not found",
    },
  },
  "revokeInvitation (organisation admin invitation)": {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "forbidden",
      owner: "forbidden",
      orgAdmin: "allowed",
      siteAdmin: "forbidden",
    },
  },
  "removeAdmin (another admin)": {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "forbidden",
      owner: "forbidden",
      orgAdmin: "allowed",
      siteAdmin: "forbidden",
    },
  },
  "removeAdmin (stepping down)": {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "forbidden",
      owner: "forbidden",
      orgAdmin: "allowed",
      siteAdmin: "forbidden",
    },
  },
  setVerified: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "forbidden",
      owner: "forbidden",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
  },
  // Notifications (signed out: nothing to do, nothing said)
  markAllNotificationsRead: {
    open: {
      anonymous: "nothing happens",
      siteSuspended: "allowed",
      groupSuspended: "allowed",
      nonMember: "allowed",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
  },
  "openNotification (own notification)": {
    open: {
      anonymous: "nothing happens",
      siteSuspended: "allowed",
      groupSuspended: "allowed",
      nonMember: "allowed",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
  },
  "openNotification (someone else's notification)": {
    open: {
      anonymous: "nothing happens",
      siteSuspended: "nothing happens",
      groupSuspended: "nothing happens",
      nonMember: "nothing happens",
      pending: "nothing happens",
      member: "nothing happens",
      moderator: "nothing happens",
      owner: "nothing happens",
      orgAdmin: "nothing happens",
      siteAdmin: "nothing happens",
    },
  },
  // Accounts and privacy
  updateProfile: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "allowed",
      nonMember: "allowed",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
  },
  changePassword: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "allowed",
      nonMember: "allowed",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
  },
  // Only for oneself; a suspended account changes nothing, its address included.
  requestEmailChange: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "allowed",
      nonMember: "allowed",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
  },
  // Choosing less email stays open while suspended, like the rest of managing one's notifications.
  updateEmailPreferences: {
    open: {
      anonymous: "sign in",
      siteSuspended: "allowed",
      groupSuspended: "allowed",
      nonMember: "allowed",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
  },
  "resendConfirmation (unconfirmed address)": {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "allowed",
      nonMember: "allowed",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
  },
  "revokeOwnSession (own session)": {
    open: {
      anonymous: "sign in",
      siteSuspended: "allowed",
      groupSuspended: "allowed",
      nonMember: "allowed",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
  },
  "revokeOwnSession (someone else's session)": {
    open: {
      anonymous: "sign in",
      siteSuspended: "not found",
      groupSuspended: "not found",
      nonMember: "not found",
      pending: "not found",
      member: "not found",
      moderator: "not found",
      owner: "not found",
      orgAdmin: "not found",
      siteAdmin: "not found",
    },
  },
  startTwoStepSetup: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "allowed",
      nonMember: "allowed",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
  },
  cancelTwoStepSetup: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "allowed",
      nonMember: "allowed",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
  },
  confirmTwoStep: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "allowed",
      nonMember: "allowed",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
  },
  regenerateRecoveryCodes: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "allowed",
      nonMember: "allowed",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
  },
  disableTwoStep: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "allowed",
      nonMember: "allowed",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
  },
  signOutEverywhere: {
    open: {
      anonymous: "sign in",
      siteSuspended: "allowed",
      groupSuspended: "allowed",
      nonMember: "allowed",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
  },
  suspendUser: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "forbidden",
      owner: "forbidden",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
  },
  unsuspendUser: {
    open: {
      anonymous: "sign in",
      siteSuspended: "forbidden",
      groupSuspended: "forbidden",
      nonMember: "forbidden",
      pending: "forbidden",
      member: "forbidden",
      moderator: "forbidden",
      owner: "forbidden",
      orgAdmin: "forbidden",
      siteAdmin: "allowed",
    },
  },
  deleteAccount: {
    open: {
      anonymous: "sign in",
      siteSuspended: "allowed",
      groupSuspended: "allowed",
      nonMember: "allowed",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
  },
  requestDataExport: {
    open: {
      anonymous: "sign in",
      siteSuspended: "allowed",
      groupSuspended: "allowed",
      nonMember: "allowed",
      pending: "allowed",
      member: "allowed",
      moderator: "allowed",
      owner: "allowed",
      orgAdmin: "allowed",
      siteAdmin: "allowed",
    },
  },
} satisfies Record<string, Expected>;

type RowName = keyof typeof EXPECTED;

/** One call, built fresh for one actor: what to run, and (for updates in place) the state it changes. */
type Call = { run: () => Promise<unknown>; state?: () => Promise<unknown> };

type Row = {
  /** Its line in EXPECTED. */
  name: RowName;
  /** The exported function(s) the row exercises; the guard test checks every mutation has a row. */
  covers: unknown[];
  /** Rows about organisations and accounts do not depend on the group's policy: run them once. */
  openOnly?: true;
  call: (w: ActorWorld, kind: ActorKind, actor: Actor) => Promise<Call>;
};

// ---------------------------------------------------------------------------------------------
// Fixtures for single calls
// ---------------------------------------------------------------------------------------------

const tag = () => randomBytes(4).toString("hex");
/** The actor's user, or a bystander when the actor is anonymous (a target must belong to someone). */
const ownerOf = async (w: ActorWorld, kind: ActorKind): Promise<{ id: string; handle: string }> =>
  kind === "anonymous" ? bystander() : w.users[kind];
const postBy = async (w: ActorWorld, author: { id: string }) => (await makeThread(w.group, author)).posts[0]!;
const postStatus = (id: string) =>
  db.post.findUniqueOrThrow({ where: { id }, select: { status: true, featuredAt: true, bodyMarkdown: true } });
const threadTitle = (id: string) => db.thread.findUniqueOrThrow({ where: { id }, select: { title: true } });
const threadFlags = (id: string) =>
  db.thread.findUniqueOrThrow({ where: { id }, select: { lockedAt: true, pinnedAt: true, groupId: true } });
const memberOf = (groupId: string, userId: string) =>
  db.membership.findUnique({
    where: { groupId_userId: { groupId, userId } },
    select: { role: true, status: true, suspendedUntil: true },
  });
const REASON = "Breaks the group's rules.";

async function freshProposal(w: ActorWorld, authorId?: string) {
  const made = await proposals.createProposal(
    w.actors.owner,
    amend(w.paper, w.paper.sections[1]!, `Assessments happen face to face, ${tag()}.`),
  );
  if (authorId) await db.proposal.update({ where: { id: made.id }, data: { authorId } });
  return made;
}

function invitationLink(groupId: string, w: ActorWorld) {
  return db.groupInvitation.create({
    data: {
      groupId,
      organisationId: w.organisation.id,
      commissionId: w.commission.id,
      createdById: w.users.orgAdmin.id,
      token: randomBytes(32).toString("base64url"),
      note: "For advisers",
      expiresAt: days(30),
    },
    select: { id: true, token: true },
  });
}

async function orgInvitationFor(handle: string) {
  const org = await makeOrganisation([await bystander()]);
  return db.organisationInvitation.create({
    data: { organisationId: org.id, inviteeHandle: handle, inviterId: null },
    select: { id: true },
  });
}

async function notificationFor(userId: string) {
  return db.notification.create({
    data: { userId, kind: "MODERATION", text: "Something happened", url: "/" },
    select: { id: true },
  });
}

// ---------------------------------------------------------------------------------------------
// The table: every mutation
// ---------------------------------------------------------------------------------------------

const ROWS: Row[] = [
  // Groups ----------------------------------------------------------------------------------
  {
    name: "createGroup",
    covers: [groupMutations.createGroup],
    openOnly: true,
    call: async (_w, _k, actor) => {
      const slug = `matrix-${tag()}`;
      return {
        run: () =>
          groupMutations.createGroup(actor, {
            name: "Matrix group",
            slug,
            description: "A group made by the matrix test.",
            joinPolicy: "OPEN",
            sector: "OTHER",
          }),
      };
    },
  },
  {
    name: "updateGroup",
    covers: [groupMutations.updateGroup],
    call: async (w, _k, actor) => {
      const g = await freshGroup(w);
      return {
        run: () =>
          groupMutations.updateGroup(actor, {
            groupId: g.id,
            name: "Renamed group",
            description: "A group renamed by the matrix test.",
            joinPolicy: g.joinPolicy,
            sector: "OTHER",
            autoHideReportThreshold: null,
          }),
        state: () => db.group.findUniqueOrThrow({ where: { id: g.id }, select: { name: true } }),
      };
    },
  },
  {
    name: "joinGroup",
    covers: [joining.joinGroup],
    call: async (w, _k, actor) => {
      const g = await freshGroup(w);
      return { run: () => joining.joinGroup(actor, { groupId: g.id }) };
    },
  },
  {
    name: "leaveGroup",
    covers: [membershipMutations.leaveGroup],
    // Suspended from the group, one may leave (the log keeps the suspension); a suspended account changes nothing.
    call: async (w, _k, actor) => {
      const g = await freshGroup(w);
      return { run: () => memberships.leaveGroup(actor, { groupId: g.id }) };
    },
  },
  ...(["approveMembership", "rejectMembership"] as const).map(
    (name): Row => ({
      name,
      covers: [membershipMutations[name]],
      call: async (w, _k, actor) => {
        const g = await freshGroup(w);
        const asking = await bystander();
        await addMember(g, asking, "MEMBER", "PENDING");
        return {
          run: () => membershipMutations[name](actor, { groupId: g.id, userId: asking.id }),
          state: () => memberOf(g.id, asking.id),
        };
      },
    }),
  ),
  {
    name: "changeMemberRole",
    covers: [membershipMutations.changeMemberRole],
    call: async (w, _k, actor) => {
      const g = await freshGroup(w);
      const target = await bystander();
      await addMember(g, target);
      return {
        run: () => membershipMutations.changeMemberRole(actor, { groupId: g.id, userId: target.id, role: "MODERATOR" }),
        state: () => memberOf(g.id, target.id),
      };
    },
  },
  {
    name: "removeMember",
    covers: [membershipMutations.removeMember],
    call: async (w, _k, actor) => {
      const g = await freshGroup(w);
      const target = await bystander();
      await addMember(g, target);
      return { run: () => memberships.removeMember(actor, { groupId: g.id, userId: target.id, reason: REASON }) };
    },
  },

  // Discussions -----------------------------------------------------------------------------
  {
    name: "createThread",
    covers: [discussions.createThread],
    call: async (w, _k, actor) => ({
      run: () =>
        discussions.createThread(actor, { groupId: w.group.id, title: "A new thread", body: "Opening words." }),
    }),
  },
  {
    name: "replyToThread",
    covers: [discussions.replyToThread],
    call: async (w, _k, actor) => {
      const thread = await makeThread(w.group, await bystander());
      return { run: () => discussions.replyToThread(actor, { threadId: thread.id, body: "A reply." }) };
    },
  },
  {
    name: "editThreadTitle (own thread)",
    covers: [threadTitles.editThreadTitle],
    // The author, while nobody else has replied (a site admin who is not a member changes it as a moderator).
    call: async (w, kind, actor) => {
      const thread = await makeThread(w.group, await ownerOf(w, kind));
      return {
        run: () => threadTitles.editThreadTitle(actor, { threadId: thread.id, title: "A clearer title" }),
        state: () => threadTitle(thread.id),
      };
    },
  },
  {
    name: "editThreadTitle (someone else's thread)",
    covers: [threadTitles.editThreadTitle],
    call: async (w, _k, actor) => {
      const thread = await makeThread(w.group, await bystander());
      return {
        run: () => threadTitles.editThreadTitle(actor, { threadId: thread.id, title: "A clearer title" }),
        state: () => threadTitle(thread.id),
      };
    },
  },
  {
    name: "editPost (own post)",
    covers: [discussions.editPost],
    // The author edits; changing one's words is taking part (neither suspension allows it).
    call: async (w, kind, actor) => {
      const post = await postBy(w, await ownerOf(w, kind));
      return {
        run: () => discussions.editPost(actor, { postId: post.id, body: "Edited words." }),
        state: () => postStatus(post.id),
      };
    },
  },
  {
    name: "editPost (someone else's post)",
    covers: [discussions.editPost],
    call: async (w, _k, actor) => {
      const post = await postBy(w, await bystander());
      return {
        run: () => discussions.editPost(actor, { postId: post.id, body: "Edited words." }),
        state: () => postStatus(post.id),
      };
    },
  },
  {
    name: "deletePost (own post)",
    covers: [discussions.deletePost],
    // Inside the group, deleting one's words is taking part (a group suspension freezes them);
    // someone no longer in it may still take back what they wrote, where they can read it.
    // A reply keeps the thread, so the marker is what changes (a thread of one post goes with it).
    call: async (w, kind, actor) => {
      const thread = await makeThread(w.group, await ownerOf(w, kind), { posts: 2, replyAuthors: [await bystander()] });
      const post = thread.posts[0]!;
      return { run: () => discussions.deletePost(actor, { postId: post.id }), state: () => postStatus(post.id) };
    },
  },
  {
    name: "deletePost (someone else's post)",
    covers: [discussions.deletePost],
    call: async (w, _k, actor) => {
      const post = await postBy(w, await bystander());
      return { run: () => discussions.deletePost(actor, { postId: post.id }), state: () => postStatus(post.id) };
    },
  },
  {
    name: "addReaction",
    covers: [reactions.addReaction],
    call: async (w, _k, actor) => {
      const post = await postBy(w, await bystander());
      return { run: () => reactions.addReaction(actor, { postId: post.id, kind: "AGREE" }) };
    },
  },
  {
    name: "removeReaction (own reaction)",
    covers: [reactions.removeReaction],
    // Taking a reaction back changes the post's counts: taking part, like adding one.
    call: async (w, _k, actor) => {
      const post = await postBy(w, await bystander());
      if (actor) {
        await db.reaction.create({ data: { postId: post.id, userId: actor.id, kind: "AGREE" } });
        await db.post.update({ where: { id: post.id }, data: { agreeCount: 1 } });
      }
      return { run: () => reactions.removeReaction(actor, { postId: post.id, kind: "AGREE" }) };
    },
  },
  {
    name: "followThread",
    covers: [discussions.followThread],
    // Following only decides what lands in one's own notifications: kept while suspended.
    call: async (w, _k, actor) => {
      const thread = await makeThread(w.group, await bystander());
      return { run: () => discussions.followThread(actor, { threadId: thread.id }) };
    },
  },
  {
    name: "unfollowThread",
    covers: [discussions.unfollowThread],
    call: async (w, _k, actor) => {
      const thread = await makeThread(w.group, await bystander());
      if (actor) await db.threadFollow.create({ data: { threadId: thread.id, userId: actor.id } });
      return { run: () => discussions.unfollowThread(actor, { threadId: thread.id }) };
    },
  },

  // Moderation ------------------------------------------------------------------------------
  {
    name: "reportPost",
    covers: [reports.reportPost],
    call: async (w, _k, actor) => {
      const post = await postBy(w, await bystander());
      return { run: () => reports.reportPost(actor, { postId: post.id, reason: REASON }) };
    },
  },
  {
    name: "dismissReports",
    covers: [reports.dismissReports],
    call: async (w, _k, actor) => {
      const post = await postBy(w, await bystander());
      const reporter = await bystander();
      await db.report.create({
        data: { postId: post.id, groupId: w.group.id, reporterId: reporter.id, reason: REASON },
      });
      return { run: () => reports.dismissReports(actor, { postId: post.id }) };
    },
  },
  ...(["hidePost", "removePost", "restorePost", "featurePost", "unfeaturePost"] as const).map(
    (name): Row => ({
      name,
      covers: [postModeration[name]],
      call: async (w, _k, actor) => {
        const post = await postBy(w, await bystander());
        if (name === "restorePost")
          await db.post.update({ where: { id: post.id }, data: { status: "HIDDEN", statusReason: REASON } });
        if (name === "unfeaturePost")
          await db.post.update({ where: { id: post.id }, data: { featuredAt: new Date() } });
        return {
          run: () => postModeration[name](actor, { postId: post.id, reason: REASON }),
          state: () => postStatus(post.id),
        };
      },
    }),
  ),
  ...(["lockThread", "unlockThread", "pinThread", "unpinThread"] as const).map(
    (name): Row => ({
      name,
      covers: [threadModeration[name]],
      call: async (w, _k, actor) => {
        const thread = await makeThread(w.group, await bystander());
        if (name === "unlockThread")
          await db.thread.update({ where: { id: thread.id }, data: { lockedAt: new Date() } });
        if (name === "unpinThread")
          await db.thread.update({ where: { id: thread.id }, data: { pinnedAt: new Date() } });
        return {
          run: () => threadModeration[name](actor, { threadId: thread.id }),
          state: () => threadFlags(thread.id),
        };
      },
    }),
  ),
  {
    name: "moveThread",
    covers: [threadModeration.moveThread],
    // Needs the permission in both groups; the actor stands the same in the destination.
    call: async (w, _k, actor) => {
      const thread = await makeThread(w.group, await bystander());
      const to = await freshGroup(w);
      return {
        run: () => threadModeration.moveThread(actor, { threadId: thread.id, toGroupId: to.id, reason: REASON }),
        state: () => threadFlags(thread.id),
      };
    },
  },
  {
    name: "suspendMember",
    covers: [memberModeration.suspendMember],
    call: async (w, _k, actor) => {
      const target = await bystander();
      await addMember(w.group, target);
      return {
        run: () =>
          memberModeration.suspendMember(actor, { groupId: w.group.id, userId: target.id, days: 3, reason: REASON }),
        state: () => memberOf(w.group.id, target.id),
      };
    },
  },
  {
    name: "unsuspendMember",
    covers: [memberModeration.unsuspendMember],
    call: async (w, _k, actor) => {
      const target = await bystander();
      await addMember(w.group, target, "MEMBER", "ACTIVE", { suspendedUntil: days(3) });
      return {
        run: () => memberModeration.unsuspendMember(actor, { groupId: w.group.id, userId: target.id }),
        state: () => memberOf(w.group.id, target.id),
      };
    },
  },

  // Papers ----------------------------------------------------------------------------------
  {
    name: "createPaper",
    covers: [paperMutations.createPaper],
    call: async (w, _k, actor) => {
      const input = ZCreatePaper.parse({
        groupId: w.group.id,
        title: `Matrix paper ${tag()}`,
        question: "What should change, and why?",
        summary: "A summary.",
        sections: { "0": { heading: "One", body: "Text." } },
      });
      return { run: () => paperMutations.createPaper(actor, input) };
    },
  },
  {
    name: "followPaper",
    covers: [paperFollows.followPaper],
    // As for threads: following only decides what lands in one's own notifications.
    call: async (w, _k, actor) => {
      const paper = await makePaper(w.group, await bystander());
      return { run: () => paperFollows.followPaper(actor, { paperId: paper.id }) };
    },
  },
  {
    name: "unfollowPaper",
    covers: [paperFollows.unfollowPaper],
    call: async (w, _k, actor) => {
      const paper = await makePaper(w.group, await bystander());
      if (actor) await db.paperFollow.create({ data: { paperId: paper.id, userId: actor.id } });
      return {
        run: () => paperFollows.unfollowPaper(actor, { paperId: paper.id }),
        state: () => db.paperFollow.findMany({ where: { paperId: paper.id }, select: { mutedAt: true } }),
      };
    },
  },
  {
    name: "updateDecisionRules",
    covers: [paperMutations.updateDecisionRules],
    call: async (w, _k, actor) => {
      const paper = await makePaper(w.group, w.users.owner);
      const rules = await db.paper.findUniqueOrThrow({
        where: { id: paper.id },
        select: {
          votingPeriodHours: true,
          quorum: true,
          thresholdPercent: true,
          publishThresholdPercent: true,
          requireBothPerspectives: true,
        },
      });
      return {
        run: () => paperMutations.updateDecisionRules(actor, { paperId: paper.id, ...rules, quorum: rules.quorum + 1 }),
      };
    },
  },
  {
    name: "makeEditorialFix",
    covers: [paperMutations.makeEditorialFix],
    call: async (w, _k, actor) => {
      const paper = await makePaper(w.group, w.users.owner);
      const section = paper.sections[0]!;
      return {
        run: () =>
          paperMutations.makeEditorialFix(actor, {
            paperId: paper.id,
            sectionId: section.id,
            baseRevision: 1,
            heading: section.heading,
            body: section.body.replace("weekly", "fortnightly"),
            reason: "Typo",
          }),
      };
    },
  },
  {
    name: "createProposal",
    covers: [proposals.createProposal],
    call: async (w, _k, actor) => ({
      run: () =>
        proposals.createProposal(actor, amend(w.paper, w.paper.sections[2]!, `Advice at every job centre, ${tag()}.`)),
    }),
  },
  {
    name: "editProposal (own proposal)",
    covers: [proposals.editProposal],
    call: async (w, kind, actor) => {
      const made = await freshProposal(w, (await ownerOf(w, kind)).id);
      return {
        run: () =>
          proposals.editProposal(actor, {
            ...amend(w.paper, w.paper.sections[1]!, `Rewritten, ${tag()}.`),
            proposalId: made.id,
          }),
        state: () =>
          db.proposal.findUniqueOrThrow({ where: { id: made.id }, select: { version: true, updatedAt: true } }),
      };
    },
  },
  {
    name: "editProposal (someone else's proposal)",
    covers: [proposals.editProposal],
    call: async (w, _k, actor) => {
      const made = await freshProposal(w, (await bystander()).id);
      return {
        run: () =>
          proposals.editProposal(actor, {
            ...amend(w.paper, w.paper.sections[1]!, `Rewritten, ${tag()}.`),
            proposalId: made.id,
          }),
      };
    },
  },
  {
    name: "withdrawProposal (own proposal)",
    covers: [proposals.withdrawProposal],
    // Withdrawing changes the group's vote: taking part, so neither suspension allows it.
    call: async (w, kind, actor) => {
      const made = await freshProposal(w, (await ownerOf(w, kind)).id);
      return {
        run: () => proposals.withdrawProposal(actor, { proposalId: made.id }),
        state: () => db.proposal.findUniqueOrThrow({ where: { id: made.id }, select: { status: true } }),
      };
    },
  },
  {
    name: "withdrawProposal (someone else's proposal)",
    covers: [proposals.withdrawProposal],
    call: async (w, _k, actor) => {
      const made = await freshProposal(w, (await bystander()).id);
      return {
        run: () => proposals.withdrawProposal(actor, { proposalId: made.id }),
        state: () => db.proposal.findUniqueOrThrow({ where: { id: made.id }, select: { status: true } }),
      };
    },
  },
  {
    name: "castVote",
    covers: [votes.castVote],
    call: async (w, _k, actor) => {
      const made = await freshProposal(w);
      return { run: () => votes.castVote(actor, { proposalId: made.id, version: 1, choice: "SUPPORT", reason: "" }) };
    },
  },
  {
    name: "commentOnSubject",
    covers: [paperDiscussion.commentOnSubject],
    call: async (w, _k, actor) => ({
      run: () =>
        paperDiscussion.commentOnSubject(actor, {
          subject: "PAPER",
          subjectId: w.paper.id,
          body: "A comment on the paper.",
        }),
    }),
  },
  {
    name: "proposeAcceptance",
    covers: [acceptance.proposeAcceptance],
    call: async (w, _k, actor) => {
      const { paperId } = await commissionIn(w, w.group);
      return { run: () => acceptance.proposeAcceptance(actor, { paperId, rationale: "We know this area." }) };
    },
  },
  {
    name: "declineCommission",
    covers: [acceptance.declineCommission],
    call: async (w, _k, actor) => {
      const { paperId } = await commissionIn(w, w.group);
      return {
        run: () => acceptance.declineCommission(actor, { paperId, reason: "Not something we can take on now." }),
        state: () => db.paper.findUniqueOrThrow({ where: { id: paperId }, select: { status: true } }),
      };
    },
  },

  // Commissions -----------------------------------------------------------------------------
  {
    name: "createCommission",
    covers: [commissions.createCommission],
    openOnly: true,
    call: async (w, _k, actor) => ({ run: () => makeCommission(actor, w.organisation, [w.group]) }),
  },
  {
    name: "postCommission",
    covers: [commissions.postCommission],
    openOnly: true,
    call: async (w, _k, actor) => {
      const to = await freshGroup(w, "OPEN");
      return { run: () => commissions.postCommission(actor, { commissionId: w.commission.id, groupSlugs: [to.slug] }) };
    },
  },
  {
    name: "updateCommission",
    covers: [commissions.updateCommission],
    openOnly: true,
    call: async (w, _k, actor) => {
      const c = await db.commission.findUniqueOrThrow({
        where: { id: w.commission.id },
        select: { contributionsOpenAt: true, draftingFrom: true, deadlineAt: true },
      });
      return {
        run: () =>
          commissions.updateCommission(actor, {
            commissionId: w.commission.id,
            ...BRIEF,
            ...c,
            title: `Revised brief ${tag()}`,
          }),
        state: () => db.commission.findUniqueOrThrow({ where: { id: w.commission.id }, select: { title: true } }),
      };
    },
  },
  {
    name: "createInvitationLink",
    covers: [invitations.createInvitationLink],
    openOnly: true,
    call: async (w, _k, actor) => {
      const group = await freshGroup(w, "OPEN");
      const { commissionId, paperId } = await commissionIn(w, group);
      // Taken on by the group (as the closing vote would leave it): links open only then.
      await db.commissionPosting.update({ where: { paperId }, data: { status: "ACCEPTED", decidedAt: new Date() } });
      await db.paper.update({ where: { id: paperId }, data: { status: "DRAFTING" } });
      return {
        run: () =>
          invitations.createInvitationLink(actor, {
            commissionId,
            groupSlug: group.slug,
            note: "For advisers",
            expiresInDays: 30,
            maxUses: undefined,
          }),
      };
    },
  },
  {
    name: "revokeInvitation (group invitation link)",
    covers: [invitations.revokeInvitation],
    // A link is the group's and the organisation's business, not members-only content.
    call: async (w, _k, actor) => {
      const link = await invitationLink(w.group.id, w);
      return {
        run: () => invitations.revokeInvitation(actor, { invitationId: link.id }),
        state: () => db.groupInvitation.findUniqueOrThrow({ where: { id: link.id }, select: { revokedAt: true } }),
      };
    },
  },
  {
    name: "joinThroughInvitation",
    covers: [invitations.joinThroughInvitation],
    call: async (w, _k, actor) => {
      const group = await freshGroup(w);
      const link = await invitationLink(group.id, w);
      return { run: () => invitations.joinThroughInvitation(actor, { token: link.token }) };
    },
  },
  {
    name: "respondToPublication",
    covers: [response.respondToPublication],
    openOnly: true,
    call: async (w, _k, actor) => {
      const publication = await commissionedPublication(w);
      return {
        run: () =>
          response.respondToPublication(actor, {
            publicationId: publication.id,
            signatoryName: "A. Director",
            body: "We thank the group.",
          }),
      };
    },
  },

  // Organisations ---------------------------------------------------------------------------
  {
    name: "createOrganisation",
    covers: [organisations.createOrganisation],
    openOnly: true,
    call: async (_w, _k, actor) => ({
      run: () =>
        organisations.createOrganisation(actor, {
          name: `Matrix trust ${tag()}`,
          kind: "CHARITY",
          website: undefined,
          description: "",
        }),
    }),
  },
  {
    name: "updateOrganisation",
    covers: [organisations.updateOrganisation],
    openOnly: true,
    call: async (w, _k, actor) => ({
      run: () =>
        organisations.updateOrganisation(actor, {
          organisationId: w.organisation.id,
          name: `Renamed trust ${tag()}`,
          kind: "CHARITY",
          website: undefined,
          description: "",
        }),
      state: () => db.organisation.findUniqueOrThrow({ where: { id: w.organisation.id }, select: { name: true } }),
    }),
  },
  {
    name: "inviteAdmin",
    covers: [orgAdmins.inviteAdmin],
    openOnly: true,
    call: async (w, _k, actor) => {
      const invitee = await bystander();
      return { run: () => orgAdmins.inviteAdmin(actor, { organisationId: w.organisation.id, handle: invitee.handle }) };
    },
  },
  {
    name: "acceptInvitation (addressed to the actor)",
    covers: [orgAdmins.acceptInvitation],
    openOnly: true,
    call: async (w, kind, actor) => {
      const invitation = await orgInvitationFor((await ownerOf(w, kind)).handle);
      return { run: () => orgAdmins.acceptInvitation(actor, { invitationId: invitation.id }) };
    },
  },
  {
    name: "acceptInvitation (addressed to someone else)",
    covers: [orgAdmins.acceptInvitation],
    openOnly: true,
    call: async (_w, _k, actor) => {
      const invitation = await orgInvitationFor((await bystander()).handle);
      return { run: () => orgAdmins.acceptInvitation(actor, { invitationId: invitation.id }) };
    },
  },
  {
    name: "declineInvitation (addressed to the actor)",
    covers: [orgAdmins.declineInvitation],
    openOnly: true,
    call: async (w, kind, actor) => {
      const invitation = await orgInvitationFor((await ownerOf(w, kind)).handle);
      return { run: () => orgAdmins.declineInvitation(actor, { invitationId: invitation.id }) };
    },
  },
  {
    name: "declineInvitation (addressed to someone else)",
    covers: [orgAdmins.declineInvitation],
    openOnly: true,
    call: async (_w, _k, actor) => {
      const invitation = await orgInvitationFor((await bystander()).handle);
      return { run: () => orgAdmins.declineInvitation(actor, { invitationId: invitation.id }) };
    },
  },
  {
    name: "revokeInvitation (organisation admin invitation)",
    covers: [orgAdmins.revokeInvitation],
    openOnly: true,
    call: async (w, _k, actor) => {
      const invitee = await bystander();
      const invitation = await db.organisationInvitation.create({
        data: { organisationId: w.organisation.id, inviteeHandle: invitee.handle, inviterId: w.users.orgAdmin.id },
        select: { id: true },
      });
      return { run: () => orgAdmins.revokeInvitation(actor, { invitationId: invitation.id }) };
    },
  },
  {
    name: "removeAdmin (another admin)",
    covers: [orgAdmins.removeAdmin],
    openOnly: true,
    call: async (w, _k, actor) => {
      const other = await bystander();
      await db.organisationMember.create({
        data: { organisationId: w.organisation.id, userId: other.id, role: "ADMIN" },
      });
      return { run: () => orgAdmins.removeAdmin(actor, { organisationId: w.organisation.id, userId: other.id }) };
    },
  },
  {
    name: "removeAdmin (stepping down)",
    covers: [orgAdmins.removeAdmin],
    // Stepping down is self-service (organisation.leave): a suspended account changes nothing.
    openOnly: true,
    call: async (w, kind, actor) => {
      // Another admin stays, so stepping down is never refused as "the last admin".
      const org = await makeOrganisation([await bystander()]);
      if (actor && w.orgRole[kind])
        await db.organisationMember.create({ data: { organisationId: org.id, userId: actor.id, role: "ADMIN" } });
      const userId = actor?.id ?? (await bystander()).id;
      return { run: () => orgAdmins.removeAdmin(actor, { organisationId: org.id, userId }) };
    },
  },
  {
    name: "setVerified",
    covers: [verify.setVerified],
    openOnly: true,
    call: async (_w, _k, actor) => {
      const org = await makeOrganisation([await bystander()]);
      return {
        run: () =>
          verify.setVerified(actor, {
            organisationId: org.id,
            verified: true,
            reason: "Checked the charity register.",
          }),
      };
    },
  },

  // Notifications (signed out: nothing to do, nothing said) ----------------------------------
  {
    name: "markAllNotificationsRead",
    covers: [notifications.markAllNotificationsRead],
    openOnly: true,
    call: async (w, kind, actor) => {
      const n = await notificationFor((await ownerOf(w, kind)).id);
      return {
        run: () => notifications.markAllNotificationsRead(actor),
        state: () => db.notification.findUniqueOrThrow({ where: { id: n.id }, select: { readAt: true } }),
      };
    },
  },
  {
    name: "openNotification (own notification)",
    covers: [notifications.openNotification],
    openOnly: true,
    call: async (w, kind, actor) => {
      const n = await notificationFor((await ownerOf(w, kind)).id);
      return {
        run: () => notifications.openNotification(actor, n.id),
        state: () => db.notification.findUniqueOrThrow({ where: { id: n.id }, select: { readAt: true } }),
      };
    },
  },
  {
    name: "openNotification (someone else's notification)",
    covers: [notifications.openNotification],
    openOnly: true,
    call: async (_w, _k, actor) => {
      const n = await notificationFor((await bystander()).id);
      return {
        run: () => notifications.openNotification(actor, n.id),
        state: () => db.notification.findUniqueOrThrow({ where: { id: n.id }, select: { readAt: true } }),
      };
    },
  },

  // Accounts and privacy --------------------------------------------------------------------
  {
    name: "updateProfile",
    covers: [accounts.updateProfile],
    openOnly: true,
    call: async (w, kind, actor) => {
      const input = ZUpdateProfile.parse({ displayName: `Renamed ${tag()}`, perspective: "OTHER", sector: "OTHER" });
      const who = kind === "anonymous" ? null : w.users[kind].id;
      return {
        run: () => accounts.updateProfile(actor, input),
        state: async () =>
          who ? db.user.findUniqueOrThrow({ where: { id: who }, select: { displayName: true } }) : null,
      };
    },
  },
  {
    name: "updateEmailPreferences",
    covers: [emailPreferences.updateEmailPreferences],
    openOnly: true,
    call: async (w, kind, actor) => {
      const who = kind === "anonymous" ? null : w.users[kind].id;
      const input = { REPLIES: "OFF", THREADS: "WEEKLY", PAPERS: "OFF", GROUPS: "WEEKLY", COMMISSIONS: "OFF" } as const;
      return {
        run: () => emailPreferences.updateEmailPreferences(actor, input),
        state: async () =>
          who
            ? db.profile.findUnique({ where: { userId: who }, select: { emailReplies: true, emailGroups: true } })
            : null,
      };
    },
  },
  {
    name: "requestEmailChange",
    covers: [emailChange.requestEmailChange],
    openOnly: true,
    call: async (w, kind, actor) => {
      const who = kind === "anonymous" ? null : w.users[kind].id;
      const input = { newEmail: `moved_${tag()}@example.test`, currentPassword: WORLD_PASSWORD };
      return {
        run: () => emailChange.requestEmailChange(actor, input),
        state: async () => (who ? db.accountToken.count({ where: { userId: who, purpose: "CHANGE_EMAIL" } }) : null),
      };
    },
  },
  {
    name: "resendConfirmation (unconfirmed address)",
    covers: [confirmation.resendConfirmation],
    openOnly: true,
    call: async (w, kind, actor) => {
      const who = kind === "anonymous" ? null : w.users[kind].id;
      if (who) await db.user.update({ where: { id: who }, data: { emailConfirmedAt: null }, select: { id: true } });
      return {
        run: () => confirmation.resendConfirmation(actor),
        state: async () => (who ? db.accountToken.count({ where: { userId: who, purpose: "CONFIRM_EMAIL" } }) : null),
      };
    },
  },
  {
    name: "changePassword",
    covers: [accounts.changePassword],
    openOnly: true,
    call: async (w, kind, actor) => {
      const who = kind === "anonymous" ? null : w.users[kind].id;
      // The same password again: a new hash (new salt), and the world's password stays known.
      return {
        run: () =>
          accounts.changePassword(actor, randomBytes(16).toString("hex"), {
            currentPassword: WORLD_PASSWORD,
            newPassword: WORLD_PASSWORD,
          }),
        state: async () =>
          who ? db.user.findUniqueOrThrow({ where: { id: who }, select: { passwordHash: true } }) : null,
      };
    },
  },
  {
    name: "revokeOwnSession (own session)",
    covers: [accounts.revokeOwnSession],
    openOnly: true,
    call: async (w, kind, actor) => {
      const session = await db.authSession.create({
        data: { userId: (await ownerOf(w, kind)).id, expiresAt: days(30) },
        select: { id: true },
      });
      return {
        run: () => accounts.revokeOwnSession(actor, session.id),
        state: () => db.authSession.findUniqueOrThrow({ where: { id: session.id }, select: { revokedAt: true } }),
      };
    },
  },
  {
    name: "revokeOwnSession (someone else's session)",
    covers: [accounts.revokeOwnSession],
    openOnly: true,
    call: async (_w, _k, actor) => {
      const session = await db.authSession.create({
        data: { userId: (await bystander()).id, expiresAt: days(30) },
        select: { id: true },
      });
      return {
        run: () => accounts.revokeOwnSession(actor, session.id),
        state: () => db.authSession.findUniqueOrThrow({ where: { id: session.id }, select: { revokedAt: true } }),
      };
    },
  },
  {
    name: "startTwoStepSetup",
    covers: [twoStep.startTwoStepSetup],
    openOnly: true,
    call: async (w, kind, actor) => {
      const who = kind === "anonymous" ? null : w.users[kind].id;
      if (who) await db.twoStepSignIn.deleteMany({ where: { userId: who } });
      return { run: () => twoStep.startTwoStepSetup(actor), state: () => twoStepRowOf(who) };
    },
  },
  {
    name: "cancelTwoStepSetup",
    covers: [twoStep.cancelTwoStepSetup],
    openOnly: true,
    call: async (w, kind, actor) => {
      const who = kind === "anonymous" ? null : w.users[kind].id;
      if (who) await arrangeTwoStep(who, "pending");
      return { run: () => twoStep.cancelTwoStepSetup(actor), state: () => twoStepRowOf(who) };
    },
  },
  {
    name: "confirmTwoStep",
    covers: [twoStep.confirmTwoStep],
    openOnly: true,
    call: async (w, kind, actor) => {
      const who = kind === "anonymous" ? null : w.users[kind].id;
      const secret = who ? await arrangeTwoStep(who, "pending") : newTotpSecret();
      return {
        run: () => twoStep.confirmTwoStep(actor, { code: totpCode(secret, new Date()) }),
        state: () => twoStepRowOf(who),
      };
    },
  },
  {
    name: "regenerateRecoveryCodes",
    covers: [twoStep.regenerateRecoveryCodes],
    openOnly: true,
    call: async (w, kind, actor) => {
      const who = kind === "anonymous" ? null : w.users[kind].id;
      if (who) await arrangeTwoStep(who, "on");
      return {
        run: () => twoStep.regenerateRecoveryCodes(actor, { passwordOrCode: WORLD_PASSWORD }),
        state: async () =>
          who ? db.recoveryCode.findMany({ where: { userId: who }, orderBy: { codeHash: "asc" } }) : null,
      };
    },
  },
  {
    name: "disableTwoStep",
    covers: [twoStep.disableTwoStep],
    openOnly: true,
    call: async (w, kind, actor) => {
      const who = kind === "anonymous" ? null : w.users[kind].id;
      if (who) await arrangeTwoStep(who, "on");
      return {
        run: () => twoStep.disableTwoStep(actor, { passwordOrCode: WORLD_PASSWORD }),
        state: () => twoStepRowOf(who),
      };
    },
  },
  {
    name: "signOutEverywhere",
    covers: [accounts.signOutEverywhere],
    openOnly: true,
    call: async (w, kind, actor) => {
      const who = kind === "anonymous" ? null : w.users[kind].id;
      return {
        run: () => accounts.signOutEverywhere(actor),
        state: async () =>
          who ? db.user.findUniqueOrThrow({ where: { id: who }, select: { sessionsValidFrom: true } }) : null,
      };
    },
  },
  {
    name: "suspendUser",
    covers: [accounts.suspendUser],
    openOnly: true,
    call: async (_w, _k, actor) => {
      const target = await bystander();
      return { run: () => accounts.suspendUser(actor, { userId: target.id, days: 3, reason: REASON }) };
    },
  },
  {
    name: "unsuspendUser",
    covers: [accounts.unsuspendUser],
    openOnly: true,
    call: async (_w, _k, actor) => {
      const target = await makeUser({ suspendedUntil: days(3) });
      return { run: () => accounts.unsuspendUser(actor, { userId: target.id }) };
    },
  },
  {
    name: "deleteAccount",
    covers: [deletion.deleteAccount],
    // Leaving is never blocked, not even by a suspension. A fresh twin of the actor is used up.
    openOnly: true,
    call: async (w, kind) => {
      const twin = await cloneOf(w, kind);
      return {
        run: () => memberships.deleteAccount(twin, { posts: "keep", understood: "on", password: WORLD_PASSWORD }),
        state: async () =>
          twin ? db.user.findUniqueOrThrow({ where: { id: twin.id }, select: { deletedAt: true } }) : null,
      };
    },
  },
  {
    name: "requestDataExport",
    covers: [dataExport.requestDataExport],
    // A suspended person keeps the right to a copy of their data.
    openOnly: true,
    call: async (_w, _k, actor) => ({ run: () => dataExport.requestDataExport(actor) }),
  },
];

/**
 * Exported functions that take the actor first but are not mutations a person asks for. Anything
 * else that takes an actor first and has no row fails the guard test below.
 */
/** The account's two-step row as it stands (null when there is none, or for a signed-out caller). */
function twoStepRowOf(userId: string | null) {
  return userId ? db.twoStepSignIn.findUnique({ where: { userId } }) : Promise.resolve(null);
}

/** Puts the account's two-step sign-in in a state ("pending": being set up; "on"), returning its secret. */
async function arrangeTwoStep(userId: string, state: "pending" | "on"): Promise<string> {
  const secret = newTotpSecret();
  const sealed = sealSecret(secret);
  const data =
    state === "pending"
      ? { secret: null, pendingSecret: sealed, pendingSince: new Date(), enabledAt: null, lastUsedStep: null }
      : { secret: sealed, pendingSecret: null, pendingSince: null, enabledAt: new Date(), lastUsedStep: null };
  await db.twoStepSignIn.upsert({ where: { userId }, create: { userId, ...data }, update: data });
  if (state === "on") {
    await db.recoveryCode.deleteMany({ where: { userId } });
    await db.recoveryCode.create({ data: { userId, codeHash: `seed-${userId}` } });
  }
  return secret;
}

const NOT_IN_MATRIX = new Map<unknown, string>([
  [discussions.markThreadRead, "the thread page's read marker, called after the page's own read check"],
  [
    emailPreferences.getEmailPreferences,
    "a read of one's own settings, behind the same assertSelf as updateEmailPreferences",
  ],
  [
    previewMarkdown,
    "the editors' preview: any signed-in account, no scope, writes nothing (markdown-preview.test.ts and hostile-api.test.ts refuse the signed-out)",
  ],
]);

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

/** Row counts of every table but the rate limits: one round trip, so refused calls can be shown to write nothing. */
let countQuery = "";
async function tableCounts(): Promise<Record<string, number>> {
  const [row] = await db.$queryRawUnsafe<Record<string, number>[]>(countQuery);
  return row!;
}

/** The rate limits' table (model RateLimit, @@map("rate_limits")): a row there alone is no sign a call did its work. */
const RATE_LIMIT_TABLE = "rate_limits";

beforeAll(async () => {
  await resetDatabase();
  const tables = (
    await db.$queryRaw<
      { tablename: string }[]
    >`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`
  ).map((t) => t.tablename);
  // Left out by name: if either were renamed, the name here must follow, or counts would include it.
  expect(tables).toEqual(expect.arrayContaining([RATE_LIMIT_TABLE, "_prisma_migrations"]));
  const counted = tables.filter((t) => t !== RATE_LIMIT_TABLE && t !== "_prisma_migrations");
  countQuery = `SELECT ${counted.map((t) => `(SELECT count(*)::int FROM "${t}") AS "${t}"`).join(", ")}`;
});

// Each call is one person's first of its kind: rate limits are not what this file is about.
beforeEach(async () => {
  await db.rateLimit.deleteMany();
});

const POLICIES = ["OPEN", "APPROVAL"] as const;

/** The expected outcome of one row for one kind in one policy's group; undefined: not tried there. */
function expectedOf(row: Row, policy: (typeof POLICIES)[number], kind: ActorKind): Outcome | undefined {
  const expected: Expected = EXPECTED[row.name];
  if (policy === "OPEN") return expected.open[kind];
  return (expected.approval as Partial<Record<ActorKind, Outcome>> | undefined)?.[kind];
}

describe("the table", () => {
  it("has one line per row, with an approval group's outsiders exactly for the rows that run there", () => {
    expect(new Set(ROWS.map((r) => r.name)).size, "row names are unique").toBe(ROWS.length);
    expect(Object.keys(EXPECTED).sort()).toEqual(ROWS.map((r) => r.name).sort());
    for (const row of ROWS) {
      const expected: Expected = EXPECTED[row.name];
      expect(Object.keys(expected.open).sort(), row.name).toEqual([...ACTOR_KINDS].sort());
      if (row.openOnly) expect(expected.approval, `${row.name} runs in the open group only`).toBeUndefined();
      else expect(Object.keys(expected.approval ?? {}).sort(), row.name).toEqual([...APPROVAL_OUTSIDERS].sort());
    }
  });
});

describe.each(POLICIES)("in an %s group", (joinPolicy) => {
  let w: ActorWorld;
  beforeAll(async () => {
    w = await makeActorWorld(joinPolicy);
  });

  const rows = ROWS.filter((r) => joinPolicy === "OPEN" || !r.openOnly);
  describe.each(rows.map((r) => [r.name, r] as const))("%s", (_label, row) => {
    // In an approval group only the actors who cannot read it stand differently from an open one;
    // the others run once, in the open group.
    const kinds = ACTOR_KINDS.filter((k) => expectedOf(row, joinPolicy, k) !== undefined);
    it.each(kinds.map((k) => [k, expectedOf(row, joinPolicy, k)!] as const))("%s: %s", async (kind, outcome) => {
      const actor = w.actors[kind];
      const call = await row.call(w, kind, actor);
      const before = { counts: await tableCounts(), state: await call.state?.() };

      if (outcome === "allowed") {
        await call.run();
        const after = { counts: await tableCounts(), state: await call.state?.() };
        expect(after, `${kind} may ${row.name}, and the call should have written something`).not.toEqual(before);
        return;
      }
      if (outcome === "nothing happens") {
        await call.run();
      } else {
        const error = await appError(call.run());
        expect(
          error.code,
          `${kind} may not ${row.name} ("${outcome}"), refused with ${error.code} (${error.message})`,
        ).toBe(REFUSAL_CODE[outcome]);
      }
      expect(
        { counts: await tableCounts(), state: await call.state?.() },
        `${kind} may not ${row.name}, and the call should have written nothing`,
      ).toEqual(before);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// No mutation left out
// ---------------------------------------------------------------------------------------------

// Every module of the data layer except reads, Server Actions, components and pure access checks.
const MODULES = import.meta.glob<Record<string, unknown>>(
  [
    "/src/features/**/*.ts",
    "!/src/features/**/queries/**",
    "!/src/features/**/queries.ts",
    "!/src/features/**/*actions.ts",
    "!/src/features/**/components/**",
    "!/src/features/**/access.ts",
  ],
  { eager: true },
);

/** Takes the actor first: `function name(actor, …)` or `(actor, …) =>`, as the data layer writes them. */
const takesActorFirst = (fn: unknown) =>
  typeof fn === "function" && /^(?:async\s+)?(?:function\s*[\w$]*\s*)?\(\s*actor\s*[,)]/.test(fn.toString());

describe("the matrix covers every mutation", () => {
  it("has a row for every exported function of the data layer that takes an actor", () => {
    const covered = new Set(ROWS.flatMap((r) => r.covers));
    const missing: string[] = [];
    let found = 0;
    for (const [path, exports] of Object.entries(MODULES)) {
      for (const [name, fn] of Object.entries(exports)) {
        if (!takesActorFirst(fn)) continue;
        found += 1;
        if (!covered.has(fn) && !NOT_IN_MATRIX.has(fn)) missing.push(`${path}: ${name}`);
      }
    }
    expect(missing, "add these to ROWS in tests/integration/authorization-matrix.test.ts").toEqual([]);
    // The detection itself works: it finds at least the mutations in the table.
    expect(found).toBeGreaterThanOrEqual(new Set(ROWS.flatMap((r) => r.covers)).size);
  });

  it("has no row whose function stopped being found (renamed or no longer taking an actor)", () => {
    const found = new Set(Object.values(MODULES).flatMap((exports) => Object.values(exports).filter(takesActorFirst)));
    const stale = ROWS.filter((r) => r.covers.some((fn) => !found.has(fn))).map((r) => r.name);
    expect(stale).toEqual([]);
  });
});
