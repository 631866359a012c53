// Deleting an account: the user row stays as a tombstone ("Former member") so threads, proposals and
// the moderation record keep working, while everything that says who the person was is erased.
import { beforeAll, describe, expect, it } from "vitest";
import { closeProposal } from "@/composition/decisions";
import { deleteAccount, deleteAccountWithPassword } from "@/composition/memberships";
import { authenticateWithPassword, updateProfile } from "@/features/accounts/mutations";
import {
  getAccountDeletionFacts,
  getPublicProfile,
  isDeletedAccount,
  listUsersForAdmin,
} from "@/features/accounts/queries";
import { ZDeleteAccount, ZDeleteAccountWithPassword, ZUpdateProfile } from "@/features/accounts/schemas";
import { createThread, editPost, replyToThread } from "@/features/discussions/mutations";
import { getPostHistory } from "@/features/discussions/queries/post-history";
import { getThreadWindow } from "@/features/discussions/queries/thread-windows";
import { addReaction } from "@/features/discussions/react-to-post";
import { ZCreateThread, ZReply } from "@/features/discussions/schemas";
import { castVote } from "@/features/proposals/cast-vote";
import { createProposal } from "@/features/proposals/mutations";
import { createAuthSession, resolveSession } from "@/server/auth/session-store";
import { db } from "@/server/db";
import { appError } from "./helpers/app-error";
import { actorOf, addMember, days, makeGroup, makeUser, type TestGroup, type TestUser } from "./helpers/factories";
import { amend, endVoting, expectTallyMatchesVotes, makePaper } from "./helpers/paper-factories";
import { raceBehindTableLock } from "./helpers/race";
import { resetDatabase } from "./helpers/reset-db";

// One reset per file: every test builds its own people, groups and threads and looks only at those.
beforeAll(resetDatabase);

const PASSWORD = "correct horse battery staple";
let ipCounter = 0;
const freshIp = () => `203.0.113.${++ipCounter % 250}`;

const deletion = (input: Record<string, unknown>) => ZDeleteAccount.parse({ understood: "on", ...input });

/**
 * Alice, the person who leaves, with a bit of everything: a thread with a reply tree, an edited
 * post, a reaction, votes with reasons and perspective, a proposal, the first revision of a paper,
 * memberships of three kinds, a session, an OAuth link, a data export and notifications both ways.
 */
