// Every Server Action, fed the hostile-input corpus as a signed-in member: each must answer with a
// FormState carrying a specific message (never the 5xx-class "Something went wrong"), write
// nothing, and refuse other groups' objects. Markdown that is accepted must render without script.

import { isRedirectError } from "next/dist/client/components/redirect-error";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as memberships from "@/app/actions/memberships";
import * as accounts from "@/features/accounts/actions";
import * as twoStep from "@/features/accounts/two-step/actions";
import * as commissions from "@/features/commissions/actions";
import * as commissionInvitations from "@/features/commissions/invitation-actions";
import * as commissionResponses from "@/features/commissions/response-actions";
import * as discussions from "@/features/discussions/actions";
import * as groups from "@/features/groups/actions";
import * as moderation from "@/features/moderation/actions";
import * as notifications from "@/features/notifications/actions";
import * as organisations from "@/features/organisations/actions";
import { inviteAdmin } from "@/features/organisations/admins";
import * as papers from "@/features/papers/actions";
import * as dataExport from "@/features/privacy/data-export/actions";
import * as proposals from "@/features/proposals/actions";
import { createProposal } from "@/features/proposals/mutations";
import { renderMarkdown } from "@/lib/markdown/render.mjs";
import type { FormState } from "@/server/action";
import type { CurrentUser } from "@/server/auth/session-store";
import { createAuthSession } from "@/server/auth/session-store";
import { db } from "@/server/db";
import { makeCommission, makeOrganisation } from "./helpers/commission-factories";
import { makeThread } from "./helpers/discussion-factories";
import { actorOf, addMember, days, makeGroup, makeUser, type TestUser } from "./helpers/factories";
import {
  BAD_UNICODE,
  expectNoLiveScript,
  formOf,
  GENERIC_FAILURE,
  INJECTION_DOCUMENT,
  justOver,
  MALFORMED_IDS,
  ONE_MB,
  randomId,
  SPOOFED_LINES,
  wrongTypeValues,
} from "./helpers/hostile-corpus";
import { amend, makePaper } from "./helpers/paper-factories";
import { resetDatabase } from "./helpers/reset-db";

// Actions ask next-auth who is signed in; here the test says who. The database stays real.
const signedIn = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/server/auth/current-user", () => ({
  getCurrentUser: async () => signedIn.user,
  requireCurrentUser: async () => signedIn.user,
}));
// Outside a Next request there is no cache to revalidate, no request headers and no cookie jar.
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, unstable_cache: <T>(fn: T) => fn }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "commons.test", "x-forwarded-for": "203.0.113.9" }),
  cookies: async () => ({ getAll: () => [], set: () => {} }),
}));

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;
type Outcome = { state?: FormState; redirect?: string; threw?: unknown };

/** Runs an action as a browser would post it; Next's redirect/notFound control flow is an outcome too. */
async function run(
  action: Action,
  fields: Record<string, string | Blob | (string | Blob)[] | undefined>,
): Promise<Outcome> {
  try {
    return { state: await action({ ok: false }, formOf(fields)) };
  } catch (error) {
    if (isRedirectError(error)) return { redirect: String((error as { digest: string }).digest) };
    const digest = (error as { digest?: string } | null)?.digest ?? "";
    if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK")) return { redirect: "notFound" };
    return { threw: error };
  }
}

const TABLES = [
  "User",
  "AuthSession",
  "Group",
  "Membership",
  "Thread",
  "Post",
  "PostRevision",
  "Reaction",
  "ThreadFollow",
  "Report",
  "ModerationAction",
  "Paper",
  "Section",
  "Revision",
  "Proposal",
  "Vote",
  "Publication",
  "Organisation",
  "OrganisationMember",
  "OrganisationInvitation",
  "GroupInvitation",
  "Commission",
  "CommissionPosting",
  "CommissionResponse",
  "DataExport",
  "AccountToken",
  "OutboxEmail",
  "TwoStepSignIn",
  "RecoveryCode",
];
/** Row counts of every table a form can write to, in one round trip. */
async function counts(): Promise<string> {
  const rows = await db.$queryRawUnsafe<Record<string, bigint>[]>(
    `SELECT ${TABLES.map((t) => `(SELECT count(*) FROM "${t}") AS "${t}"`).join(", ")}`,
  );
  return JSON.stringify(rows[0], (_k, v) => (typeof v === "bigint" ? Number(v) : v));
}

type FieldKind = (
  | { kind: "text"; max: number; line?: boolean }
  | { kind: "id"; forged?: () => string; unused?: boolean }
  | { kind: "int" }
  | { kind: "enum" }
  | { kind: "checkbox" }
) & { optional?: boolean };

type Spec = {
  name: string;
  action: Action;
  /** Values that pass validation, so a single hostile field is what gets judged. */
  valid: () => Record<string, string>;
  fields: Record<string, FieldKind>;
  /** Whole forms that use other groups' objects; each must be refused. */
  forged?: () => Record<string, string>[];
  /** The action has no required field: an empty form is a legitimate request. */
  emptyIsValid?: boolean;
};

type World = Awaited<ReturnType<typeof makeWorld>>;
let world: World;

