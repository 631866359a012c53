import { beforeAll, describe, expect, it } from "vitest";
import { closeDueProposals, closeProposal } from "@/composition/decisions";
import { listGroupThreads } from "@/features/discussions/queries/threads";
import { commentOnSubject } from "@/features/papers/discussion";
import { createPaper, makeEditorialFix, updateDecisionRules } from "@/features/papers/paper-mutations";
import { ZCreatePaper, ZDecisionRules, ZEditorialFix } from "@/features/papers/schemas";
import { parseRuns, passagesOf } from "@/features/papers/text/provenance";
import { castVote } from "@/features/proposals/cast-vote";
import { createProposal, editProposal, withdrawProposal } from "@/features/proposals/mutations";
import { ZProposal, ZVote } from "@/features/proposals/schemas";
import {
  type Actor,
  canInGroup,
  canReadGroup,
  type GroupPermission,
  type MembershipFacts,
} from "@/server/authz/permissions";
import { accountSuspendedMessage, groupSuspendedMessage } from "@/server/authz/refusals";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { appError } from "./helpers/app-error";
import { actorOf, addMember, days, makeGroup, makeUser, type TestGroup, type TestUser } from "./helpers/factories";
import {
  addSection,
  amend,
  endVoting,
  expectHistoryConsistent,
  expectTallyMatchesVotes,
  liveSections,
  makePaper,
  paperStateOf,
  removeSection,
  retitle,
  type TestPaper,
  voteAll,
} from "./helpers/paper-factories";
import { raceBehindTableLock } from "./helpers/race";
import { resetDatabase } from "./helpers/reset-db";

// One reset per file: every test builds its own users, groups and papers and looks only at those.
beforeAll(resetDatabase);

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
const HOUR = 3_600_000;

const WHO = [
  "anonymous",
  "outsider",
  "pending",
  "member",
  "author",
  "groupSuspended",
  "siteSuspended",
  "moderator",
  "owner",
  "admin",
] as const;
type Who = (typeof WHO)[number];
type Policy = "OPEN" | "APPROVAL";

type World = {
  policy: Policy;
  group: TestGroup;
  owner: TestUser;
  moderator: TestUser;
  /** A member who started the world's proposal. */
  author: TestUser;
  member: TestUser;
  outsider: TestUser;
  pending: TestUser;
  /** A site admin who is not a member of the group. */
  admin: TestUser;
  /** An active member, suspended from the group. */
  groupSuspended: TestUser;
  /** An active member, suspended site-wide. */
  siteSuspended: TestUser;
  paper: TestPaper;
  /** Proposal #1: the author's amendment of the first section, open for a vote on version 1. */
  proposalId: string;
  actor: (who: Who) => Actor;
};

async function makeWorld(policy: Policy = "OPEN", options: { proposal?: boolean } = {}): Promise<World> {
  const [owner, moderator, author, member, outsider, pending, admin, groupSuspended, siteSuspended] = await Promise.all(
    [
      makeUser({ perspective: "PRACTITIONER" }),
      makeUser({ perspective: "SERVICE_USER" }),
      makeUser({ perspective: "BOTH" }),
      makeUser({ perspective: "SERVICE_USER" }),
      makeUser(),
      makeUser(),
      makeUser({ siteRole: "ADMIN" }),
      makeUser(),
      makeUser({ suspendedUntil: days(7) }),
    ],
  );
  const group = await makeGroup(owner, { joinPolicy: policy });
  await Promise.all([
    addMember(group, moderator, "MODERATOR"),
    addMember(group, author),
    addMember(group, member),
    addMember(group, pending, "MEMBER", "PENDING"),
    addMember(group, groupSuspended, "MEMBER", "ACTIVE", { suspendedUntil: days(7) }),
    addMember(group, siteSuspended),
  ]);
  const users = { owner, moderator, author, member, outsider, pending, admin, groupSuspended, siteSuspended };
  const actor = (who: Who): Actor => (who === "anonymous" ? null : actorOf(users[who]));
  const paper = await makePaper(group, author);
  const proposalId =
    options.proposal === false
      ? ""
      : (
          await createProposal(
            actor("author"),
            amend(
              paper,
              paper.sections[0]!,
              "Pay benefits every week. Claimants wait too long.\n\nAppeals take months.",
            ),
          )
        ).id;
  return { policy, group, ...users, paper, proposalId, actor };
}

const proposalRow = (id: string) => db.proposal.findUniqueOrThrow({ where: { id } });
const paperRow = (id: string) => db.paper.findUniqueOrThrow({ where: { id } });

/** The notifications a user got, oldest first. */
/** What a person was told about outcomes and changes; opened-proposal and vote notices are vote-notices.test.ts's. */
const notificationsOf = (userId: string) =>
  db.notification.findMany({
    where: { userId, kind: { notIn: ["PROPOSAL_OPENED", "PROPOSAL_VOTES"] } },
    orderBy: { createdAt: "asc" },
    select: { kind: true, text: true, url: true },
  });

/** Members with a given perspective, added to the world's group. */
async function members(
  w: { group: TestGroup },
  perspective: "PRACTITIONER" | "SERVICE_USER" | "BOTH" | "OTHER",
  n: number,
) {
  const users = await Promise.all(Array.from({ length: n }, () => makeUser({ perspective })));
  await Promise.all(users.map((u) => addMember(w.group, u)));
  return users.map((u) => actorOf(u));
}

// ---------------------------------------------------------------------------
// Who may and who may not: every mutation, every kind of person, both kinds of group
// ---------------------------------------------------------------------------

type Outcome = "allowed" | { code: string; message: string };

/** The checks a mutation makes, in the order it makes them. */
type Check = "signedIn" | "read" | "permission" | "author";

type Spec = {
  checks: Check[];
  /** The permission the map must grant (post.create for comments). */
  permission?: GroupPermission;
  /** What the NOT_FOUND message names when the actor may not read the group's papers. */
  notFound?: string;
  /** The refusal for someone the map does not grant the permission to. */
  denied?: string;
  /** Comments go through the discussions' own refusal, which names the end of a group suspension. */
  discussion?: boolean;
  run: (w: World, actor: Actor) => Promise<unknown>;
  effect: (w: World, actor: NonNullable<Actor>, result: unknown) => Promise<void>;
};

const PROPOSE: Omit<Spec, "run" | "effect"> = {
  checks: ["signedIn", "read", "permission"],
  permission: "proposal.create",
  notFound: "That paper",
  denied: "Join the group to propose changes.",
};

async function expectProposal(w: World, actor: NonNullable<Actor>, result: unknown, kind: string) {
  const { id, number } = result as { id: string; number: number };
  expect(await proposalRow(id)).toMatchObject({
    paperId: w.paper.id,
    authorId: actor.id,
    kind,
    number,
    status: "OPEN",
    version: 1,
  });
}

async function expectComment(actor: NonNullable<Actor>, result: unknown, where: Record<string, string>) {
  const { threadId, postId } = result as { threadId: string; postId: string };
  expect(await db.thread.findUniqueOrThrow({ where: { id: threadId } })).toMatchObject(where);
  expect(await db.post.findUniqueOrThrow({ where: { id: postId } })).toMatchObject({ threadId, authorId: actor.id });
}