async function aliceWorld(options: { suspendedUntil?: Date } = {}) {
  const owner = await makeUser({ perspective: "PRACTITIONER", displayName: "Olive Owner" });
  // Alice takes part first; a suspension (options) comes after, at the end of the set-up.
  const alice = await makeUser({ password: PASSWORD, perspective: "SERVICE_USER", displayName: "Alice Example" });
  const bob = await makeUser({ perspective: "PRACTITIONER", displayName: "Bob Replier" });
  const group = await makeGroup(owner, { name: "Housing benefit" });
  const other = await makeGroup(owner, { name: "Advice services" });
  const approval = await makeGroup(owner, { name: "Closed circle", joinPolicy: "APPROVAL" });
  await addMember(group, alice);
  await addMember(group, bob);
  await addMember(other, alice, "MODERATOR");
  await addMember(approval, alice, "MEMBER", "PENDING", { requestNote: "I rent privately in Leeds." });
  await db.profile.update({
    where: { userId: alice.id },
    data: {
      bio: "Single parent, two kids.",
      fieldDetail: "universal credit claimant",
      organisationName: "Tenants' Union",
      sector: "HOUSING",
    },
  });

  // The discussion: Alice opens, Bob replies to her, Alice answers Bob (a reply tree three deep).
  const aliceActor = actorOf(alice);
  const { threadId, postId: openingId } = await createThread(
    aliceActor,
    ZCreateThread.parse({
      groupId: group.id,
      title: "Waiting for the first payment",
      body: "We waited **six weeks** for the first payment.",
    }),
  );
  const { postId: bobReplyId } = await replyToThread(
    actorOf(bob),
    ZReply.parse({ threadId, parentId: openingId, body: `Same here, @${alice.handle}.` }),
  );
  const { postId: aliceAnswerId } = await replyToThread(
    aliceActor,
    ZReply.parse({ threadId, parentId: bobReplyId, body: "Did you get an advance?" }),
  );
  await editPost(aliceActor, {
    postId: openingId,
    body: "We waited **six weeks** for the first payment, with two children.",
  });
  await addReaction(aliceActor, { postId: bobReplyId, kind: "AGREE" });

  // A paper Alice started (revision 1 is hers), a proposal of Olive's that Alice and Bob voted on
  // and the group has decided, another that they vote on while it is still open, and Alice's own.
  const paper = await makePaper(group, alice);
  const decidedProposal = await createProposal(
    actorOf(owner),
    amend(paper, paper.sections[2]!, "Advice should be free for everyone."),
  );
  await castVote(aliceActor, {
    proposalId: decidedProposal.id,
    version: 1,
    choice: "SUPPORT",
    reason: "Advice saved my tenancy.",
  });
  await castVote(actorOf(bob), { proposalId: decidedProposal.id, version: 1, choice: "OPPOSE", reason: "Who pays?" });
  await endVoting({ proposalIds: [decidedProposal.id] });
  expect(await closeProposal(decidedProposal.id)).toBe("REJECTED"); // below the quorum of 3
  const olivesProposal = await createProposal(
    actorOf(owner),
    amend(paper, paper.sections[0]!, "Pay benefits weekly. Nobody should wait six weeks."),
  );
  await castVote(aliceActor, {
    proposalId: olivesProposal.id,
    version: 1,
    choice: "SUPPORT",
    reason: "I lived through the wait.",
  });
  await castVote(actorOf(bob), {
    proposalId: olivesProposal.id,
    version: 1,
    choice: "OPPOSE",
    reason: "Costs too much.",
  });
  const alicesProposal = await createProposal(
    aliceActor,
    amend(paper, paper.sections[1]!, "Assessments should be done face to face.", { rationale: "Phones fail us." }),
  );

  const sessionId = await createAuthSession(alice.id, "Alice's phone");
  if (options.suspendedUntil) {
    await db.user.update({ where: { id: alice.id }, data: { suspendedUntil: options.suspendedUntil } });
    alice.suspendedUntil = options.suspendedUntil;
  }
  await db.oAuthAccount.create({ data: { userId: alice.id, provider: "github", providerAccountId: `gh-${alice.id}` } });
  await db.dataExport.create({
    data: { userId: alice.id, status: "READY", progress: 100, archive: Buffer.from("zip") },
  });

  return {
    owner,
    alice,
    bob,
    group,
    other,
    approval,
    paper,
    threadId,
    openingId,
    bobReplyId,
    aliceAnswerId,
    sessionId,
    /** Open with votes, open without, decided. */
    proposals: [olivesProposal.id, alicesProposal.id, decidedProposal.id],
  };
}
type World = Awaited<ReturnType<typeof aliceWorld>>;

/** What deletion must never change: proposals, revisions and the kept tallies. */
async function papersStateOf(w: World) {
  const [proposals, revisions] = await Promise.all([
    db.proposal.findMany({ where: { paperId: w.paper.id }, orderBy: { number: "asc" }, omit: { updatedAt: true } }),
    db.revision.findMany({ where: { paperId: w.paper.id }, orderBy: { number: "asc" } }),
  ]);
  return { proposals, revisions };
}

/**
 * The papers' state after deletion: as before, except that her vote on the open proposal is
 * withdrawn (a person who leaves a group has no say in its open decisions; see withdrawOpenVotes).
 */
function withHerOpenVoteWithdrawn(before: Awaited<ReturnType<typeof papersStateOf>>, openProposalId: string) {
  return {
    ...before,
    proposals: before.proposals.map((p) =>
      p.id === openProposalId
        ? { ...p, supportCount: p.supportCount - 1, serviceUserSupportCount: p.serviceUserSupportCount - 1 }
        : p,
    ),
  };
}

