// The authorization matrix: every mutation of the data layer against every kind of actor. What each
// actor may do is COMPUTED from src/server/authz/permissions.ts (or, for the few mutations outside
// the map, from a named rule below), never written down per actor. Allowed calls must succeed and
// write; refused ones must throw the right AppError and write nothing. How a refusal shows is one
// rule too (see VISIBILITY in permissions.ts): signed out, UNAUTHENTICATED; cannot read the
// subject (an approval group's content, to an outsider), NOT_FOUND; can see it but may not act,
// FORBIDDEN. Each exactly: a mutation that answers FORBIDDEN where NOT_FOUND is due fails here.
import { randomBytes } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { AppErrorCode } from "@/server/errors";
import {
  canInGroup,
  canForSelf,
  canInOrganisation,
  canOnSite,
  canReadGroup,
  isSuspended,
  type SelfPermission,
  type Actor,
  type GroupPermission,
  type MembershipFacts,
  type OrganisationPermission,
  type OrganisationRoleName,
  type SitePermission,
} from "@/server/authz/permissions";
import * as groups from "@/features/groups/mutations";
import * as discussions from "@/features/discussions/mutations";
import * as moderation from "@/features/moderation/mutations";
import * as paperMutations from "@/features/papers/paper-mutations";
import * as proposals from "@/features/proposals/mutations";
import * as votes from "@/features/proposals/cast-vote";
import * as paperDiscussion from "@/features/papers/discussion";
import * as commissions from "@/features/commissions/mutations";
import * as acceptance from "@/features/commissions/acceptance";
import * as invitations from "@/features/commissions/invitations";
import * as response from "@/features/commissions/response";
import * as organisations from "@/features/organisations/mutations";
import * as orgAdmins from "@/features/organisations/admins";
import * as verify from "@/features/organisations/verify";
import * as notifications from "@/features/notifications/mutations";
import * as accounts from "@/features/accounts/mutations";
import * as deletion from "@/features/accounts/delete-account";
import * as memberships from "@/composition/memberships";
import * as dataExport from "@/features/privacy/data-export/mutations";
import { ZCreatePaper } from "@/features/papers/schemas";
import { ZUpdateProfile } from "@/features/accounts/schemas";
import { resetDatabase } from "./helpers/reset-db";
import { addMember, days, makeUser } from "./helpers/factories";
import { amend, makePaper } from "./helpers/paper-factories";
import { makeThread } from "./helpers/discussion-factories";
import { BRIEF, makeCommission, makeOrganisation } from "./helpers/commission-factories";
import { appError } from "./helpers/app-error";
import {
  ACTOR_KINDS,
  bystander,
  cloneOf,
  commissionedPublication,
  commissionIn,
  freshGroup,
  makeActorWorld,
  WORLD_PASSWORD,
  type ActorKind,
  type ActorWorld,
} from "./helpers/actor-world";

// ---------------------------------------------------------------------------------------------
// Rules and expectations
// ---------------------------------------------------------------------------------------------

/** What the rules decide on, for one actor kind in one world. */
type Facts = { kind: ActorKind; actor: Actor; membership: MembershipFacts; orgRole: OrganisationRoleName | null; canRead: boolean };

/** How a refusal shows: one of these AppError codes, or a call that returns quietly and writes nothing. */
type Refusal = AppErrorCode[] | "NO_OP";

type Rule =
  | { group: GroupPermission }
  | { site: SitePermission }
  | { org: OrganisationPermission }
  /** Self-service on one's own account: what a site suspension keeps is decided there. */
  | { self: SelfPermission }
  /** A rule outside the permission map, named so the output says what is being held to. */
  | { special: string; allows: (f: Facts) => boolean; refusal?: (f: Facts) => Refusal };

/** One call, built fresh for one actor: what to run, and (for updates in place) the state it changes. */
type Call = { run: () => Promise<unknown>; state?: () => Promise<unknown> };

type Row = {
  name: string;
  /** The exported function(s) the row exercises; the guard test checks every mutation has a row. */
  covers: unknown[];
  rule: Rule;
  /** Rows about organisations and accounts do not depend on the group's policy: run them once. */
  openOnly?: true;
  /**
   * The call's subject is the group itself (its settings, members, a new thread or paper in it),
   * which everyone can see: refusals are FORBIDDEN even for outsiders of an approval group. By
   * default a group row is about the group's content, which outsiders are told does not exist.
   */
  aboutGroup?: true;
  call: (w: ActorWorld, kind: ActorKind, actor: Actor) => Promise<Call>;
};

const suspended = (f: Facts) => f.actor !== null && isSuspended(f.actor.suspendedUntil);

function allows(rule: Rule, f: Facts): boolean {
  if ("group" in rule) return canInGroup(f.actor, rule.group, f.membership);
  if ("site" in rule) return canOnSite(f.actor, rule.site);
  if ("org" in rule) return canInOrganisation(f.actor, rule.org, f.orgRole);
  if ("self" in rule) return canForSelf(f.actor, rule.self);
  return rule.allows(f);
}

/** Exactly one code: signed out UNAUTHENTICATED; a subject they cannot read NOT_FOUND; else FORBIDDEN. */
function refusalOf(row: Row, f: Facts): Refusal {
  const rule = row.rule;
  if ("special" in rule && rule.refusal) return rule.refusal(f);
  if (!f.actor) return ["UNAUTHENTICATED"];
  const aboutContent = ("group" in rule || "special" in rule) && !row.aboutGroup;
  if (aboutContent && !f.canRead) return ["NOT_FOUND"];
  return ["FORBIDDEN"];
}