// Everyone in a world takes their turn, so each allowed call must work after the ones before it.
const SPECS: Record<string, Spec> = {
  createPaper: {
    // Groups themselves are public: starting a paper is refused, not hidden.
    checks: ["signedIn", "permission"],
    permission: "paper.create",
    denied: "Join the group to start a paper.",
    run: (w, actor) =>
      createPaper(actor, {
        groupId: w.group.id,
        title: "Advice in every job centre",
        question: "Where should claimants get advice?",
        summary: "Advice where people already are.",
        sections: [{ heading: "Where", body: "In every job centre." }],
      }),
    effect: async (w, actor, result) => {
      const { paperId } = result as { paperId: string };
      expect(await paperRow(paperId)).toMatchObject({
        groupId: w.group.id,
        createdById: actor.id,
        revisionNumber: 1,
        title: "Advice in every job centre",
      });
      expect(await db.revision.count({ where: { paperId } })).toBe(1);
    },
  },
  updateDecisionRules: {
    checks: ["signedIn", "read", "permission"],
    permission: "paper.setRules",
    notFound: "That paper",
    denied: "Only the group's owners can change a paper's decision rules.",
    run: async (w, actor) => {
      const { quorum } = await paperRow(w.paper.id);
      return updateDecisionRules(actor, {
        paperId: w.paper.id,
        votingPeriodHours: 48,
        quorum: quorum + 1,
        thresholdPercent: 66,
        publishThresholdPercent: 75,
        requireBothPerspectives: true,
      });
    },
    effect: async (w, actor) => {
      const paper = await paperRow(w.paper.id);
      expect(paper).toMatchObject({
        votingPeriodHours: 48,
        thresholdPercent: 66,
        publishThresholdPercent: 75,
        requireBothPerspectives: true,
      });
      const logged = await db.moderationAction.findMany({
        where: { groupId: w.group.id, kind: "CHANGE_PAPER_RULES", actorId: actor.id },
        select: { details: true },
      });
      expect(logged).toMatchObject([{ details: { paperId: w.paper.id, after: { quorum: paper.quorum } } }]);
    },
  },
  makeEditorialFix: {
    checks: ["signedIn", "read", "permission"],
    permission: "paper.editorialFix",
    notFound: "That paper",
    denied: "Only the group's moderators and owners can make editorial fixes.",
    run: async (w, actor) => {
      const s = await db.section.findUniqueOrThrow({ where: { id: w.paper.sections[1]!.id } });
      const { revisionNumber } = await paperRow(w.paper.id);
      const body = s.body.includes("hear well")
        ? s.body.replace("hear well", "hear clearly")
        : s.body.replace("hear clearly", "hear well");
      return makeEditorialFix(actor, {
        paperId: w.paper.id,
        sectionId: s.id,
        baseRevision: revisionNumber,
        heading: s.heading,
        body,
        reason: "Plainer wording",
      });
    },
    effect: async (w, actor, result) => {
      const { revision } = result as { revision: number };
      expect((await paperRow(w.paper.id)).revisionNumber).toBe(revision);
      expect(
        await db.revision.findUniqueOrThrow({ where: { paperId_number: { paperId: w.paper.id, number: revision } } }),
      ).toMatchObject({
        kind: "EDITORIAL",
        authorId: actor.id,
        reason: "Plainer wording",
      });
    },
  },
  "createProposal (AMEND_SECTION)": {
    ...PROPOSE,
    run: (w, actor) =>
      createProposal(
        actor,
        amend(w.paper, w.paper.sections[2]!, "Free advice should be offered in every job centre and library."),
      ),
    effect: (w, actor, result) => expectProposal(w, actor, result, "AMEND_SECTION"),
  },
  "createProposal (ADD_SECTION)": {
    ...PROPOSE,
    run: (w, actor) =>
      createProposal(
        actor,
        addSection(w.paper, 2, "Housing", "Housing costs should be paid directly to landlords on request."),
      ),
    effect: (w, actor, result) => expectProposal(w, actor, result, "ADD_SECTION"),
  },
  "createProposal (REMOVE_SECTION)": {
    ...PROPOSE,
    run: (w, actor) => createProposal(actor, removeSection(w.paper, w.paper.sections[2]!)),
    effect: (w, actor, result) => expectProposal(w, actor, result, "REMOVE_SECTION"),
  },
  "createProposal (RETITLE)": {
    ...PROPOSE,
    run: (w, actor) => createProposal(actor, retitle(w.paper, "Pay claimants sooner")),
    effect: (w, actor, result) => expectProposal(w, actor, result, "RETITLE"),
  },
  editProposal: {
    ...PROPOSE,
    permission: "proposal.edit",
    denied: "Only the group's members can change their proposals.",
    notFound: "That proposal",
    checks: ["signedIn", "read", "permission", "author"],
    run: (w, actor) =>
      editProposal(actor, {
        ...amend(
          w.paper,
          w.paper.sections[0]!,
          "Pay benefits every week, on time. Claimants wait too long.\n\nAppeals take months.",
        ),
        proposalId: w.proposalId,
      }),
    effect: async (w) => {
      expect(await proposalRow(w.proposalId)).toMatchObject({ version: 2, status: "OPEN" });
    },
  },
  withdrawProposal: {
    // Withdrawing changes the group's vote: taking part (proposal.withdraw), and only by the proposer.
    checks: ["signedIn", "read", "permission", "author"],
    permission: "proposal.withdraw",
    denied: "Only the group's members can withdraw their proposals.",
    notFound: "That proposal",
    run: (w, actor) => withdrawProposal(actor, { proposalId: w.proposalId }),
    effect: async (w) => {
      expect(await proposalRow(w.proposalId)).toMatchObject({
        status: "WITHDRAWN",
        statusNote: "Withdrawn by the proposer.",
      });
    },
  },
  castVote: {
    checks: ["signedIn", "read", "permission"],
    permission: "vote.cast",
    notFound: "That proposal",
    denied: "Only members of the group can vote.",
    run: (w, actor) =>
      castVote(actor, {
        proposalId: w.proposalId,
        version: 1,
        choice: "SUPPORT",
        reason: "Weekly is what people need.",
      }),
    effect: async (w, actor) => {
      expect(
        await db.vote.findMany({
          where: { proposalId: w.proposalId, userId: actor.id },
          select: { choice: true, reason: true, proposalVersion: true },
        }),
      ).toEqual([{ choice: "SUPPORT", reason: "Weekly is what people need.", proposalVersion: 1 }]);
      await expectTallyMatchesVotes(w.proposalId);
    },
  },
  ...Object.fromEntries(
    (["PAPER", "SECTION", "PROPOSAL"] as const).map((subject): [string, Spec] => [
      `commentOnSubject (${subject})`,
      {
        // Signed out: asked to sign in before the subject is looked up (and hidden from outsiders).
        checks: ["signedIn", "read", "permission"],
        permission: "post.create",
        // Hidden from outsiders in the words used for a subject that does not exist.
        notFound: subject === "PAPER" ? "That paper" : subject === "SECTION" ? "That section" : "That proposal",
        denied: "Join the group to take part in its discussions.",
        discussion: true,
        run: (w, actor) =>
          commentOnSubject(actor, {
            subject,
            subjectId:
              subject === "PAPER" ? w.paper.id : subject === "SECTION" ? w.paper.sections[0]!.id : w.proposalId,
            body: "I agree with this.",
          }),
        effect: (w, actor, result) =>
          expectComment(
            actor,
            result,
            subject === "PAPER"
              ? { paperId: w.paper.id, subject }
              : subject === "SECTION"
                ? { sectionId: w.paper.sections[0]!.id, subject }
                : { proposalId: w.proposalId, subject },
          ),
      },
    ]),
  ),
};

async function membershipOf(w: World, who: Who): Promise<MembershipFacts> {
  if (who === "anonymous") return null;
  return db.membership.findUnique({
    where: { groupId_userId: { groupId: w.group.id, userId: w[who].id } },
    select: { role: true, status: true, suspendedUntil: true },
  });
}

/** What the mutation must do for this person, derived from the permission map. */
async function expectedOutcome(w: World, who: Who, spec: Spec): Promise<Outcome> {
  const actor = w.actor(who);
  const membership = await membershipOf(w, who);
  for (const check of spec.checks) {
    if (check === "signedIn" && !actor) return { code: "UNAUTHENTICATED", message: "Please sign in to do that." };
    if (check === "read" && !canReadGroup(actor, w.policy, membership))
      return { code: "NOT_FOUND", message: `${spec.notFound} was not found.` };
    if (check === "permission" && !canInGroup(actor, spec.permission!, membership)) {
      if (who === "siteSuspended")
        return { code: "FORBIDDEN", message: accountSuspendedMessage(actor!.suspendedUntil) };
      if (who === "groupSuspended")
        return { code: "FORBIDDEN", message: groupSuspendedMessage(membership!.suspendedUntil!) };
      return { code: "FORBIDDEN", message: spec.denied! };
    }
    if (check === "author" && who !== "author")
      return { code: "FORBIDDEN", message: "Only the person who made this proposal can change or withdraw it." };
  }
  return "allowed";
}

// Each test builds one world and lets every kind of person try, in turn: a refusal must write
// nothing (checked after each one), an allowed call must have its effect. The outcomes are
// compared as one table, so a failure shows everyone who was treated differently.
describe.each(["OPEN", "APPROVAL"] as const)("who may and who may not, in an %s group", (policy) => {
  it.each(Object.entries(SPECS))("%s", async (_name, spec) => {
    const w = await makeWorld(policy);
    const expected: Partial<Record<Who, Outcome>> = {};
    const actual: Partial<Record<Who, Outcome>> = {};
    for (const who of WHO) {
      expected[who] = await expectedOutcome(w, who, spec);
      const before = await paperStateOf(w.paper.id);
      try {
        const result = await spec.run(w, w.actor(who));
        actual[who] = "allowed";
        if (expected[who] === "allowed") await spec.effect(w, w.actor(who)!, result);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        actual[who] = { code: error.code, message: error.message };
        expect(await paperStateOf(w.paper.id), `${who}'s refused call changed something`).toEqual(before);
      }
    }
    expect(actual).toEqual(expected);
  });
});

describe("the permission map, spelled out", () => {
  // The matrix above derives its expectations from permissions.ts; this pins the outcome in plain words.
  it("in a members-only group, outsiders and pending members are told nothing exists; the site admin governs but does not vote", async () => {
    const w = await makeWorld("APPROVAL");
    for (const who of ["outsider", "pending"] as const) {
      expect(
        await appError(castVote(w.actor(who), { proposalId: w.proposalId, version: 1, choice: "SUPPORT", reason: "" })),
      ).toMatchObject({
        code: "NOT_FOUND",
        message: "That proposal was not found.",
      });
      expect(await appError(createProposal(w.actor(who), retitle(w.paper, "A new title")))).toMatchObject({
        code: "NOT_FOUND",
        message: "That paper was not found.",
      });
    }
    expect(
      await appError(
        castVote(w.actor("admin"), { proposalId: w.proposalId, version: 1, choice: "SUPPORT", reason: "" }),
      ),
    ).toMatchObject({
      code: "FORBIDDEN",
      message: "Only members of the group can vote.",
    });
    await updateDecisionRules(w.actor("admin"), {
      paperId: w.paper.id,
      votingPeriodHours: 24,
      quorum: 2,
      thresholdPercent: 60,
      publishThresholdPercent: 67,
      requireBothPerspectives: false,
    });
    expect((await paperRow(w.paper.id)).quorum).toBe(2);
  });

  it("a suspended proposer can no longer edit their proposal", async () => {
    const w = await makeWorld();
    await db.membership.update({
      where: { groupId_userId: { groupId: w.group.id, userId: w.author.id } },
      data: { suspendedUntil: days(3) },
    });
    const error = await appError(
      editProposal(w.actor("author"), {
        ...amend(w.paper, w.paper.sections[0]!, "Something else entirely."),
        proposalId: w.proposalId,
      }),
    );
    expect(error).toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/^You are suspended from this group until /),
    });
    expect((await proposalRow(w.proposalId)).version).toBe(1);
  });

  it("unknown papers, sections and proposals are NOT_FOUND", async () => {
    const w = await makeWorld();
    const member = w.actor("member");
    expect(await appError(createProposal(member, retitle({ id: UNKNOWN_ID }, "Anything at all")))).toMatchObject({
      code: "NOT_FOUND",
      message: "That paper was not found.",
    });
    expect(await appError(createProposal(member, removeSection(w.paper, { id: UNKNOWN_ID })))).toMatchObject({
      code: "NOT_FOUND",
      message: "That section was not found.",
    });
    expect(
      await appError(castVote(member, { proposalId: UNKNOWN_ID, version: 1, choice: "SUPPORT", reason: "" })),
    ).toMatchObject({ code: "NOT_FOUND", message: "That proposal was not found." });
    expect(
      await appError(commentOnSubject(member, { subject: "SECTION", subjectId: UNKNOWN_ID, body: "Hello" })),
    ).toMatchObject({ code: "NOT_FOUND", message: "That section was not found." });
    expect(
      await appError(
        createPaper(member, {
          groupId: UNKNOWN_ID,
          title: "Nowhere",
          question: "Where is this group?",
          summary: "x",
          sections: [{ heading: "a", body: "b" }],
        }),
      ),
    ).toMatchObject({
      code: "NOT_FOUND",
      message: "That group was not found.",
    });
  });
});