async function expectMemberCountsRight(...groups: TestGroup[]) {
  for (const g of groups) {
    const [group, active] = await Promise.all([
      db.group.findUniqueOrThrow({ where: { id: g.id }, select: { memberCount: true } }),
      db.membership.count({ where: { groupId: g.id, status: "ACTIVE" } }),
    ]);
    expect(group.memberCount, g.name).toBe(active);
  }
}

async function expectErased(alice: TestUser, sessionId: string) {
  const row = await db.user.findUniqueOrThrow({
    where: { id: alice.id },
    select: {
      email: true,
      passwordHash: true,
      handle: true,
      displayName: true,
      siteRole: true,
      suspendedUntil: true,
      suspensionReason: true,
      deletedAt: true,
      sessionsValidFrom: true,
      profile: true,
    },
  });
  expect(row).toMatchObject({
    email: null,
    passwordHash: null,
    displayName: "Former member",
    siteRole: "MEMBER",
    suspendedUntil: null,
    suspensionReason: null,
  });
  expect(row.handle).toMatch(/^former-[0-9a-f]{10}$/);
  expect(row.deletedAt).toBeInstanceOf(Date);
  expect(row.profile).toMatchObject({
    perspective: "OTHER",
    sector: "OTHER",
    fieldDetail: "",
    organisationName: null,
    bio: "",
    hideGroups: false,
    emailReplies: "OFF",
    emailPapers: "OFF",
  });

  // Nothing of theirs is left that belongs to a living account.
  const counts = await Promise.all([
    db.authSession.count({ where: { userId: alice.id } }),
    db.oAuthAccount.count({ where: { userId: alice.id } }),
    db.notification.count({ where: { userId: alice.id } }),
    db.notification.count({ where: { actorId: alice.id } }),
    db.threadFollow.count({ where: { userId: alice.id } }),
    db.threadRead.count({ where: { userId: alice.id } }),
    db.dataExport.count({ where: { userId: alice.id } }),
    db.membership.count({ where: { userId: alice.id } }),
    db.vote.count({ where: { userId: alice.id } }),
    db.rateLimit.count({ where: { key: { endsWith: `:${alice.id}` } } }),
    db.rateLimit.count({ where: { key: { endsWith: `:${alice.email}` } } }),
  ]);
  expect(counts).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

  // The old session no longer resolves, and the old credentials no longer sign in.
  expect(await resolveSession(sessionId)).toBeNull();
  const signIn = await appError(
    authenticateWithPassword({ email: alice.email, password: PASSWORD }, { ip: freshIp() }),
  );
  expect(signIn.code).toBe("UNAUTHENTICATED");
  expect(signIn.message).toBe("The email or password is incorrect.");
  const again = await appError(
    deleteAccountWithPassword(
      ZDeleteAccountWithPassword.parse({ email: alice.email, password: PASSWORD, posts: "keep", understood: "on" }),
      { ip: freshIp() },
    ),
  );
  expect(again.code).toBe("UNAUTHENTICATED");

  // Their page says only that the account was deleted; the old handle leads nowhere.
  expect(await getPublicProfile(row.handle, null)).toBeNull();
  expect(await isDeletedAccount(row.handle)).toBe(true);
  expect(await getPublicProfile(alice.handle, null)).toBeNull();
  expect(await isDeletedAccount(alice.handle)).toBe(false);
  return row;
}