const ruleName = (rule: Rule) =>
  "group" in rule ? `group ${rule.group}` : "site" in rule ? `site ${rule.site}` : "org" in rule ? `org ${rule.org}` : "self" in rule ? `self ${rule.self}` : rule.special;

// ---------------------------------------------------------------------------------------------
// Fixtures for single calls
// ---------------------------------------------------------------------------------------------

const tag = () => randomBytes(4).toString("hex");
/** The actor's user, or a bystander when the actor is anonymous (a target must belong to someone). */
const ownerOf = async (w: ActorWorld, kind: ActorKind): Promise<{ id: string; handle: string }> => (kind === "anonymous" ? bystander() : w.users[kind]);
const postBy = async (w: ActorWorld, author: { id: string }) => (await makeThread(w.group, author)).posts[0]!;
const postStatus = (id: string) => db.post.findUniqueOrThrow({ where: { id }, select: { status: true, featuredAt: true, bodyMarkdown: true } });
const threadFlags = (id: string) => db.thread.findUniqueOrThrow({ where: { id }, select: { lockedAt: true, pinnedAt: true, groupId: true } });
const memberOf = (groupId: string, userId: string) => db.membership.findUnique({ where: { groupId_userId: { groupId, userId } }, select: { role: true, status: true, suspendedUntil: true } });
const REASON = "Breaks the group's rules.";

async function freshProposal(w: ActorWorld, authorId?: string) {
  const made = await proposals.createProposal(w.actors.owner, amend(w.paper, w.paper.sections[1]!, `Assessments happen face to face, ${tag()}.`));
  if (authorId) await db.proposal.update({ where: { id: made.id }, data: { authorId } });
  return made;
}

function invitationLink(groupId: string, w: ActorWorld) {
  return db.groupInvitation.create({
    data: { groupId, organisationId: w.organisation.id, commissionId: w.commission.id, createdById: w.users.orgAdmin.id, token: randomBytes(32).toString("base64url"), note: "For advisers", expiresAt: days(30) },
    select: { id: true, token: true },
  });
}

async function orgInvitationFor(handle: string) {
  const org = await makeOrganisation([await bystander()]);
  return db.organisationInvitation.create({ data: { organisationId: org.id, inviteeHandle: handle, inviterId: null }, select: { id: true } });
}

async function notificationFor(userId: string) {
  return db.notification.create({ data: { userId, kind: "MODERATION", text: "Something happened", url: "/" }, select: { id: true } });
}

// Joining is self-service (group.join); people already in (or waiting to get into) the group are told so.
const joinRefusal = (f: Facts): Refusal => (!f.actor ? ["UNAUTHENTICATED"] : !canForSelf(f.actor, "group.join") ? ["FORBIDDEN"] : ["CONFLICT"]);
const mayJoin = (f: Facts) => canForSelf(f.actor, "group.join") && f.membership === null;
// Things addressed to one person: others are told it does not exist.
const notTheirs = (f: Facts): Refusal => (f.actor ? ["NOT_FOUND"] : ["UNAUTHENTICATED"]);
const nobody = { special: "nobody but the author", allows: () => false } as const;

// ---------------------------------------------------------------------------------------------
// The table: every mutation
// ---------------------------------------------------------------------------------------------