// ---------------------------------------------------------------------------
// Validation: form input through the schemas into the mutations
// ---------------------------------------------------------------------------

/** Errors keyed as the action wrapper keys them: the full path, matching the form's input names. */
function fieldErrors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  const out: Record<string, string> = {};
  for (const issue of result.error?.issues ?? [])
    out[issue.path.length > 0 ? issue.path.join(".") : "form"] ??= issue.message;
  return out;
}

/** Group-wide counts a refused createPaper must leave as they were. */
async function groupPapersState(groupId: string) {
  const [papers, sections, revisions, group] = await Promise.all([
    db.paper.count({ where: { groupId } }),
    db.section.count({ where: { paper: { groupId } } }),
    db.revision.count({ where: { paper: { groupId } } }),
    db.group.findUniqueOrThrow({ where: { id: groupId }, select: { paperCount: true } }),
  ]);
  return { papers, sections, revisions, paperCount: group.paperCount };
}

describe("validation", () => {
  const front = {
    title: "Benefit sanctions",
    question: "How should benefit sanctions work?",
    summary: "Sanctions should be rare.",
  };

  it("a paper form's flat section fields become sections in the form's order, empty rows dropped", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    const parsed = ZCreatePaper.parse({
      groupId: w.group.id,
      ...front,
      "sections.2.heading": "Appeals",
      "sections.2.body": "Appeals should take weeks, not months.",
      "sections.0.heading": " Length ",
      "sections.0.body": "Sanctions should last at most four weeks.",
      "sections.1.heading": "",
      "sections.1.body": "  ",
    });
    const { paperId } = await createPaper(w.actor("member"), parsed);
    expect(await liveSections(paperId)).toMatchObject([
      { position: 1, heading: "Length", anchor: "length", body: "Sanctions should last at most four weeks." },
      { position: 2, heading: "Appeals", anchor: "appeals", body: "Appeals should take weeks, not months." },
    ]);
  });

  it("a paper form with mistakes gets one message per field, keyed by the form's names, and writes nothing", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    const before = await groupPapersState(w.group.id);
    const result = ZCreatePaper.safeParse({
      groupId: w.group.id,
      title: "ab",
      question: "Why?",
      summary: " ",
      "sections.0.heading": "Length",
      "sections.0.body": "Four weeks.",
      "sections.1.heading": "",
      "sections.1.body": "",
      "sections.2.heading": "Appeals",
      "sections.2.body": " ",
    });
    expect(fieldErrors(result)).toEqual({
      title: "Title must be at least 3 characters.",
      question: "The policy question must be at least 10 characters.",
      summary: "Summary is required.",
      "sections.2.body": "Section text is required.",
    });
    expect(
      fieldErrors(
        ZCreatePaper.safeParse({ groupId: w.group.id, ...front, "sections.0.heading": "", "sections.0.body": "" }),
      ),
    ).toEqual({
      sections: "Add at least one section.",
    });
    expect(fieldErrors(ZCreatePaper.safeParse({ groupId: w.group.id, ...front }))).toEqual({
      sections: "Add at least one section.",
    });
    const many = Object.fromEntries(
      Array.from({ length: 41 }, (_, i) => [
        [`sections.${i}.heading`, `Part ${i}`],
        [`sections.${i}.body`, "Text."],
      ]).flat(),
    );
    expect(fieldErrors(ZCreatePaper.safeParse({ groupId: w.group.id, ...front, ...many }))).toEqual({
      sections: "A paper can have at most 40 sections.",
    });
    expect(await groupPapersState(w.group.id)).toEqual(before);
  });

  it("each kind of proposal parses from its form and is accepted; a made-up kind is refused", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    const [s0, s1] = w.paper.sections;
    const common = { paperId: w.paper.id, baseRevision: "1", rationale: "Because claimants asked for it." };
    const forms = [
      { ...common, kind: "AMEND_SECTION", sectionId: s0!.id, heading: s0!.heading, body: "Pay benefits every week." },
      { ...common, kind: "ADD_SECTION", position: "2", heading: "Housing", body: "Pay rent directly on request." },
      { ...common, kind: "REMOVE_SECTION", sectionId: s1!.id },
      {
        ...common,
        kind: "RETITLE",
        title: "Pay claimants sooner",
        question: "How should claimants be paid while they wait?",
        summary: "Sooner.",
      },
    ];
    for (const form of forms) await createProposal(w.actor("member"), ZProposal.parse(form));
    expect(
      await db.proposal.findMany({
        where: { paperId: w.paper.id },
        orderBy: { number: "asc" },
        select: { number: true, kind: true, position: true },
      }),
    ).toEqual([
      { number: 1, kind: "AMEND_SECTION", position: null },
      { number: 2, kind: "ADD_SECTION", position: 2 },
      { number: 3, kind: "REMOVE_SECTION", position: null },
      { number: 4, kind: "RETITLE", position: null },
    ]);
    expect(fieldErrors(ZProposal.safeParse({ ...common, kind: "ACCEPT_COMMISSION", sectionId: s0!.id }))).toEqual({
      kind: "Choose what kind of change you propose.",
    });
    expect(
      fieldErrors(
        ZProposal.safeParse({
          ...common,
          kind: "AMEND_SECTION",
          sectionId: s0!.id,
          heading: "",
          body: " ",
          rationale: "short",
        }),
      ),
    ).toEqual({
      heading: "Heading is required.",
      body: "Section text is required.",
      rationale: "The rationale must be at least 10 characters.",
    });
  });

  it("a vote form's choice must be support, oppose or abstain", async () => {
    const w = await makeWorld();
    await castVote(
      w.actor("member"),
      ZVote.parse({ proposalId: w.proposalId, version: "1", choice: "ABSTAIN", reason: "  Not sure yet.  " }),
    );
    expect(
      await db.vote.findFirstOrThrow({ where: { proposalId: w.proposalId }, select: { choice: true, reason: true } }),
    ).toEqual({ choice: "ABSTAIN", reason: "Not sure yet." });
    expect(fieldErrors(ZVote.safeParse({ proposalId: w.proposalId, version: "1", choice: "MAYBE" }))).toEqual({
      choice: "Choose support, oppose or abstain.",
    });
    expect(fieldErrors(ZVote.safeParse({ proposalId: w.proposalId, version: "0", choice: "SUPPORT" }))).toEqual({
      version: "Unknown version.",
    });
  });

  it("decision rules parse from their form within bounds; a publication threshold below the threshold is refused and nothing is written", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    const form = {
      paperId: w.paper.id,
      votingPeriodHours: "24",
      quorum: "2",
      thresholdPercent: "70",
      publishThresholdPercent: "80",
      requireBothPerspectives: "on",
    };
    expect(
      fieldErrors(
        ZDecisionRules.safeParse({
          ...form,
          votingPeriodHours: "0",
          quorum: "0",
          thresholdPercent: "49",
          publishThresholdPercent: "101",
        }),
      ),
    ).toEqual({
      votingPeriodHours: "The voting period must be at least 1.",
      quorum: "The quorum must be at least 1.",
      thresholdPercent: "The threshold must be at least 50.",
      publishThresholdPercent: "The publication threshold can be at most 100.",
    });
    const before = await paperStateOf(w.paper.id);
    const error = await appError(
      updateDecisionRules(w.actor("owner"), ZDecisionRules.parse({ ...form, publishThresholdPercent: "65" })),
    );
    expect(error).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { publishThresholdPercent: "Publishing should need at least as much support as other proposals." },
    });
    expect(await paperStateOf(w.paper.id)).toEqual(before);
    await updateDecisionRules(w.actor("owner"), ZDecisionRules.parse(form));
    expect(await paperRow(w.paper.id)).toMatchObject({
      votingPeriodHours: 24,
      quorum: 2,
      thresholdPercent: 70,
      publishThresholdPercent: 80,
      requireBothPerspectives: true,
    });
  });

  it("a section added past the end is a field error on the position", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    const before = await paperStateOf(w.paper.id);
    const error = await appError(
      createProposal(w.actor("member"), addSection(w.paper, 5, "Housing", "Pay rent directly.")),
    );
    expect(error).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { position: "The paper has 3 sections; choose a position from 1 to 4." },
    });
    expect(await paperStateOf(w.paper.id)).toEqual(before);
  });

  it("a paper that fails halfway through being written leaves nothing behind", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    const before = await groupPapersState(w.group.id);
    // The second section's body is not text: the paper and first section are already written when it fails.
    const broken = {
      groupId: w.group.id,
      ...front,
      title: "Half-written paper",
      sections: [
        { heading: "Length", body: "Four weeks." },
        { heading: "Appeals", body: null as unknown as string },
      ],
    };
    await expect(createPaper(w.actor("member"), broken)).rejects.toThrow();
    expect(await groupPapersState(w.group.id)).toEqual(before);
    expect(await db.paper.count({ where: { title: "Half-written paper" } })).toBe(0);
  });

  it("an editorial fix form needs a reason", () => {
    const result = ZEditorialFix.safeParse({
      paperId: UNKNOWN_ID,
      sectionId: UNKNOWN_ID,
      baseRevision: "1",
      heading: "H",
      body: "B",
      reason: "",
    });
    expect(fieldErrors(result)).toEqual({ reason: "The reason must be at least 3 characters." });
  });
});