async function makeWorld() {
  const member = await makeUser({ password: "member-password-123", displayName: "Member" });
  const other = await makeUser({ password: "other-password-123", displayName: "Other" });
  const applicant = await makeUser();
  const colleague = await makeUser();
  const outsider = await makeUser();
  // Group A is the member's own (they own it, so every moderation form is theirs to use);
  // group B belongs to someone else, asks for approval, and the member is not in it.
  const groupA = await makeGroup(member);
  await addMember(groupA, colleague);
  await addMember(groupA, applicant, "MEMBER", "PENDING");
  const groupB = await makeGroup(other, { joinPolicy: "APPROVAL" });
  await addMember(groupB, outsider, "MEMBER", "PENDING");
  await addMember(groupB, colleague);
  const threadA = await makeThread(groupA, colleague, { posts: 2, replyAuthors: [member] });
  const threadB = await makeThread(groupB, other, { posts: 2 });
  const paperA = await makePaper(groupA, member);
  const paperB = await makePaper(groupB, other);
  const proposalA = await createProposal(
    actorOf(member),
    amend(paperA, paperA.sections[0], "A proposed new text for this section."),
  );
  const proposalB = await createProposal(
    actorOf(other),
    amend(paperB, paperB.sections[0], "Someone else's proposed text."),
  );
  const orgA = await makeOrganisation([member]);
  const orgB = await makeOrganisation([other]);
  const commissionB = await makeCommission(other, orgB, [groupB]);
  const commissionPaperB = await db.paper.findFirstOrThrow({
    where: { groupId: groupB.id, id: { not: paperB.id } },
    select: { id: true },
  });
  await inviteAdmin(actorOf(other), { organisationId: orgB.id, handle: outsider.handle });
  const orgInvitationB = await db.organisationInvitation.findFirstOrThrow({
    where: { organisationId: orgB.id },
    select: { id: true },
  });
  const otherSession = await createAuthSession(other.id, "hostile test");
  const memberSession = await createAuthSession(member.id, "hostile test");
  const { id: othersNotificationId } = await db.notification.create({
    data: { userId: other.id, kind: "MODERATION", text: "For someone else", url: "/" },
    select: { id: true },
  });
  return {
    member,
    other,
    applicant,
    colleague,
    outsider,
    groupA,
    groupB,
    threadA,
    threadB,
    paperA,
    paperB,
    proposalA,
    proposalB,
    orgA,
    orgB,
    commissionB,
    commissionPaperB,
    orgInvitationB,
    otherSession,
    memberSession,
    othersNotificationId,
  };
}

const signInAs = (user: TestUser, sessionId: string) => {
  signedIn.user = { ...actorOf(user), sessionId, handle: user.handle, displayName: user.displayName };
};

const day = (n: number) => days(n).toISOString().slice(0, 10);
const text = (max: number): FieldKind => ({ kind: "text", max });
/** A one-line field (title, name, heading): invisible-only and direction-turned values are refused too. */
const line = (max: number): FieldKind => ({ kind: "text", max, line: true });
const id = (forged?: () => string): FieldKind => ({ kind: "id", forged });
const ENUM: FieldKind = { kind: "enum" };
const INT: FieldKind = { kind: "int" };
const BOX: FieldKind = { kind: "checkbox", optional: true };
/** A field the form may leave out: leaving it out is a legitimate request. */
const opt = (kind: FieldKind): FieldKind => ({ ...kind, optional: true });
/** An id the form sends but the action does not look up (it goes by another id): only its format is checked. */
const unused: FieldKind = { kind: "id", unused: true };