const ROWS: Row[] = [
  // Groups ----------------------------------------------------------------------------------
  {
    name: "createGroup",
    covers: [groups.createGroup],
    rule: { site: "group.create" },
    openOnly: true,
    call: async (_w, _k, actor) => {
      const slug = `matrix-${tag()}`;
      return { run: () => groups.createGroup(actor, { name: "Matrix group", slug, description: "A group made by the matrix test.", joinPolicy: "OPEN", sector: "OTHER" }) };
    },
  },
  {
    name: "updateGroup",
    covers: [groups.updateGroup],
    rule: { group: "group.update" },
    aboutGroup: true,
    call: async (w, _k, actor) => {
      const g = await freshGroup(w);
      return {
        run: () => groups.updateGroup(actor, { groupId: g.id, name: "Renamed group", description: "A group renamed by the matrix test.", joinPolicy: g.joinPolicy, sector: "OTHER", autoHideReportThreshold: null }),
        state: () => db.group.findUniqueOrThrow({ where: { id: g.id }, select: { name: true } }),
      };
    },
  },
  {
    name: "joinGroup",
    covers: [groups.joinGroup],
    rule: { special: "self group.join, not already in the group", allows: mayJoin, refusal: joinRefusal },
    call: async (w, _k, actor) => {
      const g = await freshGroup(w);
      return { run: () => groups.joinGroup(actor, { groupId: g.id }) };
    },
  },
  {
    name: "leaveGroup",
    covers: [groups.leaveGroup],
    // Suspended from the group, one may leave (the log keeps the suspension); a suspended account changes nothing.
    rule: {
      special: "self group.leave, for anyone in the group (or waiting to be)",
      allows: (f) => canForSelf(f.actor, "group.leave") && f.membership !== null,
      refusal: (f) => (!f.actor ? ["UNAUTHENTICATED"] : suspended(f) ? ["FORBIDDEN"] : ["CONFLICT"]),
    },
    call: async (w, _k, actor) => {
      const g = await freshGroup(w);
      return { run: () => memberships.leaveGroup(actor, { groupId: g.id }) };
    },
  },
  ...(["approveMembership", "rejectMembership"] as const).map(
    (name): Row => ({
      name,
      covers: [groups[name]],
      rule: { group: "members.approve" },
      aboutGroup: true,
      call: async (w, _k, actor) => {
        const g = await freshGroup(w);
        const asking = await bystander();
        await addMember(g, asking, "MEMBER", "PENDING");
        return { run: () => groups[name](actor, { groupId: g.id, userId: asking.id }), state: () => memberOf(g.id, asking.id) };
      },
    }),
  ),
  {
    name: "changeMemberRole",
    covers: [groups.changeMemberRole],
    rule: { group: "members.changeRole" },
    aboutGroup: true,
    call: async (w, _k, actor) => {
      const g = await freshGroup(w);
      const target = await bystander();
      await addMember(g, target);
      return { run: () => groups.changeMemberRole(actor, { groupId: g.id, userId: target.id, role: "MODERATOR" }), state: () => memberOf(g.id, target.id) };
    },
  },
  {
    name: "removeMember",
    covers: [groups.removeMember],
    rule: { group: "members.remove" },
    aboutGroup: true,
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
    rule: { group: "post.create" },
    aboutGroup: true,
    call: async (w, _k, actor) => ({ run: () => discussions.createThread(actor, { groupId: w.group.id, title: "A new thread", body: "Opening words." }) }),
  },
  {
    name: "replyToThread",
    covers: [discussions.replyToThread],
    rule: { group: "post.create" },
    call: async (w, _k, actor) => {
      const thread = await makeThread(w.group, await bystander());
      return { run: () => discussions.replyToThread(actor, { threadId: thread.id, body: "A reply." }) };
    },
  },
  {
    name: "editPost (own post)",
    covers: [discussions.editPost],
    // The author edits; changing one's words is taking part (neither suspension allows it).
    rule: { group: "post.edit" },
    call: async (w, kind, actor) => {
      const post = await postBy(w, await ownerOf(w, kind));
      return { run: () => discussions.editPost(actor, { postId: post.id, body: "Edited words." }), state: () => postStatus(post.id) };
    },
  },
  {
    name: "editPost (someone else's post)",
    covers: [discussions.editPost],
    rule: nobody,
    call: async (w, _k, actor) => {
      const post = await postBy(w, await bystander());
      return { run: () => discussions.editPost(actor, { postId: post.id, body: "Edited words." }), state: () => postStatus(post.id) };
    },
  },
  {
    name: "deletePost (own post)",
    covers: [discussions.deletePost],
    // Inside the group, deleting one's words is taking part (a group suspension freezes them);
    // someone no longer in it may still take back what they wrote, where they can read it.
    rule: {
      special: "group post.delete, or self post.deleteAfterLeaving outside the group",
      allows: (f) => (f.membership?.status === "ACTIVE" ? canInGroup(f.actor, "post.delete", f.membership) : f.canRead && canForSelf(f.actor, "post.deleteAfterLeaving")),
    },
    call: async (w, kind, actor) => {
      const post = await postBy(w, await ownerOf(w, kind));
      return { run: () => discussions.deletePost(actor, { postId: post.id }), state: () => postStatus(post.id) };
    },
  },
  {
    name: "deletePost (someone else's post)",
    covers: [discussions.deletePost],
    rule: nobody,
    call: async (w, _k, actor) => {
      const post = await postBy(w, await bystander());
      return { run: () => discussions.deletePost(actor, { postId: post.id }), state: () => postStatus(post.id) };
    },
  },
  {
    name: "addReaction",
    covers: [discussions.addReaction],
    rule: { group: "post.react" },
    call: async (w, _k, actor) => {
      const post = await postBy(w, await bystander());
      return { run: () => discussions.addReaction(actor, { postId: post.id, kind: "AGREE" }) };
    },
  },
  {
    name: "removeReaction (own reaction)",
    covers: [discussions.removeReaction],
    // Taking a reaction back changes the post's counts: taking part, like adding one.
    rule: { group: "post.react" },
    call: async (w, _k, actor) => {
      const post = await postBy(w, await bystander());
      if (actor) {
        await db.reaction.create({ data: { postId: post.id, userId: actor.id, kind: "AGREE" } });
        await db.post.update({ where: { id: post.id }, data: { agreeCount: 1 } });
      }
      return { run: () => discussions.removeReaction(actor, { postId: post.id, kind: "AGREE" }) };
    },
  },
  {
    name: "followThread",
    covers: [discussions.followThread],
    // Following only decides what lands in one's own notifications: kept while suspended.
    rule: { special: "self notifications.manage, on a thread the actor can read", allows: (f) => canForSelf(f.actor, "notifications.manage") && f.canRead },
    call: async (w, _k, actor) => {
      const thread = await makeThread(w.group, await bystander());
      return { run: () => discussions.followThread(actor, { threadId: thread.id }) };
    },
  },
  {
    name: "unfollowThread",
    covers: [discussions.unfollowThread],
    rule: { special: "self notifications.manage, on a thread the actor can read", allows: (f) => canForSelf(f.actor, "notifications.manage") && f.canRead },
    call: async (w, _k, actor) => {
      const thread = await makeThread(w.group, await bystander());
      if (actor) await db.threadFollow.create({ data: { threadId: thread.id, userId: actor.id } });
      return { run: () => discussions.unfollowThread(actor, { threadId: thread.id }) };
    },
  },

  // Moderation ------------------------------------------------------------------------------
  {
    name: "reportPost",
    covers: [moderation.reportPost],
    rule: { group: "post.report" },
    call: async (w, _k, actor) => {
      const post = await postBy(w, await bystander());
      return { run: () => moderation.reportPost(actor, { postId: post.id, reason: REASON }) };
    },
  },
  {
    name: "dismissReports",
    covers: [moderation.dismissReports],
    rule: { group: "moderation.actOnPost" },
    call: async (w, _k, actor) => {
      const post = await postBy(w, await bystander());
      const reporter = await bystander();
      await db.report.create({ data: { postId: post.id, groupId: w.group.id, reporterId: reporter.id, reason: REASON } });
      return { run: () => moderation.dismissReports(actor, { postId: post.id }) };
    },
  },
  ...(["hidePost", "removePost", "restorePost", "featurePost", "unfeaturePost"] as const).map(
    (name): Row => ({
      name,
      covers: [moderation[name]],
      rule: { group: "moderation.actOnPost" },
      call: async (w, _k, actor) => {
        const post = await postBy(w, await bystander());
        if (name === "restorePost") await db.post.update({ where: { id: post.id }, data: { status: "HIDDEN", statusReason: REASON } });
        if (name === "unfeaturePost") await db.post.update({ where: { id: post.id }, data: { featuredAt: new Date() } });
        return { run: () => moderation[name](actor, { postId: post.id, reason: REASON }), state: () => postStatus(post.id) };
      },
    }),
  ),
  ...(["lockThread", "unlockThread", "pinThread", "unpinThread"] as const).map(
    (name): Row => ({
      name,
      covers: [moderation[name]],
      rule: { group: "moderation.actOnThread" },
      call: async (w, _k, actor) => {
        const thread = await makeThread(w.group, await bystander());
        if (name === "unlockThread") await db.thread.update({ where: { id: thread.id }, data: { lockedAt: new Date() } });
        if (name === "unpinThread") await db.thread.update({ where: { id: thread.id }, data: { pinnedAt: new Date() } });
        return { run: () => moderation[name](actor, { threadId: thread.id }), state: () => threadFlags(thread.id) };
      },
    }),
  ),
  {
    name: "moveThread",
    covers: [moderation.moveThread],
    // Needs the permission in both groups; the actor stands the same in the destination.
    rule: { group: "moderation.actOnThread" },
    call: async (w, _k, actor) => {
      const thread = await makeThread(w.group, await bystander());
      const to = await freshGroup(w);
      return { run: () => moderation.moveThread(actor, { threadId: thread.id, toGroupId: to.id, reason: REASON }), state: () => threadFlags(thread.id) };
    },
  },
  {
    name: "suspendMember",
    covers: [moderation.suspendMember],
    rule: { group: "moderation.suspendMember" },
    aboutGroup: true,
    call: async (w, _k, actor) => {
      const target = await bystander();
      await addMember(w.group, target);
      return { run: () => moderation.suspendMember(actor, { groupId: w.group.id, userId: target.id, days: 3, reason: REASON }), state: () => memberOf(w.group.id, target.id) };
    },
  },
  {
    name: "unsuspendMember",
    covers: [moderation.unsuspendMember],
    rule: { group: "moderation.suspendMember" },
    aboutGroup: true,
    call: async (w, _k, actor) => {
      const target = await bystander();
      await addMember(w.group, target, "MEMBER", "ACTIVE", { suspendedUntil: days(3) });
      return { run: () => moderation.unsuspendMember(actor, { groupId: w.group.id, userId: target.id }), state: () => memberOf(w.group.id, target.id) };
    },
  },

  // Papers ----------------------------------------------------------------------------------
  {
    name: "createPaper",
    covers: [paperMutations.createPaper],
    rule: { group: "paper.create" },
    aboutGroup: true,
    call: async (w, _k, actor) => {
      const input = ZCreatePaper.parse({ groupId: w.group.id, title: `Matrix paper ${tag()}`, question: "What should change, and why?", summary: "A summary.", sections: { "0": { heading: "One", body: "Text." } } });
      return { run: () => paperMutations.createPaper(actor, input) };
    },
  },
  {
    name: "updateDecisionRules",
    covers: [paperMutations.updateDecisionRules],
    rule: { group: "paper.setRules" },
    call: async (w, _k, actor) => {
      const paper = await makePaper(w.group, w.users.owner);
      const rules = await db.paper.findUniqueOrThrow({ where: { id: paper.id }, select: { votingPeriodHours: true, quorum: true, thresholdPercent: true, publishThresholdPercent: true, requireBothPerspectives: true } });
      return { run: () => paperMutations.updateDecisionRules(actor, { paperId: paper.id, ...rules, quorum: rules.quorum + 1 }) };
    },
  },
  {
    name: "makeEditorialFix",
    covers: [paperMutations.makeEditorialFix],
    rule: { group: "paper.editorialFix" },
    call: async (w, _k, actor) => {
      const paper = await makePaper(w.group, w.users.owner);
      const section = paper.sections[0]!;
      return {
        run: () => paperMutations.makeEditorialFix(actor, { paperId: paper.id, sectionId: section.id, baseRevision: 1, heading: section.heading, body: section.body.replace("weekly", "fortnightly"), reason: "Typo" }),
      };
    },
  },
  {
    name: "createProposal",
    covers: [proposals.createProposal],
    rule: { group: "proposal.create" },
    call: async (w, _k, actor) => ({ run: () => proposals.createProposal(actor, amend(w.paper, w.paper.sections[2]!, `Advice at every job centre, ${tag()}.`)) }),
  },
  {
    name: "editProposal (own proposal)",
    covers: [proposals.editProposal],
    rule: { group: "proposal.edit" },
    call: async (w, kind, actor) => {
      const made = await freshProposal(w, (await ownerOf(w, kind)).id);
      return {
        run: () => proposals.editProposal(actor, { ...amend(w.paper, w.paper.sections[1]!, `Rewritten, ${tag()}.`), proposalId: made.id }),
        state: () => db.proposal.findUniqueOrThrow({ where: { id: made.id }, select: { version: true, updatedAt: true } }),
      };
    },
  },
  {
    name: "editProposal (someone else's proposal)",
    covers: [proposals.editProposal],
    rule: nobody,
    call: async (w, _k, actor) => {
      const made = await freshProposal(w, (await bystander()).id);
      return { run: () => proposals.editProposal(actor, { ...amend(w.paper, w.paper.sections[1]!, `Rewritten, ${tag()}.`), proposalId: made.id }) };
    },
  },
  {
    name: "withdrawProposal (own proposal)",
    covers: [proposals.withdrawProposal],
    // Withdrawing changes the group's vote: taking part, so neither suspension allows it.
    rule: { group: "proposal.withdraw" },
    call: async (w, kind, actor) => {
      const made = await freshProposal(w, (await ownerOf(w, kind)).id);
      return { run: () => proposals.withdrawProposal(actor, { proposalId: made.id }), state: () => db.proposal.findUniqueOrThrow({ where: { id: made.id }, select: { status: true } }) };
    },
  },
  {
    name: "withdrawProposal (someone else's proposal)",
    covers: [proposals.withdrawProposal],
    rule: nobody,
    call: async (w, _k, actor) => {
      const made = await freshProposal(w, (await bystander()).id);
      return { run: () => proposals.withdrawProposal(actor, { proposalId: made.id }), state: () => db.proposal.findUniqueOrThrow({ where: { id: made.id }, select: { status: true } }) };
    },
  },
  {
    name: "castVote",
    covers: [votes.castVote],
    rule: { group: "vote.cast" },
    call: async (w, _k, actor) => {
      const made = await freshProposal(w);
      return { run: () => votes.castVote(actor, { proposalId: made.id, version: 1, choice: "SUPPORT", reason: "" }) };
    },
  },
  {
    name: "commentOnSubject",
    covers: [paperDiscussion.commentOnSubject],
    rule: { group: "post.create" },
    call: async (w, _k, actor) => ({ run: () => paperDiscussion.commentOnSubject(actor, { subject: "PAPER", subjectId: w.paper.id, body: "A comment on the paper." }) }),
  },
  {
    name: "proposeAcceptance",
    covers: [acceptance.proposeAcceptance],
    rule: { group: "proposal.create" },
    call: async (w, _k, actor) => {
      const { paperId } = await commissionIn(w, w.group);
      return { run: () => acceptance.proposeAcceptance(actor, { paperId, rationale: "We know this area." }) };
    },
  },
  {
    name: "declineCommission",
    covers: [acceptance.declineCommission],
    rule: { group: "commission.decline" },
    call: async (w, _k, actor) => {
      const { paperId } = await commissionIn(w, w.group);
      return { run: () => acceptance.declineCommission(actor, { paperId, reason: "Not something we can take on now." }), state: () => db.paper.findUniqueOrThrow({ where: { id: paperId }, select: { status: true } }) };
    },
  },

  // Commissions -----------------------------------------------------------------------------
  {
    name: "createCommission",
    covers: [commissions.createCommission],
    rule: { org: "commission.create" },
    openOnly: true,
    call: async (w, _k, actor) => ({ run: () => makeCommission(actor, w.organisation, [w.group]) }),
  },
  {
    name: "postCommission",
    covers: [commissions.postCommission],
    rule: { org: "commission.post" },
    openOnly: true,
    call: async (w, _k, actor) => {
      const to = await freshGroup(w, "OPEN");
      return { run: () => commissions.postCommission(actor, { commissionId: w.commission.id, groupSlugs: [to.slug] }) };
    },
  },
  {
    name: "updateCommission",
    covers: [commissions.updateCommission],
    rule: { org: "commission.update" },
    openOnly: true,
    call: async (w, _k, actor) => {
      const c = await db.commission.findUniqueOrThrow({ where: { id: w.commission.id }, select: { contributionsOpenAt: true, draftingFrom: true, deadlineAt: true } });
      return {
        run: () => commissions.updateCommission(actor, { commissionId: w.commission.id, ...BRIEF, ...c, title: `Revised brief ${tag()}` }),
        state: () => db.commission.findUniqueOrThrow({ where: { id: w.commission.id }, select: { title: true } }),
      };
    },
  },
  {
    name: "createInvitationLink",
    covers: [invitations.createInvitationLink],
    rule: { org: "commission.invite" },
    openOnly: true,
    call: async (w, _k, actor) => {
      const group = await freshGroup(w, "OPEN");
      const { commissionId, paperId } = await commissionIn(w, group);
      // Taken on by the group (as the closing vote would leave it): links open only then.
      await db.commissionPosting.update({ where: { paperId }, data: { status: "ACCEPTED", decidedAt: new Date() } });
      await db.paper.update({ where: { id: paperId }, data: { status: "DRAFTING" } });
      return { run: () => invitations.createInvitationLink(actor, { commissionId, groupSlug: group.slug, note: "For advisers", expiresInDays: 30, maxUses: undefined }) };
    },
  },
  {
    name: "revokeInvitation (group invitation link)",
    covers: [invitations.revokeInvitation],
    rule: {
      special: "group invitations.revoke, or org commission.invite for the organisation that made the link",
      allows: (f) => canInGroup(f.actor, "invitations.revoke", f.membership) || canInOrganisation(f.actor, "commission.invite", f.orgRole),
    },
    // A link is the group's and the organisation's business, not members-only content.
    aboutGroup: true,
    call: async (w, _k, actor) => {
      const link = await invitationLink(w.group.id, w);
      return { run: () => invitations.revokeInvitation(actor, { invitationId: link.id }), state: () => db.groupInvitation.findUniqueOrThrow({ where: { id: link.id }, select: { revokedAt: true } }) };
    },
  },
  {
    name: "joinThroughInvitation",
    covers: [invitations.joinThroughInvitation],
    rule: { special: "self group.join, not already in the group", allows: mayJoin, refusal: joinRefusal },
    call: async (w, _k, actor) => {
      const group = await freshGroup(w);
      const link = await invitationLink(group.id, w);
      return { run: () => invitations.joinThroughInvitation(actor, { token: link.token }) };
    },
  },
  {
    name: "respondToPublication",
    covers: [response.respondToPublication],
    rule: { org: "commission.respond" },
    openOnly: true,
    call: async (w, _k, actor) => {
      const publication = await commissionedPublication(w);
      return { run: () => response.respondToPublication(actor, { publicationId: publication.id, signatoryName: "A. Director", body: "We thank the group." }) };
    },
  },

  // Organisations ---------------------------------------------------------------------------
  {
    name: "createOrganisation",
    covers: [organisations.createOrganisation],
    rule: { site: "organisation.create" },
    openOnly: true,
    call: async (_w, _k, actor) => ({ run: () => organisations.createOrganisation(actor, { name: `Matrix trust ${tag()}`, kind: "CHARITY", website: undefined, description: "" }) }),
  },
  {
    name: "updateOrganisation",
    covers: [organisations.updateOrganisation],
    rule: { org: "organisation.update" },
    openOnly: true,
    call: async (w, _k, actor) => ({
      run: () => organisations.updateOrganisation(actor, { organisationId: w.organisation.id, name: `Renamed trust ${tag()}`, kind: "CHARITY", website: undefined, description: "" }),
      state: () => db.organisation.findUniqueOrThrow({ where: { id: w.organisation.id }, select: { name: true } }),
    }),
  },
  {
    name: "inviteAdmin",
    covers: [orgAdmins.inviteAdmin],
    rule: { org: "organisation.manageAdmins" },
    openOnly: true,
    call: async (w, _k, actor) => {
      const invitee = await bystander();
      return { run: () => orgAdmins.inviteAdmin(actor, { organisationId: w.organisation.id, handle: invitee.handle }) };
    },
  },
  {
    name: "acceptInvitation (addressed to the actor)",
    covers: [orgAdmins.acceptInvitation],
    rule: { self: "organisation.answerInvitation" },
    openOnly: true,
    call: async (w, kind, actor) => {
      const invitation = await orgInvitationFor((await ownerOf(w, kind)).handle);
      return { run: () => orgAdmins.acceptInvitation(actor, { invitationId: invitation.id }) };
    },
  },
  {
    name: "acceptInvitation (addressed to someone else)",
    covers: [orgAdmins.acceptInvitation],
    rule: { special: "nobody but the invitee", allows: () => false, refusal: (f) => (suspended(f) ? ["FORBIDDEN"] : notTheirs(f)) },
    openOnly: true,
    call: async (_w, _k, actor) => {
      const invitation = await orgInvitationFor((await bystander()).handle);
      return { run: () => orgAdmins.acceptInvitation(actor, { invitationId: invitation.id }) };
    },
  },
  {
    name: "declineInvitation (addressed to the actor)",
    covers: [orgAdmins.declineInvitation],
    rule: { self: "organisation.answerInvitation" },
    openOnly: true,
    call: async (w, kind, actor) => {
      const invitation = await orgInvitationFor((await ownerOf(w, kind)).handle);
      return { run: () => orgAdmins.declineInvitation(actor, { invitationId: invitation.id }) };
    },
  },
  {
    name: "declineInvitation (addressed to someone else)",
    covers: [orgAdmins.declineInvitation],
    rule: { special: "nobody but the invitee", allows: () => false, refusal: (f) => (suspended(f) ? ["FORBIDDEN"] : notTheirs(f)) },
    openOnly: true,
    call: async (_w, _k, actor) => {
      const invitation = await orgInvitationFor((await bystander()).handle);
      return { run: () => orgAdmins.declineInvitation(actor, { invitationId: invitation.id }) };
    },
  },
  {
    name: "revokeInvitation (organisation admin invitation)",
    covers: [orgAdmins.revokeInvitation],
    rule: { org: "organisation.manageAdmins" },
    openOnly: true,
    call: async (w, _k, actor) => {
      const invitee = await bystander();
      const invitation = await db.organisationInvitation.create({ data: { organisationId: w.organisation.id, inviteeHandle: invitee.handle, inviterId: w.users.orgAdmin.id }, select: { id: true } });
      return { run: () => orgAdmins.revokeInvitation(actor, { invitationId: invitation.id }) };
    },
  },
  {
    name: "removeAdmin (another admin)",
    covers: [orgAdmins.removeAdmin],
    rule: { org: "organisation.manageAdmins" },
    openOnly: true,
    call: async (w, _k, actor) => {
      const other = await bystander();
      await db.organisationMember.create({ data: { organisationId: w.organisation.id, userId: other.id, role: "ADMIN" } });
      return { run: () => orgAdmins.removeAdmin(actor, { organisationId: w.organisation.id, userId: other.id }) };
    },
  },
  {
    name: "removeAdmin (stepping down)",
    covers: [orgAdmins.removeAdmin],
    // Stepping down is self-service (organisation.leave): a suspended account changes nothing.
    rule: { special: "self organisation.leave, for one of the organisation's admins", allows: (f) => canForSelf(f.actor, "organisation.leave") && f.orgRole === "ADMIN" },
    openOnly: true,
    call: async (w, kind, actor) => {
      // Another admin stays, so stepping down is never refused as "the last admin".
      const org = await makeOrganisation([await bystander()]);
      if (actor && w.orgRole[kind]) await db.organisationMember.create({ data: { organisationId: org.id, userId: actor.id, role: "ADMIN" } });
      const userId = actor?.id ?? (await bystander()).id;
      return { run: () => orgAdmins.removeAdmin(actor, { organisationId: org.id, userId }) };
    },
  },
  {
    name: "setVerified",
    covers: [verify.setVerified],
    rule: { site: "organisation.verify" },
    openOnly: true,
    call: async (_w, _k, actor) => {
      const org = await makeOrganisation([await bystander()]);
      return { run: () => verify.setVerified(actor, { organisationId: org.id, verified: true, reason: "Checked the charity register." }) };
    },
  },

  // Notifications (signed out: nothing to do, nothing said) ----------------------------------
  {
    name: "markAllNotificationsRead",
    covers: [notifications.markAllNotificationsRead],
    rule: { special: "self notifications.manage, for its own notifications", allows: (f) => canForSelf(f.actor, "notifications.manage"), refusal: () => "NO_OP" },
    openOnly: true,
    call: async (w, kind, actor) => {
      const n = await notificationFor((await ownerOf(w, kind)).id);
      return { run: () => notifications.markAllNotificationsRead(actor), state: () => db.notification.findUniqueOrThrow({ where: { id: n.id }, select: { readAt: true } }) };
    },
  },
  {
    name: "openNotification (own notification)",
    covers: [notifications.openNotification],
    rule: { special: "self notifications.manage, for its own notification", allows: (f) => canForSelf(f.actor, "notifications.manage"), refusal: () => "NO_OP" },
    openOnly: true,
    call: async (w, kind, actor) => {
      const n = await notificationFor((await ownerOf(w, kind)).id);
      return { run: () => notifications.openNotification(actor, n.id), state: () => db.notification.findUniqueOrThrow({ where: { id: n.id }, select: { readAt: true } }) };
    },
  },
  {
    name: "openNotification (someone else's notification)",
    covers: [notifications.openNotification],
    rule: { special: "nobody but its recipient", allows: () => false, refusal: () => "NO_OP" },
    openOnly: true,
    call: async (_w, _k, actor) => {
      const n = await notificationFor((await bystander()).id);
      return { run: () => notifications.openNotification(actor, n.id), state: () => db.notification.findUniqueOrThrow({ where: { id: n.id }, select: { readAt: true } }) };
    },
  },

  // Accounts and privacy --------------------------------------------------------------------
  {
    name: "updateProfile",
    covers: [accounts.updateProfile],
    rule: { self: "account.updateProfile" },
    openOnly: true,
    call: async (w, kind, actor) => {
      const input = ZUpdateProfile.parse({ displayName: `Renamed ${tag()}`, perspective: "OTHER", sector: "OTHER" });
      const who = kind === "anonymous" ? null : w.users[kind].id;
      return { run: () => accounts.updateProfile(actor, input), state: async () => (who ? db.user.findUniqueOrThrow({ where: { id: who }, select: { displayName: true } }) : null) };
    },
  },
  {
    name: "changePassword",
    covers: [accounts.changePassword],
    rule: { self: "account.changePassword" },
    openOnly: true,
    call: async (w, kind, actor) => {
      const who = kind === "anonymous" ? null : w.users[kind].id;
      // The same password again: a new hash (new salt), and the world's password stays known.
      return {
        run: () => accounts.changePassword(actor, randomBytes(16).toString("hex"), { currentPassword: WORLD_PASSWORD, newPassword: WORLD_PASSWORD }),
        state: async () => (who ? db.user.findUniqueOrThrow({ where: { id: who }, select: { passwordHash: true } }) : null),
      };
    },
  },
  {
    name: "revokeOwnSession (own session)",
    covers: [accounts.revokeOwnSession],
    rule: { self: "account.endSessions" },
    openOnly: true,
    call: async (w, kind, actor) => {
      const session = await db.authSession.create({ data: { userId: (await ownerOf(w, kind)).id, expiresAt: days(30) }, select: { id: true } });
      return { run: () => accounts.revokeOwnSession(actor, session.id), state: () => db.authSession.findUniqueOrThrow({ where: { id: session.id }, select: { revokedAt: true } }) };
    },
  },
  {
    name: "revokeOwnSession (someone else's session)",
    covers: [accounts.revokeOwnSession],
    rule: { special: "nobody but the session's owner", allows: () => false, refusal: notTheirs },
    openOnly: true,
    call: async (_w, _k, actor) => {
      const session = await db.authSession.create({ data: { userId: (await bystander()).id, expiresAt: days(30) }, select: { id: true } });
      return { run: () => accounts.revokeOwnSession(actor, session.id), state: () => db.authSession.findUniqueOrThrow({ where: { id: session.id }, select: { revokedAt: true } }) };
    },
  },
  {
    name: "signOutEverywhere",
    covers: [accounts.signOutEverywhere],
    rule: { self: "account.endSessions" },
    openOnly: true,
    call: async (w, kind, actor) => {
      const who = kind === "anonymous" ? null : w.users[kind].id;
      return { run: () => accounts.signOutEverywhere(actor), state: async () => (who ? db.user.findUniqueOrThrow({ where: { id: who }, select: { sessionsValidFrom: true } }) : null) };
    },
  },
  {
    name: "suspendUser",
    covers: [accounts.suspendUser],
    rule: { site: "user.suspend" },
    openOnly: true,
    call: async (_w, _k, actor) => {
      const target = await bystander();
      return { run: () => accounts.suspendUser(actor, { userId: target.id, days: 3, reason: REASON }) };
    },
  },
  {
    name: "unsuspendUser",
    covers: [accounts.unsuspendUser],
    rule: { site: "user.suspend" },
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
    rule: { self: "account.delete" },
    openOnly: true,
    call: async (w, kind) => {
      const twin = await cloneOf(w, kind);
      return {
        run: () => memberships.deleteAccount(twin, { posts: "keep", understood: "on", password: WORLD_PASSWORD }),
        state: async () => (twin ? db.user.findUniqueOrThrow({ where: { id: twin.id }, select: { deletedAt: true } }) : null),
      };
    },
  },
  {
    name: "requestDataExport",
    covers: [dataExport.requestDataExport],
    // A suspended person keeps the right to a copy of their data.
    rule: { self: "account.exportData" },
    openOnly: true,
    call: async (_w, _k, actor) => ({ run: () => dataExport.requestDataExport(actor) }),
  },
];