// ---------------------------------------------------------------------------
// createPaper
// ---------------------------------------------------------------------------

describe("createPaper", () => {
  const input = (
    groupId: string,
    title = "Faster benefit payments",
    sections = [{ heading: "Payments", body: "Pay benefits weekly." }],
  ) => ({
    groupId,
    title,
    question: "How should claimants be paid while they wait?",
    summary: "Pay sooner.",
    sections,
  });

  it("writes the paper, its sections and revision 1: the starter's first draft, with a snapshot of it", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    const sections = [
      { heading: "Payments", body: "Pay benefits weekly. Claimants wait too long." },
      { heading: "Appeals & reviews", body: "Appeals take months." },
    ];
    const { paperId, slug, groupSlug } = await createPaper(
      w.actor("member"),
      input(w.group.id, "Faster benefit payments", sections),
    );
    expect({ slug, groupSlug }).toEqual({ slug: "faster-benefit-payments", groupSlug: w.group.slug });
    expect(await paperRow(paperId)).toMatchObject({
      groupId: w.group.id,
      createdById: w.member.id,
      status: "DRAFTING",
      revisionNumber: 1,
      proposalCount: 0,
      // The defaults the page shows until an owner changes them.
      votingPeriodHours: 72,
      quorum: 3,
      thresholdPercent: 60,
      publishThresholdPercent: 67,
      requireBothPerspectives: false,
    });
    const stored = await db.section.findMany({ where: { paperId }, orderBy: { position: "asc" } });
    expect(stored.map((s) => [s.position, s.anchor, s.heading, s.body])).toEqual([
      [1, "payments", "Payments", sections[0]!.body],
      [2, "appeals-reviews", "Appeals & reviews", sections[1]!.body],
    ]);
    // Every word of the first draft comes from revision 1.
    for (const s of stored)
      expect(passagesOf(s.body, parseRuns(s.provenance))).toEqual([{ revision: 1, text: s.body }]);
    const revisions = await db.revision.findMany({ where: { paperId } });
    expect(revisions).toMatchObject([
      {
        number: 1,
        kind: "INITIAL",
        authorId: w.member.id,
        proposalId: null,
        snapshot: {
          title: "Faster benefit payments",
          question: "How should claimants be paid while they wait?",
          summary: "Pay sooner.",
          sections: stored.map((s) => ({ id: s.id, anchor: s.anchor, heading: s.heading, body: s.body })),
        },
      },
    ]);
    expect((await db.group.findUniqueOrThrow({ where: { id: w.group.id } })).paperCount).toBe(2);
    await expectHistoryConsistent(paperId);
  });

  it("slugs are unique within a group: the same title twice gets “-2”, and another group may use it too", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    const other = await makeGroup(w.owner);
    const first = await createPaper(w.actor("member"), input(w.group.id, "Housing costs"));
    const second = await createPaper(w.actor("author"), input(w.group.id, "Housing costs"));
    const elsewhere = await createPaper(w.actor("owner"), input(other.id, "Housing costs"));
    expect([first.slug, second.slug, elsewhere.slug]).toEqual(["housing-costs", "housing-costs-2", "housing-costs"]);
  });

  it("two papers with the same title started at once both get a slug", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    // Each looks up the slugs taken in Paper: the barrier holds both there, so both see the title free.
    const { results, overlapped } = await raceBehindTableLock(
      "Paper",
      [
        () => createPaper(w.actor("member"), input(w.group.id, "Same title")),
        () => createPaper(w.actor("author"), input(w.group.id, "Same title")),
      ],
      2,
    );
    expect(overlapped).toBe(2);
    const created = results.map((r) => {
      if (r.status === "rejected") throw r.reason;
      return r.value;
    });
    expect(created.map((r) => r.slug).sort()).toEqual(["same-title", "same-title-2"]);
    expect((await db.group.findUniqueOrThrow({ where: { id: w.group.id } })).paperCount).toBe(3);
  });

  it("sections with the same heading get distinct anchors", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    const { paperId } = await createPaper(
      w.actor("member"),
      input(w.group.id, "Costs", [
        { heading: "Costs", body: "One." },
        { heading: "Costs", body: "Two." },
        { heading: "Costs!", body: "Three." },
      ]),
    );
    expect((await liveSections(paperId)).map((s) => s.anchor)).toEqual(["costs", "costs-2", "costs-3"]);
  });
});

// ---------------------------------------------------------------------------
// updateDecisionRules
// ---------------------------------------------------------------------------

describe("updateDecisionRules", () => {
  const rules = (
    paperId: string,
    changes: Partial<{
      votingPeriodHours: number;
      quorum: number;
      thresholdPercent: number;
      publishThresholdPercent: number;
      requireBothPerspectives: boolean;
    }> = {},
  ) => ({
    paperId,
    votingPeriodHours: 72,
    quorum: 3,
    thresholdPercent: 60,
    publishThresholdPercent: 67,
    requireBothPerspectives: false,
    ...changes,
  });

  it("logs the change in the open, with the rules before and after", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    await updateDecisionRules(w.actor("owner"), rules(w.paper.id, { quorum: 5, requireBothPerspectives: true }));
    expect(
      await db.moderationAction.findMany({
        where: { groupId: w.group.id },
        select: { kind: true, actorId: true, subjectId: true, details: true },
      }),
    ).toEqual([
      {
        kind: "CHANGE_PAPER_RULES",
        actorId: w.owner.id,
        subjectId: null,
        details: {
          paperId: w.paper.id,
          paperTitle: w.paper.title,
          before: {
            votingPeriodHours: 72,
            quorum: 3,
            thresholdPercent: 60,
            publishThresholdPercent: 67,
            requireBothPerspectives: false,
          },
          after: {
            votingPeriodHours: 72,
            quorum: 5,
            thresholdPercent: 60,
            publishThresholdPercent: 67,
            requireBothPerspectives: true,
          },
        },
      },
    ]);
  });

  it("applies to proposals opened afterwards; open proposals keep the rules they opened under", async () => {
    const w = await makeWorld();
    const before = await proposalRow(w.proposalId);
    await updateDecisionRules(
      w.actor("owner"),
      rules(w.paper.id, {
        votingPeriodHours: 2,
        quorum: 1,
        thresholdPercent: 90,
        publishThresholdPercent: 95,
        requireBothPerspectives: true,
      }),
    );
    expect(await proposalRow(w.proposalId)).toMatchObject({
      quorum: 3,
      thresholdPercent: 60,
      requireBothPerspectives: false,
      closesAt: before.closesAt,
    });
    const { id } = await createProposal(w.actor("member"), retitle(w.paper, "Pay claimants sooner"));
    const after = await proposalRow(id);
    expect(after).toMatchObject({ quorum: 1, thresholdPercent: 90, requireBothPerspectives: true });
    expect(Math.abs(after.closesAt.getTime() - (Date.now() + 2 * HOUR))).toBeLessThan(60_000);
  });

  it("refuses a form that changes nothing", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    expect(await appError(updateDecisionRules(w.actor("owner"), rules(w.paper.id)))).toMatchObject({
      code: "VALIDATION",
      message: "Nothing changed.",
    });
    expect(await db.moderationAction.count({ where: { groupId: w.group.id } })).toBe(0);
  });
});

// ---------------------------------------------------------------------------
// makeEditorialFix
// ---------------------------------------------------------------------------

describe("makeEditorialFix", () => {
  const fix = (w: World, body: string, options: { heading?: string; baseRevision?: number; reason?: string } = {}) => {
    const s = w.paper.sections[1]!;
    return {
      paperId: w.paper.id,
      sectionId: s.id,
      baseRevision: options.baseRevision ?? 1,
      heading: options.heading ?? s.heading,
      body,
      reason: options.reason ?? "Typo",
    };
  };

  it("a small fix is a revision of kind EDITORIAL with its reason, and is logged as EDITORIAL_FIX", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    const s = w.paper.sections[1]!;
    const body = s.body.replace("Many people", "Many claimants");
    expect(await makeEditorialFix(w.actor("moderator"), fix(w, body, { reason: "Clearer word" }))).toEqual({
      revision: 2,
    });
    expect(await db.section.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({
      body,
      heading: s.heading,
      anchor: s.anchor,
    });
    expect(
      await db.revision.findUniqueOrThrow({ where: { paperId_number: { paperId: w.paper.id, number: 2 } } }),
    ).toMatchObject({
      kind: "EDITORIAL",
      authorId: w.moderator.id,
      reason: "Clearer word",
      proposalId: null,
    });
    expect(
      await db.moderationAction.findMany({
        where: { groupId: w.group.id },
        select: { kind: true, actorId: true, reason: true, details: true },
      }),
    ).toEqual([
      {
        kind: "EDITORIAL_FIX",
        actorId: w.moderator.id,
        reason: "Clearer word",
        details: {
          paperId: w.paper.id,
          sectionId: s.id,
          paperTitle: w.paper.title,
          sectionHeading: s.heading,
          revision: 2,
          wordsChanged: 2,
        },
      },
    ]);
    // The fixed word (and the space after it) belongs to revision 2, the rest to revision 1.
    const section = await db.section.findUniqueOrThrow({ where: { id: s.id } });
    expect(passagesOf(section.body, parseRuns(section.provenance)).map((p) => p.revision)).toEqual([1, 2, 1]);
    expect(passagesOf(section.body, parseRuns(section.provenance))[1]).toEqual({ revision: 2, text: "claimants " });
    await expectHistoryConsistent(w.paper.id);
  });

  it("a heading fix keeps the section's anchor, so links to it still work", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    const s = w.paper.sections[1]!;
    await makeEditorialFix(w.actor("owner"), fix(w, s.body, { heading: "Assesments" }));
    await makeEditorialFix(w.actor("owner"), fix(w, s.body, { heading: "Assessment of need", baseRevision: 2 }));
    expect(await db.section.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({
      heading: "Assessment of need",
      anchor: "assessments",
    });
  });

  it("refuses a fix of more than 30 words, saying so, and writes nothing", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    const before = await paperStateOf(w.paper.id);
    const s = w.paper.sections[1]!;
    const longer = `${s.body} ${Array.from({ length: 31 }, (_, i) => `word${i}`).join(" ")}`;
    const error = await appError(makeEditorialFix(w.actor("moderator"), fix(w, longer)));
    expect(error).toMatchObject({
      code: "VALIDATION",
      message:
        "Editorial fixes are for small corrections: this one changes more than 30 words, and the limit is 30. Propose larger changes so that the group can vote on them.",
    });
    expect(await paperStateOf(w.paper.id)).toEqual(before);
    // Exactly 30 is still small.
    const thirty = `${s.body} ${Array.from({ length: 30 }, (_, i) => `word${i}`).join(" ")}`;
    expect(await makeEditorialFix(w.actor("moderator"), fix(w, thirty))).toEqual({ revision: 2 });
  });

  it("refuses a fix made on an older revision, and one that changes nothing", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    const s = w.paper.sections[1]!;
    await makeEditorialFix(w.actor("moderator"), fix(w, s.body.replace("phone.", "telephone.")));
    const before = await paperStateOf(w.paper.id);
    const stale = await appError(
      makeEditorialFix(w.actor("owner"), fix(w, s.body.replace("Many", "Lots of"), { baseRevision: 1 })),
    );
    expect(stale).toMatchObject({
      code: "CONFLICT",
      message:
        "The paper changed while you were editing. Your text is kept below; reload the section to see the change, then fix it again.",
    });
    const same = await appError(
      makeEditorialFix(w.actor("owner"), fix(w, s.body.replace("phone.", "telephone."), { baseRevision: 2 })),
    );
    expect(same).toMatchObject({ code: "VALIDATION", message: "Nothing changed." });
    expect(await paperStateOf(w.paper.id)).toEqual(before);
  });

  it("refuses fixes to a paper that is no longer being drafted", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    await db.paper.update({ where: { id: w.paper.id }, data: { status: "ARCHIVED" } });
    const error = await appError(
      makeEditorialFix(w.actor("moderator"), fix(w, w.paper.sections[1]!.body.replace("phone.", "telephone."))),
    );
    expect(error).toMatchObject({ code: "CONFLICT", message: "This paper is archived." });
  });
});