describe("deleteAccount, keeping the posts (anonymise)", () => {
  it("erases the person, keeps their posts as by a former member, unlinks their votes on decided proposals, withdraws those on open ones, and leaves papers untouched", async () => {
    const w = await aliceWorld();
    const before = await papersStateOf(w);
    const decidedBefore = await expectTallyMatchesVotes(w.proposals[2]!);
    const revisionsBefore = await db.postRevision.count({ where: { postId: w.openingId } });
    expect(revisionsBefore).toBe(1);

    await deleteAccount(actorOf(w.alice), deletion({ posts: "keep", password: PASSWORD }));
    await expectErased(w.alice, w.sessionId);

    // The thread reads as before, with Alice's posts by no one (the page shows "Former member").
    const window = await getThreadWindow(actorOf(w.bob), w.threadId, {});
    expect(window.posts.map((p) => [p.id, p.parentId, p.status, p.author?.handle ?? null])).toEqual([
      [w.openingId, null, "VISIBLE", null],
      [w.bobReplyId, w.openingId, "VISIBLE", w.bob.handle],
      [w.aliceAnswerId, w.bobReplyId, "VISIBLE", null],
    ]);
    expect(window.posts[0]!.bodyMarkdown).toBe("We waited **six weeks** for the first payment, with two children.");
    expect(window.posts[2]!.bodyMarkdown).toBe("Did you get an advance?");
    const thread = await db.thread.findUniqueOrThrow({
      where: { id: w.threadId },
      select: { postCount: true, authorId: true },
    });
    expect(thread).toEqual({ postCount: 3, authorId: w.alice.id });
    // The edit history stays with the text it belongs to.
    expect(await db.postRevision.count({ where: { postId: w.openingId } })).toBe(revisionsBefore);
    // Her "agree" still counts.
    expect(
      (await db.post.findUniqueOrThrow({ where: { id: w.bobReplyId }, select: { agreeCount: true } })).agreeCount,
    ).toBe(1);

    // Votes on the decided proposal: still counted (with the perspective they were cast with),
    // reasons kept, no longer hers.
    const votes = await db.vote.findMany({
      where: { proposalId: w.proposals[2] },
      orderBy: { choice: "asc" },
      select: { userId: true, choice: true, reason: true, perspective: true },
    });
    expect(votes).toEqual([
      { userId: null, choice: "SUPPORT", reason: "Advice saved my tenancy.", perspective: "SERVICE_USER" },
      { userId: w.bob.id, choice: "OPPOSE", reason: "Who pays?", perspective: "PRACTITIONER" },
    ]);
    const decidedAfter = await expectTallyMatchesVotes(w.proposals[2]!);
    expect(decidedAfter.supportCount).toBe(decidedBefore.supportCount);
    expect(decidedAfter.serviceUserSupportCount).toBe(1);
    // On the open proposal her vote is withdrawn, as when anyone leaves the group; Bob's stays.
    const open = await db.vote.findMany({
      where: { proposalId: w.proposals[0] },
      select: { userId: true, choice: true },
    });
    expect(open).toEqual([{ userId: w.bob.id, choice: "OPPOSE" }]);
    expect((await expectTallyMatchesVotes(w.proposals[0]!)).supportCount).toBe(0);

    // Proposals and revisions: not a byte changed but that tally (the author link stays, shown as Former member).
    expect(await papersStateOf(w)).toEqual(withHerOpenVoteWithdrawn(before, w.proposals[0]!));
    expect(before.proposals.find((p) => p.id === w.proposals[1])!.authorId).toBe(w.alice.id);
    expect(before.revisions[0]!.authorId).toBe(w.alice.id);

    // Memberships gone, counts right; the others stay members.
    await expectMemberCountsRight(w.group, w.other, w.approval);
    expect(await db.membership.count({ where: { groupId: w.group.id, status: "ACTIVE" } })).toBe(2);

    // Bob's notification about her reply no longer names her.
    const told = await db.notification.findMany({
      where: { userId: w.bob.id, kind: "REPLY" },
      select: { text: true, actorId: true },
    });
    expect(told).toEqual([
      { text: "A former member replied to you in “Waiting for the first payment”", actorId: null },
    ]);
  });
});

