// What a refusal gives away. Members-only content of an approval group (threads, posts, papers,
// sections, proposals, and what hangs off them: votes, reactions, reports, comments, follows) must
// be indistinguishable from content that does not exist, for every mutation that takes its id:
// an outsider gets the same NOT_FOUND, in the same words, for a real id as for a made-up one, and a
// signed-out visitor is asked to sign in either way. The matrix (authorization-matrix.test.ts) holds
// every mutation to the right code; this file holds them to revealing nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { declineCommission, proposeAcceptance } from "@/features/commissions/acceptance";
import * as discussions from "@/features/discussions/mutations";
import { getPostHistory } from "@/features/discussions/queries/post-history";
import { getThreadHeader } from "@/features/discussions/queries/threads";
import * as reactions from "@/features/discussions/react-to-post";
import * as postModeration from "@/features/moderation/post-mutations";
import * as reports from "@/features/moderation/report-mutations";
import * as threadModeration from "@/features/moderation/thread-mutations";
import { commentOnSubject } from "@/features/papers/discussion";
import * as paperMutations from "@/features/papers/paper-mutations";
import { castVote } from "@/features/proposals/cast-vote";
import * as proposals from "@/features/proposals/mutations";
import type { Actor } from "@/server/authz/permissions";
import { appError } from "./helpers/app-error";
import { makeThread } from "./helpers/discussion-factories";
import { actorOf, addMember, days, makeGroup, makeUser } from "./helpers/factories";
import { makePaper, retitle } from "./helpers/paper-factories";
import { resetDatabase } from "./helpers/reset-db";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

type Ids = {
  threadId: string;
  postId: string;
  paperId: string;
  sectionId: string;
  proposalId: string;
  otherGroupId: string;
};
type Call = (actor: Actor, ids: Ids) => Promise<unknown>;

const RULES = {
  votingPeriodHours: 24,
  quorum: 2,
  thresholdPercent: 60,
  publishThresholdPercent: 70,
  requireBothPerspectives: false,
};

const CALLS: Record<string, Call> = {
  replyToThread: (a, i) => discussions.replyToThread(a, { threadId: i.threadId, body: "Let me in." }),
  followThread: (a, i) => discussions.followThread(a, { threadId: i.threadId }),
  unfollowThread: (a, i) => discussions.unfollowThread(a, { threadId: i.threadId }),
  editPost: (a, i) => discussions.editPost(a, { postId: i.postId, body: "Changed." }),
  deletePost: (a, i) => discussions.deletePost(a, { postId: i.postId }),
  addReaction: (a, i) => reactions.addReaction(a, { postId: i.postId, kind: "AGREE" }),
  removeReaction: (a, i) => reactions.removeReaction(a, { postId: i.postId, kind: "AGREE" }),
  reportPost: (a, i) => reports.reportPost(a, { postId: i.postId, reason: "Rude." }),
  dismissReports: (a, i) => reports.dismissReports(a, { postId: i.postId }),
  hidePost: (a, i) => postModeration.hidePost(a, { postId: i.postId, reason: "Rude." }),
  featurePost: (a, i) => postModeration.featurePost(a, { postId: i.postId }),
  lockThread: (a, i) => threadModeration.lockThread(a, { threadId: i.threadId }),
  pinThread: (a, i) => threadModeration.pinThread(a, { threadId: i.threadId }),
  moveThread: (a, i) =>
    threadModeration.moveThread(a, { threadId: i.threadId, toGroupId: i.otherGroupId, reason: "Belongs there." }),
  updateDecisionRules: (a, i) => paperMutations.updateDecisionRules(a, { paperId: i.paperId, ...RULES }),
  makeEditorialFix: (a, i) =>
    paperMutations.makeEditorialFix(a, {
      paperId: i.paperId,
      sectionId: i.sectionId,
      baseRevision: 1,
      heading: "Heading",
      body: "Body.",
      reason: "Typo",
    }),
  createProposal: (a, i) => proposals.createProposal(a, retitle({ id: i.paperId }, "Another title")),
  editProposal: (a, i) =>
    proposals.editProposal(a, { ...retitle({ id: i.paperId }, "Another title"), proposalId: i.proposalId }),
  withdrawProposal: (a, i) => proposals.withdrawProposal(a, { proposalId: i.proposalId }),
  castVote: (a, i) => castVote(a, { proposalId: i.proposalId, version: 1, choice: "SUPPORT", reason: "" }),
  "commentOnSubject (paper)": (a, i) =>
    commentOnSubject(a, { subject: "PAPER", subjectId: i.paperId, body: "A comment." }),
  "commentOnSubject (section)": (a, i) =>
    commentOnSubject(a, { subject: "SECTION", subjectId: i.sectionId, body: "A comment." }),
  "commentOnSubject (proposal)": (a, i) =>
    commentOnSubject(a, { subject: "PROPOSAL", subjectId: i.proposalId, body: "A comment." }),
  proposeAcceptance: (a, i) => proposeAcceptance(a, { paperId: i.paperId, rationale: "We should." }),
  declineCommission: (a, i) => declineCommission(a, { paperId: i.paperId, reason: "Not now." }),
  // Reads that take an id answer the same way.
  getThreadHeader: (a, i) => getThreadHeader(a, i.threadId),
  getPostHistory: (a, i) => getPostHistory(a, i.postId),
};