// ---------------------------------------------------------------------------
// createProposal
// ---------------------------------------------------------------------------

const PAYMENTS = "Pay benefits weekly. Claimants wait too long.\n\nAppeals take months.";
const EVERY_WEEK = "Pay benefits every week. Claimants wait too long.\n\nAppeals take months.";
const FORTNIGHTLY = "Pay benefits fortnightly. Claimants wait too long.\n\nAppeals take months.";

/** The members of a world who may vote (the proposer among them), enough for the default quorum of 3. */
const voters = (w: World) => (["member", "moderator", "owner", "author"] as const).map((who) => w.actor(who));

describe("createProposal", () => {
  it("numbers proposals #1, #2 within each paper, and stores the change, its base and the rules it opened under", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    const other = await makePaper(w.group, w.owner);
    const s0 = w.paper.sections[0]!;
    const first = await createProposal(
      w.actor("member"),
      amend(w.paper, s0, FORTNIGHTLY, { heading: "Paying claimants" }),
    );
    const second = await createProposal(w.actor("author"), retitle(w.paper, "Pay claimants sooner"));
    const elsewhere = await createProposal(w.actor("author"), retitle(other, "Something else"));
    expect([first.number, second.number, elsewhere.number]).toEqual([1, 2, 1]);
    expect((await paperRow(w.paper.id)).proposalCount).toBe(2);
    const row = await proposalRow(first.id);
    expect(row).toMatchObject({
      kind: "AMEND_SECTION",
      sectionId: s0.id,
      authorId: w.member.id,
      status: "OPEN",
      version: 1,
      baseRevisionNumber: 1,
      baseHeading: "Payments",
      baseText: PAYMENTS,
      proposedHeading: "Paying claimants",
      proposedText: FORTNIGHTLY,
      quorum: 3,
      thresholdPercent: 60,
      requireBothPerspectives: false,
      supportCount: 0,
      closedAt: null,
    });
    expect(Math.abs(row.closesAt.getTime() - (Date.now() + 72 * HOUR))).toBeLessThan(60_000);
    expect(await proposalRow(second.id)).toMatchObject({
      baseTitle: w.paper.title,
      proposedTitle: "Pay claimants sooner",
      sectionId: null,
    });
    // Proposing changes nothing in the paper itself.
    expect((await liveSections(w.paper.id)).map((s) => s.body)).toEqual(w.paper.sections.map((s) => s.body));
  });

  it("keeps the text the proposer saw as its base: written on an older revision, it is merged three-way when it passes", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    const s0 = w.paper.sections[0]!;
    await makeEditorialFix(w.actor("moderator"), {
      paperId: w.paper.id,
      sectionId: s0.id,
      baseRevision: 1,
      heading: s0.heading,
      body: PAYMENTS.replace("take months", "take many months"),
      reason: "More precise",
    });
    // The proposer was still reading revision 1.
    const { id } = await createProposal(w.actor("member"), amend(w.paper, s0, FORTNIGHTLY, { baseRevision: 1 }));
    expect(await proposalRow(id)).toMatchObject({
      baseRevisionNumber: 1,
      baseText: PAYMENTS,
      proposedText: FORTNIGHTLY,
    });
    await voteAll(voters(w), id, "SUPPORT");
    await endVoting({ proposalIds: [id] });
    expect(await closeProposal(id)).toBe("MERGED");
    expect((await db.section.findUniqueOrThrow({ where: { id: s0.id } })).body).toBe(
      "Pay benefits fortnightly. Claimants wait too long.\n\nAppeals take many months.",
    );
    await expectHistoryConsistent(w.paper.id);
  });

  it("refuses a proposal that does not change anything", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    const before = await paperStateOf(w.paper.id);
    const message = "Your proposal does not change anything yet. Edit the text, then submit it.";
    expect(
      await appError(createProposal(w.actor("member"), amend(w.paper, w.paper.sections[0]!, PAYMENTS))),
    ).toMatchObject({ code: "VALIDATION", message });
    expect(await appError(createProposal(w.actor("member"), retitle(w.paper, w.paper.title)))).toMatchObject({
      code: "VALIDATION",
      message,
    });
    expect(await paperStateOf(w.paper.id)).toEqual(before);
  });

  it("refuses a proposal against a section that has since been removed, with a message that says so", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    const advice = w.paper.sections[2]!;
    const removal = await createProposal(w.actor("owner"), removeSection(w.paper, advice));
    await voteAll(voters(w), removal.id, "SUPPORT");
    await endVoting({ proposalIds: [removal.id] });
    expect(await closeProposal(removal.id)).toBe("MERGED");

    const before = await paperStateOf(w.paper.id);
    // The proposer opened the section while it still existed, in revision 1.
    const error = await appError(
      createProposal(w.actor("member"), amend(w.paper, advice, "Free advice in every library too.")),
    );
    expect(error).toMatchObject({
      code: "CONFLICT",
      message: "The section “Advice” no longer exists: it was removed from the paper. Your text is kept below.",
    });
    const again = await appError(createProposal(w.actor("member"), removeSection(w.paper, advice, 2)));
    expect(again.message).toBe(
      "The section “Advice” no longer exists: it was removed from the paper. Your text is kept below.",
    );
    expect(await paperStateOf(w.paper.id)).toEqual(before);
  });

  it("refuses a base revision that does not exist", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    const error = await appError(
      createProposal(w.actor("member"), amend(w.paper, w.paper.sections[0]!, FORTNIGHTLY, { baseRevision: 2 })),
    );
    expect(error).toMatchObject({
      code: "VALIDATION",
      message: "That revision of the paper does not exist. Reload the page and try again.",
    });
  });

  it("a removal approves deleting the section as it is now, whatever revision the proposer saw", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    const s2 = w.paper.sections[2]!;
    const fixed = s2.body.replace("Free advice", "Free, independent advice");
    await makeEditorialFix(w.actor("moderator"), {
      paperId: w.paper.id,
      sectionId: s2.id,
      baseRevision: 1,
      heading: s2.heading,
      body: fixed,
      reason: "Precision",
    });
    const { id } = await createProposal(w.actor("member"), removeSection(w.paper, s2, 1));
    expect(await proposalRow(id)).toMatchObject({ baseRevisionNumber: 2, baseHeading: "Advice", baseText: fixed });
  });

  it("refuses proposals on a paper that is not being drafted", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    await db.paper.update({ where: { id: w.paper.id }, data: { status: "DECLINED" } });
    expect(await appError(createProposal(w.actor("member"), retitle(w.paper, "Pay claimants sooner")))).toMatchObject({
      code: "CONFLICT",
      message: "The group declined this paper.",
    });
  });
});

// ---------------------------------------------------------------------------
// editProposal and withdrawProposal
// ---------------------------------------------------------------------------