describe("deleteAccount, removing the posts' text too", () => {
  it("replaces each visible post with the deletion marker, keeps the replies in place and drops edit history and vote reasons", async () => {
    const w = await aliceWorld();
    // A post moderators hid keeps its text for their record; it is not Alice's to erase one by one either.
    const { postId: hiddenId } = await replyToThread(
      actorOf({ ...w.alice, suspendedUntil: null }),
      ZReply.parse({ threadId: w.threadId, body: "Something a moderator hid." }),
    );
    await db.post.update({ where: { id: hiddenId }, data: { status: "HIDDEN", statusReason: "Under review" } });
    const before = await papersStateOf(w);
    const tallyBefore = await expectTallyMatchesVotes(w.proposals[2]!);

    await deleteAccount(actorOf(w.alice), deletion({ posts: "remove", password: PASSWORD }));
    await expectErased(w.alice, w.sessionId);

    const posts = await db.post.findMany({
      where: { threadId: w.threadId },
      orderBy: { sortKey: "asc" },
      select: {
        id: true,
        parentId: true,
        authorId: true,
        status: true,
        bodyMarkdown: true,
        bodyHtml: true,
        replyCount: true,
      },
    });
    expect(posts).toEqual([
      {
        id: w.openingId,
        parentId: null,
        authorId: w.alice.id,
        status: "DELETED",
        bodyMarkdown: "",
        bodyHtml: "",
        replyCount: 1,
      },
      {
        id: w.bobReplyId,
        parentId: w.openingId,
        authorId: w.bob.id,
        status: "VISIBLE",
        bodyMarkdown: `Same here, @${w.alice.handle}.`,
        bodyHtml: expect.any(String),
        replyCount: 1,
      },
      {
        id: w.aliceAnswerId,
        parentId: w.bobReplyId,
        authorId: w.alice.id,
        status: "DELETED",
        bodyMarkdown: "",
        bodyHtml: "",
        replyCount: 0,
      },
      {
        id: hiddenId,
        parentId: null,
        authorId: w.alice.id,
        status: "HIDDEN",
        bodyMarkdown: "Something a moderator hid.",
        bodyHtml: expect.any(String),
        replyCount: 0,
      },
    ]);

    // Readers see the markers in place, Bob's reply between them, and no text of hers anywhere.
    const window = await getThreadWindow(actorOf(w.bob), w.threadId, {});
    expect(window.posts.map((p) => [p.id, p.visibility, p.author?.handle ?? null])).toEqual([
      [w.openingId, "marker", null],
      [w.bobReplyId, "full", w.bob.handle],
      [w.aliceAnswerId, "marker", null],
      [hiddenId, "marker", null],
    ]);
    expect(JSON.stringify(window)).not.toMatch(/six weeks|advance|moderator hid/);

    // The edit history is gone with the text.
    expect(await db.postRevision.count({ where: { postId: w.openingId } })).toBe(0);
    expect((await getPostHistory(actorOf(w.bob), w.openingId)).revisions).toEqual([]);

    // Votes on the decided proposal still count, without her and without her reason; the one on
    // the open proposal is withdrawn.
    const hers = await db.vote.findFirstOrThrow({
      where: { proposalId: w.proposals[2], choice: "SUPPORT" },
      select: { userId: true, reason: true, perspective: true },
    });
    expect(hers).toEqual({ userId: null, reason: "", perspective: "SERVICE_USER" });
    expect((await expectTallyMatchesVotes(w.proposals[2]!)).supportCount).toBe(tallyBefore.supportCount);
    expect(await db.vote.count({ where: { proposalId: w.proposals[0], choice: "SUPPORT" } })).toBe(0);

    // Published and proposed text is never touched.
    expect(await papersStateOf(w)).toEqual(withHerOpenVoteWithdrawn(before, w.proposals[0]!));
    await expectMemberCountsRight(w.group, w.other, w.approval);
  });
});