function specs(): Spec[] {
  // Specs are listed before the world exists; their values are read when each test runs.
  const w = new Proxy({} as World, { get: (_target, key) => world[key as keyof World] });
  const postA = () => w.threadA.posts[1].id;
  const postB = () => w.threadB.posts[1].id;
  const brief = {
    title: "A hostile commission title",
    question: "What should change about benefit sanctions for everyone?",
    background: "Background text.",
    scope: "Scope text.",
    goodAnswer: "A good answer.",
    disclosure: "What we provide.",
    contributionsOpenAt: day(1),
    draftingFrom: day(7),
    deadlineAt: day(30),
  };
  const briefFields = {
    title: line(120),
    question: text(300),
    background: text(10_000),
    scope: text(5_000),
    goodAnswer: text(5_000),
    disclosure: text(5_000),
    contributionsOpenAt: ENUM,
    draftingFrom: ENUM,
    deadlineAt: ENUM,
  };
  const profile = {
    displayName: "Member Person",
    perspective: "PRACTITIONER",
    sector: "HEALTH",
    fieldDetail: "Nurse",
    organisationName: "",
  };
  const profileFields = {
    displayName: line(60),
    perspective: ENUM,
    sector: ENUM,
    fieldDetail: opt(text(100)),
    organisationName: opt(text(120)),
  };
  const amendA = () => ({
    kind: "AMEND_SECTION",
    paperId: w.paperA.id,
    sectionId: w.paperA.sections[0].id,
    baseRevision: "1",
    heading: "Payments",
    body: "New section text.",
    rationale: "Because the current text is unclear.",
  });
  const amendFields = {
    kind: ENUM,
    paperId: id(() => w.paperB.id),
    sectionId: id(() => w.paperB.sections[0].id),
    baseRevision: INT,
    heading: line(160),
    body: text(40_000),
    rationale: text(5_000),
  };
  const postReason = (action: Action, name: string, reason: FieldKind = text(500)): Spec => ({
    name,
    action,
    valid: () => ({ postId: postA(), reason: "A clear reason." }),
    fields: { postId: id(postB), reason },
  });
  const threadReason = (action: Action, name: string): Spec => ({
    name,
    action,
    valid: () => ({ threadId: w.threadA.id, reason: "A clear reason." }),
    fields: { threadId: id(() => w.threadB.id), reason: opt(text(500)) },
  });

  return [
    // groups
    {
      name: "createGroupAction",
      action: groups.createGroupAction,
      valid: () => ({
        name: "Hostile test group",
        slug: `hostile-${Date.now()}`,
        description: "A group for hostile tests.",
        joinPolicy: "OPEN",
        sector: "HEALTH",
      }),
      fields: { name: line(80), slug: text(50), description: text(2000), joinPolicy: ENUM, sector: opt(ENUM) },
    },
    {
      name: "updateGroupAction",
      action: groups.updateGroupAction,
      valid: () => ({
        groupId: w.groupA.id,
        name: "Renamed group",
        description: "A group for hostile tests.",
        joinPolicy: "OPEN",
        autoHideReportThreshold: "3",
      }),
      fields: {
        groupId: id(() => w.groupB.id),
        name: line(80),
        description: text(2000),
        joinPolicy: ENUM,
        autoHideReportThreshold: opt(INT),
      },
    },
    // Joining another group is legitimate, so only ids that do not exist are forged here.
    {
      name: "joinGroupAction",
      action: groups.joinGroupAction,
      valid: () => ({ groupId: w.groupA.id, note: "Please let me in." }),
      fields: { groupId: id(), note: opt(text(500)) },
    },
    {
      name: "leaveGroupAction",
      action: memberships.leaveGroupAction,
      valid: () => ({ groupId: w.groupA.id }),
      fields: { groupId: id(() => w.groupB.id) },
    },
    {
      name: "approveMembershipAction",
      action: groups.approveMembershipAction,
      valid: () => ({ groupId: w.groupA.id, userId: w.applicant.id }),
      fields: { groupId: id(), userId: id() },
      forged: () => [{ groupId: w.groupB.id, userId: w.outsider.id }],
    },
    {
      name: "rejectMembershipAction",
      action: groups.rejectMembershipAction,
      valid: () => ({ groupId: w.groupA.id, userId: w.applicant.id }),
      fields: { groupId: id(), userId: id() },
      forged: () => [{ groupId: w.groupB.id, userId: w.outsider.id }],
    },
    {
      name: "changeRoleAction",
      action: groups.changeRoleAction,
      valid: () => ({ groupId: w.groupA.id, userId: w.colleague.id, role: "MODERATOR" }),
      fields: { groupId: id(), userId: id(), role: ENUM },
      forged: () => [
        { groupId: w.groupB.id, userId: w.colleague.id, role: "OWNER" },
        { groupId: w.groupB.id, userId: w.member.id, role: "OWNER" },
      ],
    },
    {
      name: "removeMemberAction",
      action: memberships.removeMemberAction,
      valid: () => ({ groupId: w.groupA.id, userId: w.colleague.id, reason: "A clear reason." }),
      fields: { groupId: id(), userId: id(), reason: text(500) },
      forged: () => [{ groupId: w.groupB.id, userId: w.colleague.id, reason: "A clear reason." }],
    },

    // discussions
    {
      name: "createThreadAction",
      action: discussions.createThreadAction,
      valid: () => ({ groupId: w.groupA.id, title: "A thread title", body: "A first post." }),
      fields: { groupId: id(() => w.groupB.id), title: line(200), body: text(20_000) },
    },
    {
      name: "replyAction",
      action: discussions.replyAction,
      valid: () => ({ threadId: w.threadA.id, parentId: w.threadA.posts[0].id, body: "A reply." }),
      fields: { threadId: id(() => w.threadB.id), parentId: opt(id(() => w.threadB.posts[0].id)), body: text(20_000) },
    },
    {
      // The member owns group A, so they may change any of its threads' titles, as a moderator.
      name: "editThreadTitleAction",
      action: discussions.editThreadTitleAction,
      valid: () => ({ threadId: w.threadA.id, title: `A better title ${randomId().slice(0, 8)}` }),
      fields: { threadId: id(() => w.threadB.id), title: line(200) },
    },
    {
      name: "editPostAction",
      action: discussions.editPostAction,
      valid: () => ({ postId: postA(), body: "Edited text." }),
      fields: { postId: id(postB), body: text(20_000) },
      forged: () => [{ postId: w.threadA.posts[0].id, body: "Editing a colleague's post." }],
    },
    {
      name: "deletePostAction",
      action: discussions.deletePostAction,
      valid: () => ({ postId: postA() }),
      fields: { postId: id(postB) },
    },
    {
      name: "reactAction",
      action: discussions.reactAction,
      // One form per post: the pressed button sends the reaction and which way ("AGREE:add").
      valid: () => ({ postId: postA(), reaction: "AGREE:add" }),
      fields: { postId: id(postB), reaction: ENUM },
    },
    {
      name: "followAction",
      action: discussions.followAction,
      valid: () => ({ threadId: w.threadA.id, mode: "follow" }),
      fields: { threadId: id(() => w.threadB.id), mode: ENUM },
    },

    // moderation
    postReason(moderation.reportPostAction, "reportPostAction", text(1000)),
    postReason(moderation.hidePostAction, "hidePostAction"),
    postReason(moderation.removePostAction, "removePostAction"),
    postReason(moderation.restorePostAction, "restorePostAction", opt(text(500))),
    postReason(moderation.dismissReportsAction, "dismissReportsAction", opt(text(500))),
    postReason(moderation.featurePostAction, "featurePostAction", opt(text(500))),
    postReason(moderation.unfeaturePostAction, "unfeaturePostAction", opt(text(500))),
    threadReason(moderation.lockThreadAction, "lockThreadAction"),
    threadReason(moderation.unlockThreadAction, "unlockThreadAction"),
    threadReason(moderation.pinThreadAction, "pinThreadAction"),
    threadReason(moderation.unpinThreadAction, "unpinThreadAction"),
    {
      name: "moveThreadAction",
      action: moderation.moveThreadAction,
      valid: () => ({ threadId: w.threadA.id, toGroupId: w.groupA.id, reason: "A clear reason." }),
      fields: { threadId: id(() => w.threadB.id), toGroupId: id(() => w.groupB.id), reason: text(500) },
    },
    {
      name: "suspendMemberAction",
      action: moderation.suspendMemberAction,
      valid: () => ({ groupId: w.groupA.id, userId: w.colleague.id, days: "3", reason: "A clear reason." }),
      fields: { groupId: id(), userId: id(), days: INT, reason: text(500) },
      forged: () => [{ groupId: w.groupB.id, userId: w.colleague.id, days: "3", reason: "A clear reason." }],
    },
    {
      name: "unsuspendMemberAction",
      action: moderation.unsuspendMemberAction,
      valid: () => ({ groupId: w.groupA.id, userId: w.colleague.id, reason: "A clear reason." }),
      fields: { groupId: id(), userId: id(), reason: opt(text(500)) },
      forged: () => [{ groupId: w.groupB.id, userId: w.colleague.id }],
    },

    // organisations
    {
      name: "createOrganisationAction",
      action: organisations.createOrganisationAction,
      valid: () => ({ name: "Hostile Org", kind: "CHARITY", website: "https://example.org", description: "About us." }),
      fields: { name: line(120), kind: ENUM, website: opt(text(200)), description: opt(text(5000)) },
    },
    {
      name: "updateOrganisationAction",
      action: organisations.updateOrganisationAction,
      valid: () => ({
        organisationId: w.orgA.id,
        slug: w.orgA.slug,
        name: "Renamed Org",
        kind: "CHARITY",
        website: "https://example.org",
        description: "About us.",
      }),
      fields: {
        organisationId: id(() => w.orgB.id),
        name: line(120),
        kind: ENUM,
        website: opt(text(200)),
        description: opt(text(5000)),
      },
    },
    {
      name: "inviteAdminAction",
      action: organisations.inviteAdminAction,
      valid: () => ({ organisationId: w.orgA.id, handle: w.colleague.handle }),
      fields: { organisationId: id(() => w.orgB.id), handle: text(30) },
    },
    {
      name: "revokeOrganisationInvitationAction",
      action: organisations.revokeInvitationAction,
      valid: () => ({ invitationId: w.orgInvitationB.id }),
      fields: { invitationId: id(() => w.orgInvitationB.id) },
    },
    {
      name: "acceptInvitationAction",
      action: organisations.acceptInvitationAction,
      valid: () => ({ invitationId: w.orgInvitationB.id }),
      fields: { invitationId: id(() => w.orgInvitationB.id) },
    },
    {
      name: "declineInvitationAction",
      action: organisations.declineInvitationAction,
      valid: () => ({ invitationId: w.orgInvitationB.id }),
      fields: { invitationId: id(() => w.orgInvitationB.id) },
    },
    {
      name: "removeAdminAction",
      action: organisations.removeAdminAction,
      valid: () => ({ organisationId: w.orgA.id, userId: w.colleague.id }),
      fields: { organisationId: id(), userId: id() },
      forged: () => [{ organisationId: w.orgB.id, userId: w.other.id }],
    },
    {
      name: "setVerifiedAction",
      action: organisations.setVerifiedAction,
      valid: () => ({ organisationId: w.orgA.id, verified: "true", reason: "A clear reason." }),
      fields: { organisationId: id(() => w.orgB.id), verified: ENUM, reason: text(500) },
    },

    // accounts
    {
      name: "registerAction",
      action: accounts.registerAction,
      valid: () => ({
        email: "new-person@example.test",
        password: "a-long-password-1",
        confirmPassword: "a-long-password-1",
        handle: "new_person",
        ...profile,
      }),
      fields: {
        email: text(254),
        password: text(200),
        confirmPassword: text(200),
        handle: text(30),
        callbackUrl: opt(text(2000)),
        ...profileFields,
      },
    },
    {
      name: "updateProfileAction",
      action: accounts.updateProfileAction,
      valid: () => ({ ...profile, bio: "About me.", hideOrganisation: "on" }),
      fields: { ...profileFields, bio: opt(text(1000)), hideOrganisation: BOX },
    },
    {
      name: "changePasswordAction",
      action: accounts.changePasswordAction,
      valid: () => ({
        currentPassword: "wrong-password-123",
        newPassword: "a-new-password-1",
        confirmPassword: "a-new-password-1",
      }),
      fields: { currentPassword: text(200), newPassword: text(200), confirmPassword: text(200) },
    },
    {
      name: "resendConfirmationAction",
      action: accounts.resendConfirmationAction,
      valid: () => ({}),
      fields: { sessionId: opt(unused) },
      emptyIsValid: true,
    },
    {
      name: "confirmEmailAction",
      action: accounts.confirmEmailAction,
      valid: () => ({ token: "A".repeat(43) }),
      fields: { token: text(100), callbackUrl: opt(text(2000)) },
    },
    {
      name: "forgotPasswordAction",
      action: accounts.forgotPasswordAction,
      valid: () => ({ email: "nobody-here@example.test" }),
      fields: { email: text(254) },
    },
    {
      name: "resetPasswordAction",
      action: accounts.resetPasswordAction,
      valid: () => ({ token: "A".repeat(43), newPassword: "a-new-password-1", confirmPassword: "a-new-password-1" }),
      fields: { token: text(100), newPassword: text(200), confirmPassword: text(200) },
    },
    {
      name: "changeEmailAction",
      action: accounts.changeEmailAction,
      valid: () => ({ newEmail: "moved@example.test", currentPassword: "wrong-password-123" }),
      fields: { newEmail: text(254), currentPassword: opt(text(200)) },
    },
    {
      name: "confirmEmailChangeAction",
      action: accounts.confirmEmailChangeAction,
      valid: () => ({ token: "A".repeat(43) }),
      fields: { token: text(100) },
    },
    {
      name: "revokeSessionAction",
      action: accounts.revokeSessionAction,
      valid: () => ({ sessionId: w.otherSession }),
      fields: { sessionId: id(() => w.otherSession) },
    },
    {
      name: "signOutEverywhereAction",
      action: accounts.signOutEverywhereAction,
      valid: () => ({}),
      fields: { sessionId: opt(unused) },
      emptyIsValid: true,
    },
    {
      name: "suspendUserAction",
      action: accounts.suspendUserAction,
      valid: () => ({ userId: w.other.id, days: "3", reason: "A clear reason." }),
      fields: { userId: id(() => w.other.id), days: INT, reason: text(500) },
    },
    {
      name: "unsuspendUserAction",
      action: accounts.unsuspendUserAction,
      valid: () => ({ userId: w.other.id }),
      fields: { userId: id(() => w.other.id) },
    },
    // The member's own password is never sent in full, so no case here can delete the account.
    {
      name: "deleteAccountAction",
      action: memberships.deleteAccountAction,
      valid: () => ({ posts: "keep", understood: "on", password: "wrong-password-123" }),
      fields: { posts: ENUM, understood: BOX, password: text(200), confirmHandle: opt(text(60)) },
    },
    {
      name: "deleteAccountWithPasswordAction",
      action: memberships.deleteAccountWithPasswordAction,
      valid: () => ({ posts: "keep", understood: "on", email: w.other.email, password: "wrong-password-123" }),
      fields: { posts: ENUM, understood: BOX, email: text(254), password: text(200), code: opt(text(40)) },
    },

    // two-step sign-in (the member has it off: each valid form is refused as "not on" or "not started")
    {
      name: "startTwoStepSetupAction",
      action: twoStep.startTwoStepSetupAction,
      valid: () => ({}),
      fields: {},
      emptyIsValid: true,
    },
    {
      name: "cancelTwoStepSetupAction",
      action: twoStep.cancelTwoStepSetupAction,
      valid: () => ({}),
      fields: {},
      emptyIsValid: true,
    },
    {
      name: "confirmTwoStepAction",
      action: twoStep.confirmTwoStepAction,
      valid: () => ({ code: "123456" }),
      fields: { code: text(20) },
    },
    {
      name: "regenerateRecoveryCodesAction",
      action: twoStep.regenerateRecoveryCodesAction,
      valid: () => ({ passwordOrCode: "wrong-password-123" }),
      fields: { passwordOrCode: text(200) },
    },
    {
      name: "disableTwoStepAction",
      action: twoStep.disableTwoStepAction,
      valid: () => ({ passwordOrCode: "wrong-password-123" }),
      fields: { passwordOrCode: text(200) },
    },

    // papers
    {
      name: "createPaperAction",
      action: papers.createPaperAction,
      valid: () => ({
        groupId: w.groupA.id,
        title: "A hostile paper",
        question: "What should the policy be here?",
        summary: "A summary.",
        "sections.0.heading": "One",
        "sections.0.body": "Section text.",
      }),
      fields: {
        groupId: id(() => w.groupB.id),
        title: line(160),
        question: text(400),
        summary: text(3000),
        "sections.0.heading": line(160),
        "sections.0.body": text(40_000),
      },
    },
    {
      name: "updateRulesAction",
      action: papers.updateRulesAction,
      valid: () => ({
        paperId: w.paperA.id,
        votingPeriodHours: "48",
        quorum: "2",
        thresholdPercent: "60",
        publishThresholdPercent: "66",
        requireBothPerspectives: "on",
      }),
      fields: {
        paperId: id(() => w.paperB.id),
        votingPeriodHours: INT,
        quorum: INT,
        thresholdPercent: INT,
        publishThresholdPercent: INT,
        requireBothPerspectives: BOX,
      },
    },
    {
      name: "followPaperAction",
      action: papers.followPaperAction,
      valid: () => ({ paperId: w.paperA.id, mode: "follow" }),
      fields: { paperId: id(() => w.paperB.id), mode: ENUM },
    },
    {
      name: "editorialFixAction",
      action: papers.editorialFixAction,
      valid: () => ({
        paperId: w.paperA.id,
        sectionId: w.paperA.sections[0].id,
        baseRevision: "1",
        heading: "Payments",
        body: w.paperA.sections[0].body.replace("weekly", "fortnightly"),
        reason: "Typo fix.",
      }),
      fields: {
        paperId: id(() => w.paperB.id),
        sectionId: id(() => w.paperB.sections[0].id),
        baseRevision: INT,
        heading: line(160),
        body: text(40_000),
        reason: text(300),
      },
    },
    { name: "createProposalAction", action: proposals.createProposalAction, valid: amendA, fields: amendFields },
    {
      name: "editProposalAction",
      action: proposals.editProposalAction,
      valid: () => ({ ...amendA(), proposalId: w.proposalA.id }),
      fields: { ...amendFields, paperId: unused, proposalId: id(() => w.proposalB.id) },
      forged: () => [{ ...amendA(), proposalId: w.proposalB.id }],
    },
    {
      name: "withdrawProposalAction",
      action: proposals.withdrawProposalAction,
      valid: () => ({ proposalId: w.proposalA.id }),
      fields: { proposalId: id(() => w.proposalB.id) },
    },
    {
      name: "voteAction",
      action: proposals.voteAction,
      valid: () => ({ proposalId: w.proposalA.id, version: "1", choice: "SUPPORT", reason: "Good idea." }),
      fields: { proposalId: id(() => w.proposalB.id), version: INT, choice: ENUM, reason: opt(text(1000)) },
    },
    {
      name: "commentOnSubjectAction",
      action: papers.commentOnSubjectAction,
      valid: () => ({ subject: "PAPER", subjectId: w.paperA.id, body: "A comment." }),
      fields: { subject: ENUM, subjectId: id(() => w.paperB.id), body: text(20_000) },
      forged: () => [
        { subject: "SECTION", subjectId: w.paperB.sections[0].id, body: "A comment." },
        { subject: "PROPOSAL", subjectId: w.proposalB.id, body: "A comment." },
      ],
    },

    // commissions
    {
      name: "createCommissionAction",
      action: commissions.createCommissionAction,
      valid: () => ({ organisationId: w.orgA.id, ...brief, [`groups.${w.groupA.slug}`]: "on" }),
      fields: { organisationId: id(() => w.orgB.id), ...briefFields },
      forged: () => [
        { organisationId: w.orgA.id, ...brief, [`groups.${w.groupB.slug}`]: "on", "groups.no-such-group": "on" },
      ],
    },
    {
      name: "updateCommissionAction",
      action: commissions.updateCommissionAction,
      valid: () => ({ commissionId: w.commissionB.commissionId, ...brief }),
      fields: { commissionId: id(() => w.commissionB.commissionId), ...briefFields },
    },
    {
      name: "postCommissionAction",
      action: commissions.postCommissionAction,
      valid: () => ({ commissionId: w.commissionB.commissionId, [`groups.${w.groupA.slug}`]: "on" }),
      fields: { commissionId: id(() => w.commissionB.commissionId) },
    },
    {
      name: "proposeAcceptanceAction",
      action: commissions.proposeAcceptanceAction,
      valid: () => ({ paperId: w.commissionPaperB.id, rationale: "We should take it on." }),
      fields: { paperId: id(() => w.commissionPaperB.id), rationale: text(2000) },
    },
    {
      name: "declineCommissionAction",
      action: commissions.declineCommissionAction,
      valid: () => ({ paperId: w.commissionPaperB.id, reason: "We do not have the time for it." }),
      fields: { paperId: id(() => w.commissionPaperB.id), reason: text(1000) },
    },
    {
      name: "respondToPublicationAction",
      action: commissionResponses.respondToPublicationAction,
      valid: () => ({ publicationId: randomId(), signatoryName: "A. Person, Director", body: "Our response." }),
      fields: { publicationId: id(), signatoryName: line(200), body: text(10_000) },
    },
    {
      name: "createInvitationLinkAction",
      action: commissionInvitations.createInvitationLinkAction,
      valid: () => ({
        commissionId: w.commissionB.commissionId,
        groupSlug: w.groupB.slug,
        note: "For the advice centre.",
        expiresInDays: "7",
        maxUses: "5",
      }),
      fields: {
        commissionId: id(() => w.commissionB.commissionId),
        groupSlug: text(80),
        note: text(300),
        expiresInDays: opt(INT),
        maxUses: opt(INT),
      },
    },
    {
      name: "revokeCommissionInvitationAction",
      action: commissionInvitations.revokeInvitationAction,
      valid: () => ({ invitationId: randomId() }),
      fields: { invitationId: id() },
    },
    {
      name: "joinThroughInvitationAction",
      action: commissionInvitations.joinThroughInvitationAction,
      valid: () => ({ token: "A".repeat(43) }),
      fields: { token: text(43) },
    },

    // forms without fields: the member is who asks
    {
      name: "markAllReadAction",
      action: notifications.markAllReadAction,
      valid: () => ({}),
      fields: {},
      emptyIsValid: true,
    },
    // Opening someone else's notification (or one that is gone) is refused, and marks nothing.
    {
      name: "openNotificationAction",
      action: notifications.openNotificationAction,
      valid: () => ({ id: randomId() }),
      fields: { id: id(() => w.othersNotificationId) },
    },
    {
      name: "updateEmailPreferencesAction",
      action: notifications.updateEmailPreferencesAction,
      valid: () => ({
        REPLIES: "IMMEDIATELY",
        THREADS: "DAILY",
        PAPERS: "WEEKLY",
        GROUPS: "DAILY",
        COMMISSIONS: "OFF",
      }),
      fields: { REPLIES: ENUM, THREADS: ENUM, PAPERS: ENUM, GROUPS: ENUM, COMMISSIONS: ENUM },
    },
    // Signed out works too: the link's signed token names the account; a made-up one changes nothing.
    {
      name: "unsubscribeAction",
      action: notifications.unsubscribeAction,
      valid: () => ({ token: `${randomId()}.REPLIES.${"A".repeat(43)}`, frequency: "OFF" }),
      fields: { token: text(200), frequency: opt(ENUM) },
    },
    {
      name: "requestDataExportAction",
      action: dataExport.requestDataExportAction,
      valid: () => ({}),
      fields: {},
      emptyIsValid: true,
    },
  ];
}