/**
 * Exported functions that take the actor first but are not mutations a person asks for. Anything
 * else that takes an actor first and has no row fails the guard test below.
 */
const NOT_IN_MATRIX = new Map<unknown, string>([[discussions.markThreadRead, "the thread page's read marker, called after the page's own read check"]]);

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

/** Row counts of every table but the rate limits: one round trip, so refused calls can be shown to write nothing. */
let countQuery = "";
async function tableCounts(): Promise<Record<string, number>> {
  const [row] = await db.$queryRawUnsafe<Record<string, number>[]>(countQuery);
  return row!;
}

beforeAll(async () => {
  await resetDatabase();
  const tables = await db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('_prisma_migrations', 'RateLimit') ORDER BY tablename`;
  countQuery = `SELECT ${tables.map((t) => `(SELECT count(*)::int FROM "${t.tablename}") AS "${t.tablename}"`).join(", ")}`;
});

// Each call is one person's first of its kind: rate limits are not what this file is about.
beforeEach(async () => {
  await db.rateLimit.deleteMany();
});

const POLICIES = ["OPEN", "APPROVAL"] as const;
/** Kinds that read an approval group: its active members (see STANDING in actor-world.ts) and site admins. */
const READS_APPROVAL = new Set<ActorKind>(["groupSuspended", "member", "moderator", "owner", "siteAdmin"]);

describe.each(POLICIES)("in an %s group", (joinPolicy) => {
  let w: ActorWorld;
  beforeAll(async () => {
    w = await makeActorWorld(joinPolicy);
  });

  const rows = ROWS.filter((r) => joinPolicy === "OPEN" || !r.openOnly);
  describe.each(rows.map((r) => [`${r.name} [${ruleName(r.rule)}]`, r] as const))("%s", (_label, row) => {
    // In an approval group only the actors who cannot read it stand differently from an open one;
    // the others' facts are the same in both, so they run once, in the open group.
    const kinds = joinPolicy === "OPEN" ? ACTOR_KINDS : ACTOR_KINDS.filter((k) => !READS_APPROVAL.has(k));
    it.each(kinds.map((k) => [k]))("%s", async (kind) => {
      const actor = w.actors[kind];
      const facts: Facts = { kind, actor, membership: w.membership[kind], orgRole: w.orgRole[kind], canRead: canReadGroup(actor, joinPolicy, w.membership[kind]) };
      const call = await row.call(w, kind, actor);
      const before = { counts: await tableCounts(), state: await call.state?.() };

      if (allows(row.rule, facts)) {
        await call.run();
        const after = { counts: await tableCounts(), state: await call.state?.() };
        expect(after, `${kind} may ${row.name}, and the call should have written something`).not.toEqual(before);
        return;
      }
      const refusal = refusalOf(row, facts);
      if (refusal === "NO_OP") {
        await call.run();
      } else {
        const error = await appError(call.run());
        expect(refusal, `${kind} may not ${row.name}: refused with ${error.code} (${error.message})`).toContain(error.code);
      }
      expect({ counts: await tableCounts(), state: await call.state?.() }).toEqual(before);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// No mutation left out
// ---------------------------------------------------------------------------------------------

// Every module of the data layer except reads, Server Actions, components and pure access checks.
const MODULES = import.meta.glob<Record<string, unknown>>(
  ["/src/features/**/*.ts", "!/src/features/**/queries/**", "!/src/features/**/queries.ts", "!/src/features/**/*actions.ts", "!/src/features/**/components/**", "!/src/features/**/access.ts"],
  { eager: true },
);

/** Takes the actor first: `function name(actor, …)` or `(actor, …) =>`, as the data layer writes them. */
const takesActorFirst = (fn: unknown) => typeof fn === "function" && /^(?:async\s+)?(?:function\s*[\w$]*\s*)?\(\s*actor\s*[,)]/.test(fn.toString());

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