describe("editProposal", () => {
  const edit = (w: World, body: string, options: { rationale?: string; baseRevision?: number } = {}) =>
    editProposal(w.actor("author"), {
      ...amend(w.paper, w.paper.sections[0]!, body, options),
      proposalId: w.proposalId,
    });

  it("a new text is a new version: the votes on the old one stop counting, their voters are told, and voting runs a full period again", async () => {
    const w = await makeWorld();
    await castVote(w.actor("member"), { proposalId: w.proposalId, version: 1, choice: "SUPPORT", reason: "" });
    await castVote(w.actor("owner"), { proposalId: w.proposalId, version: 1, choice: "OPPOSE", reason: "" });
    await castVote(w.actor("moderator"), { proposalId: w.proposalId, version: 1, choice: "SUPPORT", reason: "" });
    await castVote(w.actor("author"), { proposalId: w.proposalId, version: 1, choice: "SUPPORT", reason: "" });
    await db.proposal.update({ where: { id: w.proposalId }, data: { closesAt: new Date(Date.now() + HOUR) } });

    expect(
      await edit(w, "Pay benefits every week, on the same day. Claimants wait too long.\n\nAppeals take months."),
    ).toEqual({ id: w.proposalId, version: 2, votesReset: true });
    const row = await expectTallyMatchesVotes(w.proposalId);
    expect(row).toMatchObject({
      version: 2,
      status: "OPEN",
      supportCount: 0,
      opposeCount: 0,
      abstainCount: 0,
      practitionerSupportCount: 0,
      serviceUserSupportCount: 0,
    });
    expect(Math.abs(row.closesAt.getTime() - (Date.now() + 72 * HOUR))).toBeLessThan(60_000);
    const told = {
      kind: "PROPOSAL_CHANGED",
      text: `Proposal #1 on “${w.paper.title}” changed after you voted. Your vote no longer counts: read the new text and vote again.`,
      url: `/proposals/${w.proposalId}`,
    };
    for (const who of ["member", "owner", "moderator"] as const)
      expect(await notificationsOf(w[who].id)).toEqual([told]);
    expect(await notificationsOf(w.author.id)).toEqual([]);

    // A vote on the old text is refused; a vote on the new one counts, alone.
    expect(
      await appError(
        castVote(w.actor("member"), { proposalId: w.proposalId, version: 1, choice: "SUPPORT", reason: "" }),
      ),
    ).toMatchObject({
      code: "CONFLICT",
      message: "The proposal changed after you opened it. Read the new text, then vote again.",
    });
    await castVote(w.actor("member"), { proposalId: w.proposalId, version: 2, choice: "SUPPORT", reason: "" });
    expect(await expectTallyMatchesVotes(w.proposalId)).toMatchObject({ supportCount: 1, opposeCount: 0 });
    // When it closes, the three old votes do not make up the quorum.
    await endVoting({ proposalIds: [w.proposalId] });
    expect(await closeProposal(w.proposalId)).toBe("REJECTED");
    expect((await proposalRow(w.proposalId)).statusNote).toBe("1 of at least 3 votes cast.");
  });

  it("a new rationale alone keeps the version and the votes, and tells no one", async () => {
    const w = await makeWorld();
    await voteAll([w.actor("member"), w.actor("owner")], w.proposalId, "SUPPORT");
    expect(await edit(w, EVERY_WEEK, { rationale: "Weekly payments match how rent is paid." })).toEqual({
      id: w.proposalId,
      version: 1,
      votesReset: false,
    });
    expect(await proposalRow(w.proposalId)).toMatchObject({
      version: 1,
      supportCount: 2,
      rationale: "Weekly payments match how rent is paid.",
    });
    expect(await db.notification.count({ where: { userId: { in: [w.member.id, w.owner.id] } } })).toBe(0);
  });

  it("refuses an edit that changes nothing, or changes what the proposal is about", async () => {
    const w = await makeWorld();
    const before = await paperStateOf(w.paper.id);
    expect(await appError(edit(w, EVERY_WEEK))).toMatchObject({ code: "VALIDATION", message: "Nothing changed." });
    const otherKind = await appError(
      editProposal(w.actor("author"), { ...retitle(w.paper, "Pay claimants sooner"), proposalId: w.proposalId }),
    );
    const otherSection = await appError(
      editProposal(w.actor("author"), {
        ...amend(w.paper, w.paper.sections[1]!, "Assess in person."),
        proposalId: w.proposalId,
      }),
    );
    for (const error of [otherKind, otherSection]) {
      expect(error).toMatchObject({
        code: "VALIDATION",
        message: "A proposal's kind and section cannot change; withdraw it and make a new one instead.",
      });
    }
    expect(await paperStateOf(w.paper.id)).toEqual(before);
  });

  it("refuses edits once voting has ended, and after the proposal closed", async () => {
    const w = await makeWorld();
    await endVoting({ proposalIds: [w.proposalId] });
    expect(await appError(edit(w, FORTNIGHTLY))).toMatchObject({
      code: "CONFLICT",
      message: "Voting on this proposal has closed, so it can no longer be edited.",
    });
    await closeProposal(w.proposalId);
    expect(await appError(edit(w, FORTNIGHTLY))).toMatchObject({
      code: "CONFLICT",
      message: "This proposal is closed and can no longer be edited.",
    });
    expect(await proposalRow(w.proposalId)).toMatchObject({ status: "REJECTED", version: 1 });
  });

  it("updating a proposal marked “needs update” reopens it for a new vote, and it can then pass", async () => {
    const w = await makeWorld();
    const rival = await createProposal(w.actor("member"), amend(w.paper, w.paper.sections[0]!, FORTNIGHTLY));
    await voteAll(voters(w), w.proposalId, "SUPPORT");
    await voteAll(voters(w), rival.id, "SUPPORT");
    await endVoting({ paperId: w.paper.id });
    // The rival closes first; the world's proposal changed the same word.
    expect(await closeProposal(rival.id)).toBe("MERGED");
    expect(await closeProposal(w.proposalId)).toBe("NEEDS_UPDATE");

    const updated = "Pay benefits fortnightly, on a fixed day. Claimants wait too long.\n\nAppeals take months.";
    expect(await edit(w, updated, { baseRevision: 2 })).toEqual({ id: w.proposalId, version: 2, votesReset: true });
    const row = await proposalRow(w.proposalId);
    expect(row).toMatchObject({
      status: "OPEN",
      statusNote: null,
      closedAt: null,
      version: 2,
      supportCount: 0,
      baseRevisionNumber: 2,
      baseText: FORTNIGHTLY,
      proposedText: updated,
    });
    expect(row.closesAt.getTime()).toBeGreaterThan(Date.now() + 71 * HOUR);

    await voteAll(voters(w), w.proposalId, "SUPPORT", 2);
    await endVoting({ proposalIds: [w.proposalId] });
    expect(await closeProposal(w.proposalId)).toBe("MERGED");
    expect((await db.section.findUniqueOrThrow({ where: { id: w.paper.sections[0]!.id } })).body).toBe(updated);
    await expectHistoryConsistent(w.paper.id);
  });
});

describe("withdrawProposal", () => {
  it("withdraws the proposal, tells its voters, and voting stops", async () => {
    const w = await makeWorld();
    await voteAll([w.actor("member"), w.actor("owner")], w.proposalId, "SUPPORT");
    await withdrawProposal(w.actor("author"), { proposalId: w.proposalId });
    const row = await proposalRow(w.proposalId);
    expect(row).toMatchObject({ status: "WITHDRAWN", statusNote: "Withdrawn by the proposer." });
    expect(row.closedAt).toBeInstanceOf(Date);
    for (const who of ["member", "owner"] as const) {
      expect(await notificationsOf(w[who].id)).toEqual([
        {
          kind: "PROPOSAL_CLOSED",
          text: `Proposal #1 on “${w.paper.title}” was withdrawn by its proposer.`,
          url: `/proposals/${w.proposalId}`,
        },
      ]);
    }
    expect(
      await appError(
        castVote(w.actor("moderator"), { proposalId: w.proposalId, version: 1, choice: "SUPPORT", reason: "" }),
      ),
    ).toMatchObject({
      code: "CONFLICT",
      message: "Voting on this proposal has closed.",
    });
    expect(await appError(withdrawProposal(w.actor("author"), { proposalId: w.proposalId }))).toMatchObject({
      code: "CONFLICT",
      message: "This proposal is already closed.",
    });
    await endVoting({ proposalIds: [w.proposalId] });
    expect(await closeProposal(w.proposalId)).toBe("NOT_DUE");
  });

  it("once voting has ended the group's decision stands: the proposer can no longer withdraw it", async () => {
    const w = await makeWorld();
    await voteAll(voters(w), w.proposalId, "SUPPORT");
    await endVoting({ proposalIds: [w.proposalId] });
    const before = await paperStateOf(w.paper.id);
    expect(await appError(withdrawProposal(w.actor("author"), { proposalId: w.proposalId }))).toMatchObject({
      code: "CONFLICT",
      message: "Voting on this proposal has closed, so it can no longer be withdrawn.",
    });
    expect(await paperStateOf(w.paper.id)).toEqual(before);
    expect(await closeProposal(w.proposalId)).toBe("MERGED");
  });

  it("a proposal marked “needs update” can be withdrawn too", async () => {
    const w = await makeWorld();
    await db.proposal.update({ where: { id: w.proposalId }, data: { status: "NEEDS_UPDATE", closedAt: new Date() } });
    await withdrawProposal(w.actor("author"), { proposalId: w.proposalId });
    expect((await proposalRow(w.proposalId)).status).toBe("WITHDRAWN");
  });
});

// ---------------------------------------------------------------------------
// castVote
// ---------------------------------------------------------------------------