const answer = async (call: Promise<unknown>) => {
  const error = await appError(call);
  return { code: error.code, message: error.message };
};

describe("members-only content is indistinguishable from content that does not exist", () => {
  let real: Ids;
  let madeUp: Ids;
  let outsider: NonNullable<Actor>;
  let pending: NonNullable<Actor>;
  let suspendedOutsider: NonNullable<Actor>;

  beforeAll(async () => {
    await resetDatabase();
    const owner = await makeUser();
    const group = await makeGroup(owner, { joinPolicy: "APPROVAL" });
    const elsewhere = await makeGroup(owner, { joinPolicy: "OPEN" });
    const thread = await makeThread(group, owner, { posts: 2 });
    const paper = await makePaper(group, owner);
    const proposal = await proposals.createProposal(actorOf(owner), retitle(paper, "A better title"));
    real = {
      threadId: thread.id,
      postId: thread.posts[1]!.id,
      paperId: paper.id,
      sectionId: paper.sections[0]!.id,
      proposalId: proposal.id,
      otherGroupId: elsewhere.id,
    };
    madeUp = {
      threadId: UNKNOWN,
      postId: UNKNOWN,
      paperId: UNKNOWN,
      sectionId: UNKNOWN,
      proposalId: UNKNOWN,
      otherGroupId: elsewhere.id,
    };
    outsider = actorOf(await makeUser());
    const waiting = await makeUser();
    await addMember(group, waiting, "MEMBER", "PENDING");
    pending = actorOf(waiting);
    suspendedOutsider = actorOf(await makeUser({ suspendedUntil: days(3) }));
  });

  it.each(Object.keys(CALLS))(
    "%s: an outsider, someone waiting to join and a suspended outsider learn nothing",
    async (name) => {
      const call = CALLS[name]!;
      const forMadeUp = await answer(call(outsider, madeUp));
      expect(forMadeUp.code).toBe("NOT_FOUND");
      for (const who of [outsider, pending, suspendedOutsider]) {
        expect(await answer(call(who, real))).toEqual(forMadeUp);
      }
    },
  );

  it.each(Object.keys(CALLS).filter((n) => !n.startsWith("get")))(
    "%s: a signed-out visitor is asked to sign in, whatever the id",
    async (name) => {
      const call = CALLS[name]!;
      const signIn = { code: "UNAUTHENTICATED", message: "Please sign in to do that." };
      expect(await answer(call(null, real))).toEqual(signIn);
      expect(await answer(call(null, madeUp))).toEqual(signIn);
    },
  );
});