describe("what stops a deletion", () => {
  it("refuses the only owner of groups, naming them, and changes nothing", async () => {
    const alice = await makeUser({ password: PASSWORD });
    const co = await makeUser();
    await makeGroup(alice, { name: "Zebra crossings" });
    await makeGroup(alice, { name: "Allotments" });
    const shared = await makeGroup(alice, { name: "Shared" });
    await addMember(shared, co, "OWNER");
    const sid = await createAuthSession(alice.id, "browser");

    expect((await getAccountDeletionFacts(actorOf(alice))).onlyOwnerOf.map((g) => g.name)).toEqual([
      "Allotments",
      "Zebra crossings",
    ]);
    const error = await appError(deleteAccount(actorOf(alice), deletion({ posts: "keep", password: PASSWORD })));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("You are the only owner of “Allotments” and “Zebra crossings”.");

    const row = await db.user.findUniqueOrThrow({ where: { id: alice.id }, select: { deletedAt: true, email: true } });
    expect(row).toEqual({ deletedAt: null, email: alice.email });
    expect(await resolveSession(sid)).not.toBeNull();
    expect(await db.membership.count({ where: { userId: alice.id } })).toBe(3);
    await expectMemberCountsRight(shared);
  });

  it("lets a co-owner go, leaving the group with its other owner", async () => {
    const alice = await makeUser({ password: PASSWORD });
    const co = await makeUser();
    const shared = await makeGroup(co);
    await addMember(shared, alice, "OWNER");
    await deleteAccount(actorOf(alice), deletion({ posts: "keep", password: PASSWORD }));
    expect(
      await db.membership.findMany({ where: { groupId: shared.id }, select: { userId: true, role: true } }),
    ).toEqual([{ userId: co.id, role: "OWNER" }]);
    await expectMemberCountsRight(shared);
  });

  it("refuses a wrong or missing password with a message on the password field, and changes nothing", async () => {
    const alice = await makeUser({ password: PASSWORD });
    const wrong = await appError(
      deleteAccount(actorOf(alice), deletion({ posts: "remove", password: "not my password" })),
    );
    expect(wrong.code).toBe("VALIDATION");
    expect(wrong.fieldErrors).toEqual({ password: "This is not your password." });
    // A blank field is caught by the schema (next to the other fields' errors); the mutation checks again.
    const blank = ZDeleteAccount.safeParse({ posts: "remove", understood: "on", password: "" });
    expect(blank.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["password", "Enter your password."],
      ["confirmHandle", "Type your username to confirm."],
    ]);
    const missing = await appError(deleteAccount(actorOf(alice), { posts: "remove", understood: "on" }));
    expect(missing.fieldErrors).toEqual({ password: "Enter your password." });
    expect(await db.user.findUniqueOrThrow({ where: { id: alice.id }, select: { deletedAt: true } })).toEqual({
      deletedAt: null,
    });
    // Guesses count towards the account's sign-in limit.
    const limit = await db.rateLimit.findUnique({
      where: { key: `signInAccount:${alice.email}` },
      select: { points: true },
    });
    expect(limit?.points).toBe(2);
  });

  it("needs a choice for the posts and the box ticked", async () => {
    const result = ZDeleteAccount.safeParse({ password: PASSWORD });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths.sort()).toEqual(["posts", "understood"]);
    expect(
      ZDeleteAccount.safeParse({ posts: "everything", understood: "on", password: PASSWORD }).error?.issues[0]?.message,
    ).toBe("Choose what happens to your posts.");
  });

  it("asks an account without a password (OAuth only) to type its username instead", async () => {
    const carol = await makeUser();
    const wrong = await appError(
      deleteAccount(actorOf(carol), deletion({ posts: "keep", confirmHandle: "someone_else" })),
    );
    expect(wrong.fieldErrors).toEqual({ confirmHandle: `Type ${carol.handle} exactly.` });
    expect((await getAccountDeletionFacts(actorOf(carol))).hasPassword).toBe(false);
    await deleteAccount(actorOf(carol), deletion({ posts: "keep", confirmHandle: carol.handle.toUpperCase() }));
    expect(
      (await db.user.findUniqueOrThrow({ where: { id: carol.id }, select: { deletedAt: true } })).deletedAt,
    ).toBeInstanceOf(Date);
  });

  it("requires a signed-in actor", async () => {
    expect((await appError(deleteAccount(null, deletion({ posts: "keep", password: PASSWORD })))).code).toBe(
      "UNAUTHENTICATED",
    );
  });
});