/** Hostile values for one field, each with what it is called in a failure report. */
function hostileValuesFor(kind: FieldKind): [string, string | Blob | (string | Blob)[]][] {
  // A checkbox is ticked ("on") or not: any other value simply means "not ticked".
  if (kind.kind === "checkbox") return [["NUL byte", BAD_UNICODE.nul]];
  const out: [string, string | Blob | (string | Blob)[]][] = [
    // Lone surrogates are not here: FormData (like a browser's UTF-8 encoding) turns them into U+FFFD.
    ["NUL byte", BAD_UNICODE.nul],
    ["1 MB", ONE_MB],
  ];
  for (const [i, v] of wrongTypeValues().entries())
    if (typeof v !== "string" || kind.kind !== "text") out.push([`wrong type #${i}`, v]);
  if (kind.kind === "text") out.push(["just over the limit", justOver(kind.max)]);
  if (kind.kind === "text" && kind.line) for (const [what, v] of Object.entries(SPOOFED_LINES)) out.push([what, v]);
  if (kind.kind === "id")
    for (const m of MALFORMED_IDS) if (m !== "") out.push([`malformed id ${JSON.stringify(m)}`, m]);
  if (kind.kind === "enum")
    out.push(["junk toggle", "yes please; DROP TABLE"], ["repeated field ending in junk", ["on", "junk"]]);
  return out;
}