describe("castVote", () => {
  it("changing one's vote updates the one row, and the tallies follow", async () => {
    const w = await makeWorld();
    const vote = (choice: "SUPPORT" | "OPPOSE" | "ABSTAIN", reason = "") =>
      castVote(w.actor("member"), { proposalId: w.proposalId, version: 1, choice, reason });
    await vote("SUPPORT", "Weekly helps.");
    expect(await expectTallyMatchesVotes(w.proposalId)).toMatchObject({
      supportCount: 1,
      opposeCount: 0,
      serviceUserSupportCount: 1,
    });
    await vote("OPPOSE", "On reflection, no.");
    expect(await expectTallyMatchesVotes(w.proposalId)).toMatchObject({
      supportCount: 0,
      opposeCount: 1,
      serviceUserSupportCount: 0,
      serviceUserOpposeCount: 1,
    });
    await vote("ABSTAIN");
    expect(await expectTallyMatchesVotes(w.proposalId)).toMatchObject({
      supportCount: 0,
      opposeCount: 0,
      abstainCount: 1,
    });
    expect(
      await db.vote.findMany({
        where: { proposalId: w.proposalId },
        select: { userId: true, choice: true, reason: true },
      }),
    ).toEqual([{ userId: w.member.id, choice: "ABSTAIN", reason: "" }]);
  });

  it("tallies by perspective: “both” counts on each side, and a later change of profile does not move a vote", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    const { id } = await createProposal(w.actor("author"), retitle(w.paper, "Pay claimants sooner"));
    const [practitioner] = await members(w, "PRACTITIONER", 1);
    const [serviceUser] = await members(w, "SERVICE_USER", 1);
    const [both] = await members(w, "BOTH", 1);
    const [other] = await members(w, "OTHER", 1);
    await voteAll([practitioner!, both!, other!], id, "SUPPORT");
    await voteAll([serviceUser!], id, "OPPOSE");
    const tally = {
      supportCount: 3,
      opposeCount: 1,
      abstainCount: 0,
      practitionerSupportCount: 2,
      practitionerOpposeCount: 0,
      serviceUserSupportCount: 1,
      serviceUserOpposeCount: 1,
    };
    expect(await expectTallyMatchesVotes(id)).toMatchObject(tally);
    await db.profile.update({ where: { userId: other!.id }, data: { perspective: "SERVICE_USER" } });
    await voteAll([w.actor("owner")], id, "ABSTAIN");
    expect(await expectTallyMatchesVotes(id)).toMatchObject({ ...tally, abstainCount: 1 });
  });

  it("refuses a vote on a version the voter did not read", async () => {
    const w = await makeWorld();
    const error = await appError(
      castVote(w.actor("member"), { proposalId: w.proposalId, version: 2, choice: "SUPPORT", reason: "" }),
    );
    expect(error).toMatchObject({
      code: "CONFLICT",
      message: "The proposal changed after you opened it. Read the new text, then vote again.",
    });
    expect(await db.vote.count({ where: { proposalId: w.proposalId } })).toBe(0);
  });

  it("refuses a vote once the period has ended, before anyone has closed the proposal, and after", async () => {
    const w = await makeWorld();
    await endVoting({ proposalIds: [w.proposalId] });
    const before = await paperStateOf(w.paper.id);
    const late = () =>
      castVote(w.actor("member"), { proposalId: w.proposalId, version: 1, choice: "SUPPORT", reason: "" });
    expect(await appError(late())).toMatchObject({ code: "CONFLICT", message: "Voting on this proposal has closed." });
    expect(await paperStateOf(w.paper.id)).toEqual(before);
    expect((await proposalRow(w.proposalId)).status).toBe("OPEN");
    await closeProposal(w.proposalId);
    expect(await appError(late())).toMatchObject({ code: "CONFLICT", message: "Voting on this proposal has closed." });
    expect(await db.vote.count({ where: { proposalId: w.proposalId } })).toBe(0);
  });
});

// ---------------------------------------------------------------------------
// Closing and merging
// ---------------------------------------------------------------------------

describe("closeProposal", () => {
  it("without a quorum it is REJECTED with the reason, and the voters and proposer are told", async () => {
    const w = await makeWorld();
    await voteAll([w.actor("member"), w.actor("owner")], w.proposalId, "SUPPORT");
    await endVoting({ proposalIds: [w.proposalId] });
    const before = await paperStateOf(w.paper.id);
    expect(await closeProposal(w.proposalId)).toBe("REJECTED");
    const row = await proposalRow(w.proposalId);
    expect(row).toMatchObject({ status: "REJECTED", statusNote: "2 of at least 3 votes cast." });
    expect(row.closedAt).toBeInstanceOf(Date);
    // The reason is told with the outcome.
    const text = `Proposal #1 on “${w.paper.title}” closed without passing. 2 of at least 3 votes cast.`;
    for (const who of ["member", "owner", "author"] as const)
      expect(await notificationsOf(w[who].id)).toEqual([
        { kind: "PROPOSAL_CLOSED", text, url: `/proposals/${w.proposalId}` },
      ]);
    // The paper is untouched.
    const after = await paperStateOf(w.paper.id);
    expect({ sections: after.sections, revisions: after.revisions, paper: after.paper }).toEqual({
      sections: before.sections,
      revisions: before.revisions,
      paper: before.paper,
    });
  });

  it("below the threshold it is REJECTED, saying how much support it had", async () => {
    const w = await makeWorld();
    await voteAll([w.actor("member")], w.proposalId, "SUPPORT");
    await voteAll([w.actor("owner"), w.actor("moderator")], w.proposalId, "OPPOSE");
    await endVoting({ proposalIds: [w.proposalId] });
    expect(await closeProposal(w.proposalId)).toBe("REJECTED");
    expect((await proposalRow(w.proposalId)).statusNote).toBe("33.3% support among those who took a side; 60% needed.");
  });

  it("when it passes it is MERGED: the section takes its text, and revision 2 records the proposal", async () => {
    const w = await makeWorld();
    await voteAll([w.actor("member"), w.actor("owner"), w.actor("moderator")], w.proposalId, "SUPPORT");
    await voteAll([w.actor("author")], w.proposalId, "ABSTAIN");
    await endVoting({ proposalIds: [w.proposalId] });
    expect(await closeProposal(w.proposalId)).toBe("MERGED");
    expect(await proposalRow(w.proposalId)).toMatchObject({ status: "MERGED", statusNote: "Merged as revision 2." });
    expect(await db.section.findUniqueOrThrow({ where: { id: w.paper.sections[0]!.id } })).toMatchObject({
      body: EVERY_WEEK,
      anchor: "payments",
    });
    expect(
      await db.revision.findMany({
        where: { paperId: w.paper.id, number: 2 },
        select: { kind: true, proposalId: true, authorId: true, reason: true },
      }),
    ).toEqual([{ kind: "PROPOSAL", proposalId: w.proposalId, authorId: w.author.id, reason: "" }]);
    await expectHistoryConsistent(w.paper.id);
    const text = `Proposal #1 on “${w.paper.title}” passed and was merged into the paper (revision 2).`;
    for (const who of ["member", "owner", "moderator", "author"] as const)
      expect(await notificationsOf(w[who].id)).toEqual([
        { kind: "PROPOSAL_CLOSED", text, url: `/proposals/${w.proposalId}` },
      ]);
  });

  it("a passed proposal whose change the paper already has is MERGED without an empty revision", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    const [s0] = w.paper.sections;
    const first = await createProposal(w.actor("member"), amend(w.paper, s0!, EVERY_WEEK));
    const same = await createProposal(w.actor("owner"), amend(w.paper, s0!, EVERY_WEEK));
    for (const p of [first, same])
      await voteAll([w.actor("member"), w.actor("owner"), w.actor("moderator")], p.id, "SUPPORT");
    await endVoting({ paperId: w.paper.id });
    expect(await closeDueProposals({ paperId: w.paper.id })).toEqual(["MERGED", "MERGED"]);
    expect(await proposalRow(same.id)).toMatchObject({
      status: "MERGED",
      statusNote: "Passed; the paper already had this text, so nothing needed to change.",
    });
    expect(await db.revision.count({ where: { paperId: w.paper.id } })).toBe(2);
    await expectHistoryConsistent(w.paper.id);
  });

  it("with the both-perspectives rule it needs majority support among practitioners and among service users who voted", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    await updateDecisionRules(w.actor("owner"), {
      paperId: w.paper.id,
      votingPeriodHours: 72,
      quorum: 3,
      thresholdPercent: 60,
      publishThresholdPercent: 67,
      requireBothPerspectives: true,
    });
    const practitioners = await members(w, "PRACTITIONER", 3);
    const serviceUsers = await members(w, "SERVICE_USER", 2);
    const [both] = await members(w, "BOTH", 1);
    const [s0, s1, s2] = w.paper.sections;
    const opposed = await createProposal(w.actor("member"), amend(w.paper, s0!, FORTNIGHTLY));
    const backed = await createProposal(
      w.actor("member"),
      amend(w.paper, s1!, s1!.body.replace("by phone", "in person")),
    );
    const unheard = await createProposal(w.actor("member"), amend(w.paper, s2!, s2!.body.replace("every", "each")));
    // 75% overall, but the one service user who voted opposes.
    await voteAll(practitioners, opposed.id, "SUPPORT");
    await voteAll([serviceUsers[0]!], opposed.id, "OPPOSE");
    // Service users: the one who is both and one more support, one opposes.
    await voteAll([...practitioners.slice(0, 2), both!, serviceUsers[0]!], backed.id, "SUPPORT");
    await voteAll([serviceUsers[1]!], backed.id, "OPPOSE");
    // No service user voted at all.
    await voteAll(practitioners, unheard.id, "SUPPORT");
    await endVoting({ paperId: w.paper.id });

    expect([await closeProposal(opposed.id), await closeProposal(backed.id), await closeProposal(unheard.id)]).toEqual([
      "REJECTED",
      "MERGED",
      "REJECTED",
    ]);
    expect((await proposalRow(opposed.id)).statusNote).toBe(
      "Service users: 0 support, 1 oppose — no majority in support.",
    );
    expect((await proposalRow(unheard.id)).statusNote).toBe(
      "No service users have supported or opposed yet; a majority of them must support.",
    );
    expect(await proposalRow(backed.id)).toMatchObject({
      practitionerSupportCount: 3,
      serviceUserSupportCount: 2,
      serviceUserOpposeCount: 1,
    });
  });

  it("a passed proposal whose passage was changed meanwhile is marked “needs update”: its proposer is told and nothing is overwritten", async () => {
    const w = await makeWorld();
    const rival = await createProposal(w.actor("member"), amend(w.paper, w.paper.sections[0]!, FORTNIGHTLY));
    await voteAll(voters(w), w.proposalId, "SUPPORT");
    await voteAll(voters(w), rival.id, "SUPPORT");
    await endVoting({ paperId: w.paper.id });
    expect(await closeProposal(w.proposalId)).toBe("MERGED");
    expect(await closeProposal(rival.id)).toBe("NEEDS_UPDATE");

    expect(await proposalRow(rival.id)).toMatchObject({
      status: "NEEDS_UPDATE",
      statusNote:
        "The section “Payments” changed since this proposal was written, and the same passage was changed both ways: “weekly”. Update the proposal against the current text.",
    });
    expect((await db.section.findUniqueOrThrow({ where: { id: w.paper.sections[0]!.id } })).body).toBe(EVERY_WEEK);
    await expectHistoryConsistent(w.paper.id);
    expect((await paperRow(w.paper.id)).revisionNumber).toBe(2);
    const url = `/proposals/${rival.id}`;
    expect(await notificationsOf(w.member.id)).toContainEqual({
      kind: "PROPOSAL_NEEDS_UPDATE",
      text: `Your proposal #2 on “${w.paper.title}” passed, but the text changed meanwhile; it needs updating before it can be merged.`,
      url,
    });
    expect(await notificationsOf(w.owner.id)).toContainEqual({
      kind: "PROPOSAL_CLOSED",
      text: `Proposal #2 on “${w.paper.title}” passed, but the text changed meanwhile; it needs updating before it can be merged.`,
      url,
    });
  });

  it("changes to different passages of one section are both kept", async () => {
    const w = await makeWorld();
    const rival = await createProposal(
      w.actor("member"),
      amend(w.paper, w.paper.sections[0]!, PAYMENTS.replace("take months", "take weeks")),
    );
    await voteAll(voters(w), w.proposalId, "SUPPORT");
    await voteAll(voters(w), rival.id, "SUPPORT");
    await endVoting({ paperId: w.paper.id });
    expect([await closeProposal(w.proposalId), await closeProposal(rival.id)]).toEqual(["MERGED", "MERGED"]);
    expect((await db.section.findUniqueOrThrow({ where: { id: w.paper.sections[0]!.id } })).body).toBe(
      "Pay benefits every week. Claimants wait too long.\n\nAppeals take weeks.",
    );
    expect((await expectHistoryConsistent(w.paper.id)).length).toBe(3);
  });

  it("removing a section that changed after the proposal was made needs an update; the section stays", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    const s2 = w.paper.sections[2]!;
    const { id } = await createProposal(w.actor("member"), removeSection(w.paper, s2));
    await makeEditorialFix(w.actor("moderator"), {
      paperId: w.paper.id,
      sectionId: s2.id,
      baseRevision: 1,
      heading: s2.heading,
      body: `${s2.body} And online.`,
      reason: "Missing sentence",
    });
    await voteAll(voters(w), id, "SUPPORT");
    await endVoting({ proposalIds: [id] });
    expect(await closeProposal(id)).toBe("NEEDS_UPDATE");
    expect((await proposalRow(id)).statusNote).toBe(
      "The section “Advice” changed after this proposal to remove it was written. Check that removing it still makes sense, then update the proposal.",
    );
    expect((await db.section.findUniqueOrThrow({ where: { id: s2.id } })).removedAt).toBeNull();
  });

  it("a removal takes the section out and closes the gap in the positions", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    const [s0, s1, s2] = w.paper.sections;
    const { id } = await createProposal(w.actor("member"), removeSection(w.paper, s1!));
    await voteAll(voters(w), id, "SUPPORT");
    await endVoting({ proposalIds: [id] });
    expect(await closeProposal(id)).toBe("MERGED");
    expect((await liveSections(w.paper.id)).map((s) => [s.id, s.position])).toEqual([
      [s0!.id, 1],
      [s2!.id, 2],
    ]);
    expect((await db.section.findUniqueOrThrow({ where: { id: s1!.id } })).removedAt).toBeInstanceOf(Date);
    await expectHistoryConsistent(w.paper.id);
  });

  it("an added section goes in at its position, the sections after it move down, and it gets an anchor of its own", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    const [s0, s1, s2] = w.paper.sections;
    const { id } = await createProposal(
      w.actor("member"),
      addSection(w.paper, 2, "Payments", "Second thoughts on payments."),
    );
    await voteAll(voters(w), id, "SUPPORT");
    await endVoting({ proposalIds: [id] });
    expect(await closeProposal(id)).toBe("MERGED");
    const sections = await liveSections(w.paper.id);
    expect(sections.map((s) => [s.position, s.anchor, s.heading])).toEqual([
      [1, "payments", "Payments"],
      [2, "payments-2", "Payments"],
      [3, "assessments", s1!.heading],
      [4, "advice", s2!.heading],
    ]);
    expect(sections[0]!.id).toBe(s0!.id);
    const added = await db.section.findUniqueOrThrow({ where: { id: sections[1]!.id } });
    expect(passagesOf(added.body, parseRuns(added.provenance))).toEqual([
      { revision: 2, text: "Second thoughts on payments." },
    ]);
    await expectHistoryConsistent(w.paper.id);
  });

  it("a retitle changes the paper's title, question and summary", async () => {
    const w = await makeWorld("OPEN", { proposal: false });
    const { id } = await createProposal(
      w.actor("member"),
      retitle(w.paper, "Pay claimants sooner", { summary: "Pay people within a week." }),
    );
    await voteAll(voters(w), id, "SUPPORT");
    await endVoting({ proposalIds: [id] });
    expect(await closeProposal(id)).toBe("MERGED");
    expect(await paperRow(w.paper.id)).toMatchObject({
      title: "Pay claimants sooner",
      summary: "Pay people within a week.",
      slug: w.paper.slug,
      revisionNumber: 2,
    });
    await expectHistoryConsistent(w.paper.id);
  });

  it("a proposal still open for votes, or already closed, is NOT_DUE and left alone", async () => {
    const w = await makeWorld();
    const before = await paperStateOf(w.paper.id);
    expect(await closeProposal(w.proposalId)).toBe("NOT_DUE");
    expect(await paperStateOf(w.paper.id)).toEqual(before);
    await endVoting({ proposalIds: [w.proposalId] });
    expect(await closeProposal(w.proposalId)).toBe("REJECTED");
    expect(await closeProposal(w.proposalId)).toBe("NOT_DUE");
    expect(await db.notification.count({ where: { userId: w.author.id } })).toBe(1);
  });
});