describe("suspended people can still leave", () => {
  it("deletes a site-suspended account, clearing the suspension", async () => {
    const w = await aliceWorld({ suspendedUntil: days(30) });
    await db.user.update({ where: { id: w.alice.id }, data: { suspensionReason: "spamming threads" } });
    await deleteAccount(actorOf(w.alice), deletion({ posts: "keep", password: PASSWORD }));
    await expectErased(w.alice, w.sessionId);
  });

  it("deletes a suspended account with email and password, without signing in", async () => {
    const dora = await makeUser({ password: PASSWORD, suspendedUntil: days(7), suspensionReason: "rude" });
    const group = await makeGroup(await makeUser());
    await addMember(group, dora);
    const sid = await createAuthSession(dora.id, "from before the suspension");

    const input = (password: string) =>
      ZDeleteAccountWithPassword.parse({
        email: dora.email.toUpperCase(),
        password,
        posts: "remove",
        understood: "on",
      });
    const wrong = await appError(deleteAccountWithPassword(input("wrong password"), { ip: freshIp() }));
    expect(wrong.message).toBe("The email or password is incorrect.");
    await deleteAccountWithPassword(input(PASSWORD), { ip: freshIp() });
    await expectErased(dora, sid);
    await expectMemberCountsRight(group);
  });
});

describe("deleting twice at once", () => {
  it("deletes once: the second request finds the account gone and the counts move once", async () => {
    const alice = await makeUser({ password: PASSWORD });
    const group = await makeGroup(await makeUser());
    await addMember(group, alice);
    const input = deletion({ posts: "keep", password: PASSWORD });
    // Started a few milliseconds apart: Prisma would batch two findUnique calls of the same tick into one query.
    const start = (i: number) => () =>
      new Promise((resolve) => setTimeout(resolve, i * 20)).then(() => deleteAccount(actorOf(alice), input));
    const { results, overlapped } = await raceBehindTableLock("User", [start(0), start(1)], 2);
    expect(overlapped).toBeGreaterThanOrEqual(2);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason.code).toBe("UNAUTHENTICATED");
    await expectMemberCountsRight(group);
    expect(
      (await db.group.findUniqueOrThrow({ where: { id: group.id }, select: { memberCount: true } })).memberCount,
    ).toBe(1);
  });
});

describe("admins see no more than they need", () => {
  it("the member list gives handles, names, roles and suspensions: no emails, no password hashes, no data exports, no deleted accounts", async () => {
    const admin = await makeUser({ siteRole: "ADMIN" });
    const erin = await makeUser({ password: PASSWORD, displayName: "Erin Listed" });
    await db.dataExport.create({ data: { userId: erin.id, status: "READY", archive: Buffer.from("private") } });
    const gone = await makeUser({ password: PASSWORD, displayName: "Gone Person" });
    await deleteAccount(actorOf(gone), deletion({ posts: "keep", password: PASSWORD }));

    const listed = await listUsersForAdmin(actorOf(admin), { query: "", page: 1 });
    for (const u of listed.users) {
      expect(Object.keys(u).sort()).toEqual([
        "createdAt",
        "displayName",
        "handle",
        "id",
        "siteRole",
        "suspendedUntil",
        "suspensionReason",
      ]);
    }
    expect(listed.users.map((u) => u.id)).toContain(erin.id);
    expect(listed.users.map((u) => u.id)).not.toContain(gone.id);
    expect(listed.users.some((u) => u.displayName === "Former member")).toBe(false);
    const text = JSON.stringify(listed);
    expect(text).not.toContain("@example.test");
    expect(text).not.toContain("$argon2");
    expect(text).not.toContain("private");
  });
});

describe("profile visibility", () => {
  it("hides the list of groups from others, not from the person", async () => {
    const fay = await makeUser();
    const viewer = await makeUser();
    const group = await makeGroup(await makeUser(), { name: "Mental health services" });
    await addMember(group, fay);
    const shown = await getPublicProfile(fay.handle, actorOf(viewer));
    expect(shown?.groups.map((g) => g.name)).toEqual(["Mental health services"]);

    await updateProfile(
      actorOf(fay),
      ZUpdateProfile.parse({ displayName: "Fay", perspective: "SERVICE_USER", sector: "HEALTH", hideGroups: "on" }),
    );
    const toOthers = await getPublicProfile(fay.handle, actorOf(viewer));
    expect(toOthers).toMatchObject({ groupsHidden: true, groups: [] });
    expect(JSON.stringify(await getPublicProfile(fay.handle, null))).not.toContain("Mental health");
    const toHerself = await getPublicProfile(fay.handle, actorOf(fay));
    expect(toHerself).toMatchObject({ groupsHidden: true, groups: [{ name: "Mental health services" }] });
  });
});