function judgeRefusal(outcome: Outcome, where: string): string | null {
  if (outcome.threw) return `${where}: threw ${String(outcome.threw)}`;
  if (outcome.redirect) return `${where}: was accepted (redirect ${outcome.redirect})`;
  const state = outcome.state!;
  if (state.ok) return `${where}: was accepted (${state.message ?? "no message"})`;
  if (!state.message?.trim()) return `${where}: refused without a message`;
  if (GENERIC_FAILURE.test(state.message)) return `${where}: 5xx-class failure: ${state.message}`;
  return null;
}

beforeAll(async () => {
  await resetDatabase();
  world = await makeWorld();
  signInAs(world.member, world.memberSession);
});

describe("hostile form input", () => {
  it("covers every exported Server Action", () => {
    const exported = [
      groups,
      discussions,
      moderation,
      organisations,
      accounts,
      twoStep,
      papers,
      proposals,
      commissions,
      commissionInvitations,
      commissionResponses,
      notifications,
      dataExport,
      memberships,
    ]
      .flatMap((m) => Object.values(m))
      .filter((v) => typeof v === "function");
    const covered = new Set(specs().map((s) => s.action));
    expect(exported.filter((f) => !covered.has(f as Action)).length).toBe(0);
  });

  it.each(specs().map((s) => [s.name, s] as const))(
    "%s refuses hostile values with a clear message and writes nothing",
    async (_name, spec) => {
      signInAs(world.member, world.memberSession);
      const failures: string[] = [];
      const before = await counts();
      const check = async (where: string, fields: Record<string, string | Blob | (string | Blob)[] | undefined>) => {
        const problem = judgeRefusal(await run(spec.action, fields), where);
        if (problem) failures.push(problem);
      };

      if (!spec.emptyIsValid) await check("empty form", {});
      for (const [field, kind] of Object.entries(spec.fields)) {
        if (!spec.emptyIsValid && !kind.optional)
          await check(`missing ${field}`, { ...spec.valid(), [field]: undefined });
        for (const [label, value] of hostileValuesFor(kind)) {
          const outcome = await run(spec.action, { ...spec.valid(), [field]: value });
          const problem = judgeRefusal(outcome, `${field} = ${label}`);
          if (problem) failures.push(problem);
          // A field-level problem is reported next to that field.
          else if (
            outcome.state?.message === "Please correct the highlighted fields." &&
            !outcome.state.fieldErrors?.[field]
          ) {
            failures.push(
              `${field} = ${label}: field errors ${JSON.stringify(outcome.state.fieldErrors)} do not name ${field}`,
            );
          }
        }
        if (kind.kind === "id" && !kind.unused) {
          await check(`${field} = a random UUID`, { ...spec.valid(), [field]: randomId() });
          if (kind.forged)
            await check(`${field} = another group's object`, { ...spec.valid(), [field]: kind.forged() });
        }
      }
      for (const [i, forged] of (spec.forged?.() ?? []).entries()) await check(`forged form #${i}`, forged);

      expect(failures).toEqual([]);
      expect(await counts()).toBe(before);
    },
  );

  it("stores injected script only as inert text: accepted Markdown renders without script", async () => {
    signInAs(world.member, world.memberSession);
    const w = world;
    const doc = INJECTION_DOCUMENT;
    // The refusals above counted against the member's posting limits; this part is about storage.
    await db.$executeRawUnsafe(`DELETE FROM rate_limits`);
    const { version } = await db.proposal.findUniqueOrThrow({
      where: { id: w.proposalA.id },
      select: { version: true },
    });
    const submissions: [string, Action, Record<string, string>][] = [
      [
        "createThreadAction",
        discussions.createThreadAction,
        { groupId: w.groupA.id, title: `<script>alert(1)</script> thread`, body: doc },
      ],
      ["replyAction", discussions.replyAction, { threadId: w.threadA.id, body: doc }],
      ["editPostAction", discussions.editPostAction, { postId: w.threadA.posts[1].id, body: doc }],
      [
        "createPaperAction",
        papers.createPaperAction,
        {
          groupId: w.groupA.id,
          title: `"><img src=x onerror=alert(1)>`,
          question: `${doc}`.slice(0, 400),
          summary: doc,
          "sections.0.heading": `<svg onload=alert(1)>`,
          "sections.0.body": doc,
        },
      ],
      [
        "createProposalAction",
        proposals.createProposalAction,
        {
          kind: "AMEND_SECTION",
          paperId: w.paperA.id,
          sectionId: w.paperA.sections[1].id,
          baseRevision: "1",
          heading: `<b onmouseover=alert(1)>h</b>`,
          body: doc,
          rationale: doc,
        },
      ],
      [
        "commentOnSubjectAction",
        papers.commentOnSubjectAction,
        { subject: "PAPER", subjectId: w.paperA.id, body: doc },
      ],
      [
        "voteAction",
        proposals.voteAction,
        { proposalId: w.proposalA.id, version: String(version), choice: "SUPPORT", reason: doc.slice(0, 1000) },
      ],
      [
        "updateProfileAction",
        accounts.updateProfileAction,
        {
          displayName: `<script>x</script>`,
          perspective: "OTHER",
          sector: "HEALTH",
          fieldDetail: "",
          organisationName: "",
          bio: doc.slice(0, 1000),
        },
      ],
      [
        "updateGroupAction",
        groups.updateGroupAction,
        {
          groupId: w.groupA.id,
          name: `<img src=x onerror=alert(1)>`,
          description: doc.slice(0, 2000),
          joinPolicy: "OPEN",
        },
      ],
      [
        "updateOrganisationAction",
        organisations.updateOrganisationAction,
        { organisationId: w.orgA.id, name: `<iframe>`, kind: "CHARITY", description: doc },
      ],
      [
        "createCommissionAction",
        commissions.createCommissionAction,
        {
          organisationId: w.orgA.id,
          title: "<script>alert(1)</script>",
          question: "What should change, <img src=x onerror=alert(1)>?",
          background: doc,
          scope: doc,
          goodAnswer: doc,
          disclosure: doc,
          contributionsOpenAt: day(1),
          draftingFrom: day(7),
          deadlineAt: day(30),
          [`groups.${w.groupA.slug}`]: "on",
        },
      ],
      ["reportPostAction", moderation.reportPostAction, { postId: w.threadA.posts[0].id, reason: doc.slice(0, 1000) }],
    ];
    const failures: string[] = [];
    for (const [name, action, fields] of submissions) {
      const outcome = await run(action, fields);
      if (outcome.threw) failures.push(`${name}: threw ${String(outcome.threw)}`);
      else if (outcome.state && !outcome.state.ok)
        failures.push(`${name}: refused ${outcome.state.message} ${JSON.stringify(outcome.state.fieldErrors)}`);
    }
    // A javascript: website is refused outright rather than stored.
    const website = await run(organisations.updateOrganisationAction, {
      organisationId: w.orgA.id,
      name: "Org",
      kind: "CHARITY",
      website: "javascript:alert(1)//https://x",
    });
    expect(website.state?.fieldErrors?.website).toBeTruthy();
    expect(failures).toEqual([]);

    // Every text column that now holds the payload: stored HTML must be clean as it is, and any
    // stored text must come out of the real Markdown renderer clean.
    const columns = await db.$queryRawUnsafe<{ table_name: string; column_name: string }[]>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('text', 'character varying')`,
    );
    let checked = 0;
    for (const { table_name, column_name } of columns) {
      const rows = await db.$queryRawUnsafe<{ v: string }[]>(
        `SELECT "${column_name}" AS v FROM "${table_name}" WHERE "${column_name}" ILIKE '%alert(%' OR "${column_name}" ILIKE '%javascript:%'`,
      );
      for (const { v } of rows) {
        checked++;
        expectNoLiveScript(/html$/i.test(column_name) ? v : renderMarkdown(v).html);
      }
    }
    // The posts, paper sections, proposal, profile, group, organisation and commission texts at least.
    expect(checked).toBeGreaterThan(15);
  });
});