describe("provenance", () => {
  it("after merges, each passage of a section is attributed to the revision, and so the proposal, that wrote it", async () => {
    const w = await makeWorld();
    const later = await createProposal(
      w.actor("member"),
      amend(w.paper, w.paper.sections[0]!, PAYMENTS.replace("take months", "take weeks")),
    );
    await voteAll(voters(w), w.proposalId, "SUPPORT");
    await voteAll(voters(w), later.id, "SUPPORT");
    await endVoting({ paperId: w.paper.id });
    await closeProposal(w.proposalId);
    await closeProposal(later.id);

    const section = await db.section.findUniqueOrThrow({ where: { id: w.paper.sections[0]!.id } });
    expect(passagesOf(section.body, parseRuns(section.provenance))).toEqual([
      { revision: 1, text: "Pay benefits " },
      { revision: 2, text: "every week" },
      { revision: 1, text: ". Claimants wait too long.\n\nAppeals take " },
      { revision: 3, text: "weeks" },
      { revision: 1, text: "." },
    ]);
    const revisions = await db.revision.findMany({
      where: { paperId: w.paper.id },
      orderBy: { number: "asc" },
      select: { number: true, proposalId: true, authorId: true },
    });
    expect(revisions).toEqual([
      { number: 1, proposalId: null, authorId: w.author.id },
      { number: 2, proposalId: w.proposalId, authorId: w.author.id },
      { number: 3, proposalId: later.id, authorId: w.member.id },
    ]);
  });
});

// ---------------------------------------------------------------------------
// commentOnSubject
// ---------------------------------------------------------------------------

describe("commentOnSubject", () => {
  it.each(["PAPER", "SECTION", "PROPOSAL"] as const)(
    "on a %s: the first comment starts its thread, the next one replies in it",
    async (subject) => {
      const w = await makeWorld();
      const subjectId =
        subject === "PAPER" ? w.paper.id : subject === "SECTION" ? w.paper.sections[0]!.id : w.proposalId;
      const first = await commentOnSubject(w.actor("member"), { subject, subjectId, body: "Weekly matters." });
      const second = await commentOnSubject(w.actor("owner"), { subject, subjectId, body: "Agreed." });
      expect(second.threadId).toBe(first.threadId);
      const title = {
        PAPER: `Discussion: ${w.paper.title}`,
        SECTION: `${w.paper.title}: section “Payments”`,
        PROPOSAL: `${w.paper.title}: proposal #1`,
      }[subject];
      expect(await db.thread.findUniqueOrThrow({ where: { id: first.threadId } })).toMatchObject({
        subject,
        title,
        groupId: w.group.id,
        authorId: w.member.id,
        postCount: 2,
        paperId: subject === "PAPER" ? w.paper.id : null,
        sectionId: subject === "SECTION" ? subjectId : null,
        proposalId: subject === "PROPOSAL" ? subjectId : null,
      });
      expect(
        await db.post.findMany({
          where: { threadId: first.threadId },
          orderBy: { seq: "asc" },
          select: { seq: true, authorId: true },
        }),
      ).toEqual([
        { seq: 1, authorId: w.member.id },
        { seq: 2, authorId: w.owner.id },
      ]);
    },
  );

  it("subject threads stay out of the group's discussion list and its thread count", async () => {
    const w = await makeWorld();
    await commentOnSubject(w.actor("member"), { subject: "PAPER", subjectId: w.paper.id, body: "On the paper." });
    await commentOnSubject(w.actor("member"), {
      subject: "SECTION",
      subjectId: w.paper.sections[1]!.id,
      body: "On a section.",
    });
    await commentOnSubject(w.actor("member"), {
      subject: "PROPOSAL",
      subjectId: w.proposalId,
      body: "On the proposal.",
    });
    expect(await db.thread.count({ where: { groupId: w.group.id } })).toBe(3);
    expect((await db.group.findUniqueOrThrow({ where: { id: w.group.id } })).threadCount).toBe(0);
    const listed = await listGroupThreads(w.actor("member"), w.group.id, { sort: "activity", page: 1 });
    expect({ threads: listed.threads, total: listed.total }).toEqual({ threads: [], total: 0 });
  });
});
