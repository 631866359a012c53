import { beforeAll, describe, expect, it } from "vitest";
import { leaveGroup } from "@/composition/memberships";
import {
  createThread,
  deletePost,
  editPost,
  followThread,
  markThreadRead,
  replyToThread,
} from "@/features/discussions/mutations";
import { getPostHistory } from "@/features/discussions/queries/post-history";
import {
  getKeyContributions,
  getPermalinkWindow,
  getSubtreeWindow,
  getThreadWindow,
} from "@/features/discussions/queries/thread-windows";
import { getThreadHeader, listGroupThreads, THREADS_PAGE_SIZE } from "@/features/discussions/queries/threads";
import { addReaction, removeReaction } from "@/features/discussions/react-to-post";
import { ZCreateThread, ZReply } from "@/features/discussions/schemas";
import { MAX_INLINE_DEPTH, WINDOW_SIZE } from "@/features/discussions/tree";
import { formatDate } from "@/lib/dates";
import type { Actor } from "@/server/authz/permissions";
import { accountSuspendedMessage } from "@/server/authz/refusals";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { appError } from "./helpers/app-error";
import { makeThread } from "./helpers/discussion-factories";
import { actorOf, addMember, days, makeGroup, makeUser, type TestGroup, type TestUser } from "./helpers/factories";
import { raceBehindTableLock } from "./helpers/race";
import { resetDatabase } from "./helpers/reset-db";
import { ancestorAt, makeTreeThread, randomTreeShape, type TreeThread, treeOrder } from "./helpers/thread-tree";

// One reset per file: every test builds its own users, groups and threads and looks only at those.
beforeAll(resetDatabase);

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

const WHO = [
  "anonymous",
  "outsider",
  "pending",
  "member",
  "other",
  "author",
  "moderator",
  "owner",
  "admin",
  "groupSuspended",
  "siteSuspended",
] as const;
type Who = (typeof WHO)[number];

type World = {
  group: TestGroup;
  owner: TestUser;
  moderator: TestUser;
  /** Starts the world's threads. */
  author: TestUser;
  member: TestUser;
  /** A second plain member. */
  other: TestUser;
  outsider: TestUser;
  pending: TestUser;
  /** A site admin who is not a member of the group. */
  admin: TestUser;
  /** An active member, suspended from the group. */
  groupSuspended: TestUser;
  /** An active member, suspended site-wide. */
  siteSuspended: TestUser;
  actor: (who: Who) => Actor;
};

async function makeWorld(joinPolicy: "OPEN" | "APPROVAL" = "OPEN"): Promise<World> {
  const [owner, moderator, author, member, other, outsider, pending, admin, groupSuspended, siteSuspended] =
    await Promise.all([
      makeUser(),
      makeUser(),
      makeUser(),
      makeUser(),
      makeUser(),
      makeUser(),
      makeUser(),
      makeUser({ siteRole: "ADMIN" }),
      makeUser(),
      makeUser({ suspendedUntil: days(7) }),
    ]);
  const group = await makeGroup(owner, { joinPolicy });
  await addMember(group, moderator, "MODERATOR");
  await addMember(group, author);
  await addMember(group, member);
  await addMember(group, other);
  await addMember(group, pending, "MEMBER", "PENDING");
  await addMember(group, groupSuspended, "MEMBER", "ACTIVE", { suspendedUntil: days(7) });
  await addMember(group, siteSuspended);
  const users = { owner, moderator, author, member, other, outsider, pending, admin, groupSuspended, siteSuspended };
  return { group, ...users, actor: (who) => (who === "anonymous" ? null : actorOf(users[who])) };
}

/** The day the group-suspended member's suspension ends, as the refusal message gives it. */
async function suspensionEnds(w: World) {
  const { suspendedUntil } = await db.membership.findUniqueOrThrow({
    where: { groupId_userId: { groupId: w.group.id, userId: w.groupSuspended.id } },
  });
  return formatDate(suspendedUntil!);
}

/** A thread started by the world's author through createThread. */
async function startThread(w: World, body = "What should the assessment wait be?", title = "Waiting times") {
  const { threadId, postId } = await createThread(w.actor("author"), { groupId: w.group.id, title, body });
  return { threadId, openingId: postId };
}

const threadRow = (id: string) => db.thread.findUniqueOrThrow({ where: { id } });
const postRow = (id: string) => db.post.findUniqueOrThrow({ where: { id } });

/** Everything a refused write must leave untouched in the world's group. */
async function stateOf(groupId: string) {
  const [group, threads, posts, follows, reads, notifications, revisions, reactions] = await Promise.all([
    db.group.findUniqueOrThrow({ where: { id: groupId }, select: { threadCount: true } }),
    db.thread.findMany({
      where: { groupId },
      orderBy: { id: "asc" },
      select: { id: true, postCount: true, lastSeq: true, lastPostAt: true },
    }),
    db.post.findMany({
      where: { thread: { groupId } },
      orderBy: { id: "asc" },
      select: {
        id: true,
        status: true,
        bodyMarkdown: true,
        bodyHtml: true,
        replyCount: true,
        agreeCount: true,
        usefulCount: true,
        editedAt: true,
      },
    }),
    db.threadFollow.count({ where: { thread: { groupId } } }),
    db.threadRead.count({ where: { thread: { groupId } } }),
    db.notification.count(),
    db.postRevision.count({ where: { post: { thread: { groupId } } } }),
    db.reaction.count({ where: { post: { thread: { groupId } } } }),
  ]);
  return { group, threads, posts, follows, reads, notifications, revisions, reactions };
}

/** Notifications about one post (their url names it), as [userId, kind] pairs. */
async function notificationsAbout(postId: string) {
  const rows = await db.notification.findMany({
    where: { url: { endsWith: `/posts/${postId}` } },
    select: { userId: true, kind: true, actorId: true, text: true },
  });
  return rows;
}

const kindsFor = (rows: { userId: string; kind: string }[], userId: string) =>
  rows.filter((r) => r.userId === userId).map((r) => r.kind);

// ---------------------------------------------------------------------------
// createThread
// ---------------------------------------------------------------------------

describe("createThread", () => {
  it("a member starts a thread: the thread, its opening post, the counter, a follow and a read marker", async () => {
    const w = await makeWorld();
    const before = await db.group.findUniqueOrThrow({ where: { id: w.group.id }, select: { threadCount: true } });
    const { threadId, openingId } = await startThread(w, "We wait **eight weeks** on average.", "Assessment waits");

    expect(await threadRow(threadId)).toMatchObject({
      groupId: w.group.id,
      title: "Assessment waits",
      authorId: w.author.id,
      subject: "GROUP",
      postCount: 1,
      lastSeq: 1,
    });
    const opening = await postRow(openingId);
    expect(opening).toMatchObject({
      threadId,
      seq: 1,
      sortKey: "0000001",
      depth: 0,
      parentId: null,
      authorId: w.author.id,
      status: "VISIBLE",
      bodyMarkdown: "We wait **eight weeks** on average.",
    });
    expect(opening.bodyHtml).toBe("<p>We wait <strong>eight weeks</strong> on average.</p>");
    expect(await db.post.count({ where: { threadId } })).toBe(1);
    expect(
      (await db.group.findUniqueOrThrow({ where: { id: w.group.id }, select: { threadCount: true } })).threadCount,
    ).toBe(before.threadCount + 1);
    expect(await db.threadFollow.findMany({ where: { threadId }, select: { userId: true } })).toEqual([
      { userId: w.author.id },
    ]);
    expect(await db.threadRead.findMany({ where: { threadId }, select: { userId: true, lastReadSeq: true } })).toEqual([
      { userId: w.author.id, lastReadSeq: 1 },
    ]);
    expect(await notificationsAbout(openingId)).toEqual([]);
  });

  it("a member of an approval group starts a thread there", async () => {
    const w = await makeWorld("APPROVAL");
    const { threadId } = await createThread(w.actor("member"), {
      groupId: w.group.id,
      title: "Members only",
      body: "Hello",
    });
    expect(await threadRow(threadId)).toMatchObject({ groupId: w.group.id, authorId: w.member.id });
  });

  const REFUSALS: [Who, string, string | ((w: World) => Promise<string>)][] = [
    ["anonymous", "UNAUTHENTICATED", "Please sign in to do that."],
    ["outsider", "FORBIDDEN", "Join the group to take part in its discussions."],
    ["pending", "FORBIDDEN", "Join the group to take part in its discussions."],
    ["admin", "FORBIDDEN", "Join the group to take part in its discussions."],
    // The message names the day the suspension ends.
    ["groupSuspended", "FORBIDDEN", async (w) => `You are suspended from this group until ${await suspensionEnds(w)}.`],
    ["siteSuspended", "FORBIDDEN", async (w) => accountSuspendedMessage(w.actor("siteSuspended")!.suspendedUntil)],
  ];

  it.each(REFUSALS)("refuses %s (%s) and writes nothing", async (who, code, message) => {
    const w = await makeWorld();
    const before = await stateOf(w.group.id);
    const error = await appError(
      createThread(w.actor(who), { groupId: w.group.id, title: "Not allowed", body: "Should not exist" }),
    );
    expect(error.code).toBe(code);
    expect(error.message).toBe(typeof message === "string" ? message : await message(w));
    expect(await stateOf(w.group.id)).toEqual(before);
    expect(await db.thread.count({ where: { title: "Not allowed" } })).toBe(0);
    expect(await db.post.count({ where: { bodyMarkdown: "Should not exist" } })).toBe(0);
  });

  it("an unknown group is NOT_FOUND", async () => {
    const w = await makeWorld();
    const error = await appError(createThread(w.actor("member"), { groupId: UNKNOWN_ID, title: "Nowhere", body: "x" }));
    expect(error).toMatchObject({ code: "NOT_FOUND", message: "That group was not found." });
  });
});

describe("ZCreateThread and ZReply", () => {
  const groupId = "11111111-1111-4111-8111-111111111111";
  const bodyError = (body: unknown) => {
    const result = ZCreateThread.safeParse({ groupId, title: "A good title", body });
    expect(result.success).toBe(false);
    return result.error!.issues.filter((i) => i.path[0] === "body").map((i) => i.message);
  };

  it("refuses an empty or blank body with “Write something first.”", () => {
    expect(bodyError("")).toEqual(["Write something first."]);
    expect(bodyError("  \n\t ")).toEqual(["Write something first."]);
    expect(bodyError(undefined)).toEqual(["Write something first."]);
  });

  it("refuses a body of 20,001 characters and accepts one of 20,000", () => {
    expect(bodyError("x".repeat(20_001))).toEqual(["Posts can be at most 20,000 characters."]);
    expect(ZCreateThread.safeParse({ groupId, title: "A good title", body: "x".repeat(20_000) }).success).toBe(true);
  });

  it("checks the title and the group", () => {
    const result = ZCreateThread.safeParse({ groupId: "not-a-uuid", title: " ab ", body: "fine" });
    expect(result.error!.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["groupId", "Unknown group."],
      ["title", "Title must be at least 3 characters."],
    ]);
    expect(ZCreateThread.parse({ groupId, title: "  Trimmed title  ", body: "b" }).title).toBe("Trimmed title");
  });

  it("ZReply treats an empty parentId (the form's top-level reply) as no parent", () => {
    expect(ZReply.parse({ threadId: groupId, parentId: "", body: "b" }).parentId).toBeUndefined();
    expect(ZReply.safeParse({ threadId: groupId, parentId: "nope", body: "b" }).error!.issues[0]!.message).toBe(
      "Unknown post.",
    );
  });
});

// ---------------------------------------------------------------------------
// replyToThread
// ---------------------------------------------------------------------------

describe("replyToThread", () => {
  it("a top-level reply takes the next seq, its own key at depth 0, and moves the thread's counters", async () => {
    const w = await makeWorld();
    const { threadId, openingId } = await startThread(w);
    const { lastPostAt: before } = await threadRow(threadId);
    const { postId } = await replyToThread(w.actor("member"), { threadId, body: "A reply" });

    expect(await postRow(postId)).toMatchObject({
      threadId,
      seq: 2,
      sortKey: "0000002",
      depth: 0,
      parentId: null,
      authorId: w.member.id,
    });
    const thread = await threadRow(threadId);
    expect(thread).toMatchObject({ postCount: 2, lastSeq: 2 });
    expect(thread.lastPostAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect((await postRow(openingId)).replyCount).toBe(0);
    // The replier now follows the thread.
    expect(await db.threadFollow.count({ where: { threadId, userId: w.member.id } })).toBe(1);
  });

  it("nested replies extend their parent's key, one level deeper, and count as the parent's replies", async () => {
    const w = await makeWorld();
    const { threadId, openingId } = await startThread(w);
    const first = await replyToThread(w.actor("member"), {
      threadId,
      parentId: openingId,
      body: "Reply to the opening post",
    });
    const second = await replyToThread(w.actor("other"), {
      threadId,
      parentId: first.postId,
      body: "Reply to the reply",
    });
    const third = await replyToThread(w.actor("author"), {
      threadId,
      parentId: openingId,
      body: "Another reply to the opening post",
    });

    expect(await postRow(first.postId)).toMatchObject({
      seq: 2,
      sortKey: "00000010000002",
      depth: 1,
      parentId: openingId,
      replyCount: 1,
    });
    expect(await postRow(second.postId)).toMatchObject({
      seq: 3,
      sortKey: "000000100000020000003",
      depth: 2,
      parentId: first.postId,
      replyCount: 0,
    });
    expect(await postRow(third.postId)).toMatchObject({
      seq: 4,
      sortKey: "00000010000004",
      depth: 1,
      parentId: openingId,
    });
    expect((await postRow(openingId)).replyCount).toBe(2);
    expect(await threadRow(threadId)).toMatchObject({ postCount: 4, lastSeq: 4 });
  });

  it("a reply to a post of another thread is NOT_FOUND and writes nothing", async () => {
    const w = await makeWorld();
    const { threadId } = await startThread(w);
    const elsewhere = await startThread(w, "Another topic", "Elsewhere");
    const before = await stateOf(w.group.id);
    const error = await appError(
      replyToThread(w.actor("member"), { threadId, parentId: elsewhere.openingId, body: "Misplaced" }),
    );
    expect(error).toMatchObject({ code: "NOT_FOUND", message: "The post you are replying to was not found." });
    expect(await stateOf(w.group.id)).toEqual(before);
  });

  it("a reply to an unknown post or thread is NOT_FOUND", async () => {
    const w = await makeWorld();
    const { threadId } = await startThread(w);
    expect(
      await appError(replyToThread(w.actor("member"), { threadId, parentId: UNKNOWN_ID, body: "x" })),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect(await appError(replyToThread(w.actor("member"), { threadId: UNKNOWN_ID, body: "x" }))).toMatchObject({
      code: "NOT_FOUND",
      message: "That thread was not found.",
    });
  });

  it("a locked thread takes no replies (FORBIDDEN, “locked”) and nothing is written", async () => {
    const w = await makeWorld();
    const { threadId, openingId } = await startThread(w);
    await db.thread.update({ where: { id: threadId }, data: { lockedAt: new Date() } });
    const before = await stateOf(w.group.id);
    for (const parentId of [undefined, openingId]) {
      const error = await appError(replyToThread(w.actor("member"), { threadId, parentId, body: "Too late" }));
      expect(error).toMatchObject({ code: "FORBIDDEN", message: "This thread is locked: no new replies." });
    }
    expect(await stateOf(w.group.id)).toEqual(before);
  });

  it.each(["HIDDEN", "REMOVED"] as const)("refuses a reply under a %s post and writes nothing", async (status) => {
    const w = await makeWorld();
    const { threadId } = await startThread(w);
    const { postId } = await replyToThread(w.actor("member"), { threadId, body: "Something rude" });
    await db.post.update({ where: { id: postId }, data: { status, statusReason: "Rude" } });
    const before = await stateOf(w.group.id);
    const error = await appError(replyToThread(w.actor("other"), { threadId, parentId: postId, body: "Answering it" }));
    expect(error).toMatchObject({
      code: "CONFLICT",
      message: "You cannot reply to a post that moderators have hidden or removed.",
    });
    expect(await stateOf(w.group.id)).toEqual(before);
  });

  it("a reply under a deleted post is allowed, and keeps the tree around the marker", async () => {
    const w = await makeWorld();
    const { threadId } = await startThread(w);
    const { postId } = await replyToThread(w.actor("member"), { threadId, body: "I may regret this" });
    await deletePost(w.actor("member"), { postId });
    const reply = await replyToThread(w.actor("other"), { threadId, parentId: postId, body: "Replying anyway" });
    expect(await postRow(reply.postId)).toMatchObject({ parentId: postId, depth: 1, sortKey: "00000020000003" });
    expect((await postRow(postId)).replyCount).toBe(1);
  });

  it("in an approval group, people who cannot read it are not even told the thread exists", async () => {
    const w = await makeWorld("APPROVAL");
    const { threadId, openingId } = await startThread(w);
    const before = await stateOf(w.group.id);
    for (const who of ["outsider", "pending"] as const) {
      const error = await appError(replyToThread(w.actor(who), { threadId, parentId: openingId, body: "Let me in" }));
      expect(error).toMatchObject({ code: "NOT_FOUND", message: "That thread was not found." });
    }
    expect(await appError(replyToThread(null, { threadId, body: "x" }))).toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await stateOf(w.group.id)).toEqual(before);
  });

  it.each([
    ["outsider", "Join the group to take part in its discussions."],
    ["pending", "Join the group to take part in its discussions."],
    ["admin", "Join the group to take part in its discussions."],
    ["siteSuspended", expect.stringMatching(/^Your account is suspended until .*: you can read/)],
  ] as const)("in an open group, %s may read but not reply", async (who, message) => {
    const w = await makeWorld("OPEN");
    const { threadId } = await startThread(w);
    const before = await stateOf(w.group.id);
    expect(await appError(replyToThread(w.actor(who), { threadId, body: "x" }))).toMatchObject({
      code: "FORBIDDEN",
      message,
    });
    expect(await stateOf(w.group.id)).toEqual(before);
  });

  it("a member suspended from the group may not reply until the date given", async () => {
    const w = await makeWorld("APPROVAL");
    const { threadId } = await startThread(w);
    const error = await appError(replyToThread(w.actor("groupSuspended"), { threadId, body: "x" }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe(`You are suspended from this group until ${await suspensionEnds(w)}.`);
  });

  it("the post after the limit within a minute is RATE_LIMITED with a clear message, and is not written", async () => {
    const w = await makeWorld();
    // 8 posts a minute per member, times RATE_LIMIT_MULTIPLIER (read once, like the limiter does).
    const limit = 8 * env().RATE_LIMIT_MULTIPLIER;
    const { threadId } = await startThread(w);
    for (let i = 2; i <= limit; i++) await replyToThread(w.actor("author"), { threadId, body: `Reply ${i}` });
    expect(await threadRow(threadId)).toMatchObject({ postCount: limit, lastSeq: limit });

    const error = await appError(replyToThread(w.actor("author"), { threadId, body: "One too many" }));
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.message).toBe("You are posting very quickly. Please wait a minute and try again.");
    const thread = await appError(
      createThread(w.actor("author"), { groupId: w.group.id, title: "Also too many", body: "x" }),
    );
    expect(thread.code).toBe("RATE_LIMITED");
    expect(await threadRow(threadId)).toMatchObject({ postCount: limit, lastSeq: limit });
    expect(await db.post.count({ where: { threadId, bodyMarkdown: "One too many" } })).toBe(0);
    expect(await db.thread.count({ where: { title: "Also too many" } })).toBe(0);

    // The limit is per member: others carry on.
    await replyToThread(w.actor("member"), { threadId, body: "I can still post" });
    expect((await threadRow(threadId)).lastSeq).toBe(limit + 1);
  });
});

// ---------------------------------------------------------------------------
// Concurrency
// ---------------------------------------------------------------------------

describe("concurrency", () => {
  it("30 replies at once get distinct seqs 2..31 and keys, and the counters equal the rows", async () => {
    const w = await makeWorld();
    const repliers = await Promise.all(Array.from({ length: 30 }, () => makeUser()));
    for (const r of repliers) await addMember(w.group, r);
    const { threadId, openingId } = await startThread(w);
    // Each request holds a pooled connection while it waits, so at most the pool size can wait at once.
    const mustOverlap = Math.min(repliers.length, env().DATABASE_POOL_SIZE);

    // Prisma batches the findUnique reads that requests issue in the same tick into one query, so a
    // barrier on Thread would hold a single query. ThreadFollow is first touched inside the numbering
    // transaction: the first request waits there holding the thread's row lock, and every other one
    // waits behind that row lock, each in its own transaction.
    const { results, overlapped } = await raceBehindTableLock(
      "ThreadFollow",
      repliers.map(
        (r, i) => () =>
          replyToThread(actorOf(r), {
            threadId,
            parentId: i % 2 === 0 ? openingId : undefined,
            body: `Reply from ${i}`,
          }),
      ),
      mustOverlap,
    );
    expect(overlapped).toBeGreaterThanOrEqual(mustOverlap);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);

    const posts = await db.post.findMany({
      where: { threadId },
      select: { seq: true, sortKey: true, depth: true, parentId: true },
    });
    const replies = posts.filter((p) => p.seq !== 1);
    expect(replies.map((p) => p.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
    expect(new Set(posts.map((p) => p.sortKey)).size).toBe(31);
    for (const p of replies) {
      const own = String(p.seq).padStart(7, "0");
      expect(p.sortKey).toBe(p.parentId ? `0000001${own}` : own);
    }
    const thread = await threadRow(threadId);
    expect(thread.postCount).toBe(posts.length);
    expect(thread.lastSeq).toBe(posts.length);
    expect(thread.postCount).toBe(31);
    expect((await postRow(openingId)).replyCount).toBe(await db.post.count({ where: { parentId: openingId } }));
    expect((await postRow(openingId)).replyCount).toBe(15);
  });

  it("many members marking one post “agree” at once, one of them twice: the counter equals the rows, the duplicate counts once", async () => {
    const w = await makeWorld();
    const reactors = await Promise.all(Array.from({ length: 20 }, () => makeUser()));
    for (const r of reactors) await addMember(w.group, r);
    const { openingId } = await startThread(w);
    const twice = reactors[0]!;
    const requests = [...reactors, twice].map(
      (r) => () => addReaction(actorOf(r), { postId: openingId, kind: "AGREE" }),
    );
    const mustOverlap = Math.min(requests.length, env().DATABASE_POOL_SIZE);

    // Reaction is first touched by each request's own write transaction (the reads before it are batched by Prisma).
    const { results, overlapped } = await raceBehindTableLock("Reaction", requests, mustOverlap);
    expect(overlapped).toBeGreaterThanOrEqual(mustOverlap);
    // A press is idempotent: the second one from the same member does nothing and says so by the counts.
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);

    const rows = await db.reaction.count({ where: { postId: openingId, kind: "AGREE" } });
    expect(rows).toBe(20);
    expect((await postRow(openingId)).agreeCount).toBe(rows);
    expect(await db.reaction.count({ where: { postId: openingId, userId: twice.id } })).toBe(1);
  });
});

// ---------------------------------------------------------------------------
// Notifications
// ---------------------------------------------------------------------------

describe("notifications about a new post", () => {
  it("a reply notifies the parent's author once, as REPLY, even when they follow the thread and are mentioned", async () => {
    const w = await makeWorld();
    const { threadId, openingId } = await startThread(w, "Opening", "Benefit delays");
    const author = await db.user.findUniqueOrThrow({ where: { id: w.author.id }, select: { handle: true } });
    const { displayName } = await db.user.findUniqueOrThrow({
      where: { id: w.member.id },
      select: { displayName: true },
    });
    const { postId } = await replyToThread(w.actor("member"), {
      threadId,
      parentId: openingId,
      body: `I agree with @${author.handle}`,
    });

    const rows = await notificationsAbout(postId);
    expect(rows).toEqual([
      {
        userId: w.author.id,
        kind: "REPLY",
        actorId: w.member.id,
        text: `${displayName} replied to you in “Benefit delays”`,
      },
    ]);
    const [n] = await db.notification.findMany({ where: { userId: w.author.id }, select: { url: true, readAt: true } });
    expect(n).toEqual({ url: `/threads/${threadId}/posts/${postId}`, readAt: null });
  });

  it("an @mention notifies a member who neither follows nor was replied to, as MENTION", async () => {
    const w = await makeWorld();
    const { threadId } = await startThread(w, "Opening", "Housing");
    const { postId } = await replyToThread(w.actor("member"), {
      threadId,
      body: `What do you think, @${w.other.handle}?`,
    });
    const rows = await notificationsAbout(postId);
    expect(kindsFor(rows, w.other.id)).toEqual(["MENTION"]);
    expect(rows.find((r) => r.userId === w.other.id)!.text).toMatch(/ mentioned you in “Housing”$/);
  });

  it("in an approval group, mentioning someone who cannot read it tells them nothing; members are told", async () => {
    const w = await makeWorld("APPROVAL");
    const { threadId } = await startThread(w);
    const body = `Paging @${w.outsider.handle}, @${w.pending.handle} and @${w.other.handle}`;
    const { postId } = await replyToThread(w.actor("member"), { threadId, body });
    const rows = await notificationsAbout(postId);
    expect(kindsFor(rows, w.outsider.id)).toEqual([]);
    expect(kindsFor(rows, w.pending.id)).toEqual([]);
    expect(kindsFor(rows, w.other.id)).toEqual(["MENTION"]);
    expect(await db.notification.count({ where: { userId: { in: [w.outsider.id, w.pending.id] } } })).toBe(0);
  });

  it("in an open group, mentioning a non-member notifies them (they can read it)", async () => {
    const w = await makeWorld("OPEN");
    const { threadId } = await startThread(w);
    const { postId } = await replyToThread(w.actor("member"), { threadId, body: `cc @${w.outsider.handle}` });
    expect(kindsFor(await notificationsAbout(postId), w.outsider.id)).toEqual(["MENTION"]);
  });

  it("followers get FOLLOWED_THREAD; the writer is never told about their own post, even when mentioning or replying to themself", async () => {
    const w = await makeWorld();
    const { threadId } = await startThread(w);
    await followThread(w.actor("other"), { threadId });
    await replyToThread(w.actor("member"), { threadId, body: "First reply" }); // member now follows too
    const mine = await replyToThread(w.actor("author"), { threadId, body: "Opening author again" });
    const self = await replyToThread(w.actor("member"), {
      threadId,
      parentId: (await db.post.findFirstOrThrow({ where: { threadId, seq: 2 } })).id,
      body: `Note to self @${w.member.handle}`,
    });

    const a = await notificationsAbout(mine.postId);
    expect(a.map((r) => [r.userId, r.kind]).sort()).toEqual(
      [
        [w.member.id, "FOLLOWED_THREAD"],
        [w.other.id, "FOLLOWED_THREAD"],
      ].sort(),
    );
    const b = await notificationsAbout(self.postId);
    expect(kindsFor(b, w.member.id)).toEqual([]);
    expect(b.map((r) => [r.userId, r.kind]).sort()).toEqual(
      [
        [w.author.id, "FOLLOWED_THREAD"],
        [w.other.id, "FOLLOWED_THREAD"],
      ].sort(),
    );
    // Nobody is ever notified about their own post.
    expect(
      await db.notification.count({
        where: { actorId: { not: null }, userId: { equals: db.notification.fields.actorId } },
      }),
    ).toBe(0);
  });

  it("each person hears about a post at most once, whatever mix of reasons applies", async () => {
    const w = await makeWorld();
    const { threadId, openingId } = await startThread(w);
    await followThread(w.actor("other"), { threadId });
    await followThread(w.actor("moderator"), { threadId });
    const body = `@${w.author.handle} @${w.other.handle} @${w.other.handle} @${w.moderator.handle} @${w.owner.handle}`;
    const { postId } = await replyToThread(w.actor("member"), { threadId, parentId: openingId, body });
    const rows = await notificationsAbout(postId);
    const users = rows.map((r) => r.userId);
    expect(new Set(users).size).toBe(users.length);
    expect(Object.fromEntries(rows.map((r) => [r.userId, r.kind]))).toEqual({
      [w.author.id]: "REPLY",
      [w.other.id]: "MENTION",
      [w.moderator.id]: "MENTION",
      [w.owner.id]: "MENTION",
    });
  });

  it("a follower who has left an approval group is told nothing more about its discussions", async () => {
    const w = await makeWorld("APPROVAL");
    const { threadId } = await startThread(w, "Opening", "A members-only matter");
    await replyToThread(w.actor("other"), { threadId, body: "I was here" }); // other follows the thread
    await leaveGroup(w.actor("other"), { groupId: w.group.id });
    expect(await appError(getThreadHeader(w.actor("other"), threadId))).toMatchObject({ code: "NOT_FOUND" });

    const { postId } = await replyToThread(w.actor("member"), {
      threadId,
      body: "Something only members should hear about",
    });
    // The notification's text carries the thread's title: a former member must not get it.
    expect(kindsFor(await notificationsAbout(postId), w.other.id)).toEqual([]);
  });

  it("a reply to a post by someone who has since left an approval group does not notify them", async () => {
    const w = await makeWorld("APPROVAL");
    const { threadId } = await startThread(w, "Opening", "A members-only matter");
    const { postId: theirs } = await replyToThread(w.actor("other"), { threadId, body: "I was here" });
    await leaveGroup(w.actor("other"), { groupId: w.group.id });
    const { postId } = await replyToThread(w.actor("member"), {
      threadId,
      parentId: theirs,
      body: "Answering a former member",
    });
    expect(kindsFor(await notificationsAbout(postId), w.other.id)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// editPost and deletePost
// ---------------------------------------------------------------------------

describe("editPost", () => {
  it("the author edits: the old text becomes a revision, the HTML is rendered again, editedAt is set", async () => {
    const w = await makeWorld();
    const { threadId, openingId } = await startThread(w, "First *draft*");
    await editPost(w.actor("author"), { postId: openingId, body: "Second **draft**" });
    await new Promise((r) => setTimeout(r, 5));
    await editPost(w.actor("author"), { postId: openingId, body: "Final text" });

    const post = await postRow(openingId);
    expect(post).toMatchObject({ bodyMarkdown: "Final text", bodyHtml: "<p>Final text</p>" });
    expect(post.editedAt).toBeInstanceOf(Date);
    const revisions = await db.postRevision.findMany({
      where: { postId: openingId },
      orderBy: { createdAt: "asc" },
      select: { bodyMarkdown: true, editorId: true },
    });
    expect(revisions).toEqual([
      { bodyMarkdown: "First *draft*", editorId: w.author.id },
      { bodyMarkdown: "Second **draft**", editorId: w.author.id },
    ]);
    // The public history shows them, newest first.
    const history = await getPostHistory(w.actor("outsider"), openingId);
    expect(history.post.bodyMarkdown).toBe("Final text");
    expect(history.revisions.map((r) => r.bodyMarkdown)).toEqual(["Second **draft**", "First *draft*"]);
    expect(history.thread.id).toBe(threadId);
  });

  it("re-renders safely: the edited HTML is sanitised too", async () => {
    const w = await makeWorld();
    const { openingId } = await startThread(w, "Harmless");
    await editPost(w.actor("author"), { postId: openingId, body: "**bold** and <script>alert(1)</script>" });
    const { bodyHtml } = await postRow(openingId);
    expect(bodyHtml).toContain("<strong>bold</strong>");
    expect(bodyHtml.toLowerCase()).not.toContain("<script");
  });

  it.each([
    ["member", "FORBIDDEN", "You can only change your own posts."],
    ["moderator", "FORBIDDEN", "You can only change your own posts."],
    ["owner", "FORBIDDEN", "You can only change your own posts."],
    ["admin", "FORBIDDEN", "You can only change your own posts."],
    ["anonymous", "UNAUTHENTICATED", "Please sign in to do that."],
  ] as const)("%s may not edit someone else's post", async (who, code, message) => {
    const w = await makeWorld();
    const { openingId } = await startThread(w);
    const before = await stateOf(w.group.id);
    expect(await appError(editPost(w.actor(who), { postId: openingId, body: "Vandalised" }))).toMatchObject({
      code,
      message,
    });
    expect(await stateOf(w.group.id)).toEqual(before);
  });

  it("unchanged text is a VALIDATION error and adds no revision", async () => {
    const w = await makeWorld();
    const { openingId } = await startThread(w, "Same");
    expect(await appError(editPost(w.actor("author"), { postId: openingId, body: "Same" }))).toMatchObject({
      code: "VALIDATION",
      message: "Nothing changed.",
    });
    expect(await db.postRevision.count({ where: { postId: openingId } })).toBe(0);
    expect((await postRow(openingId)).editedAt).toBeNull();
  });

  it.each([
    ["HIDDEN", "Moderators are reviewing this post; it cannot be changed now."],
    ["REMOVED", "Moderators are reviewing this post; it cannot be changed now."],
  ] as const)("the author may not edit their %s post", async (status, message) => {
    const w = await makeWorld();
    const { openingId } = await startThread(w, "Contested");
    await db.post.update({ where: { id: openingId }, data: { status } });
    const before = await stateOf(w.group.id);
    expect(await appError(editPost(w.actor("author"), { postId: openingId, body: "Sneaky fix" }))).toMatchObject({
      code: "CONFLICT",
      message,
    });
    expect(await appError(deletePost(w.actor("author"), { postId: openingId }))).toMatchObject({
      code: "CONFLICT",
      message,
    });
    expect(await stateOf(w.group.id)).toEqual(before);
  });

  it("in a locked thread posts cannot be edited", async () => {
    const w = await makeWorld();
    const { threadId, openingId } = await startThread(w, "Settled");
    await db.thread.update({ where: { id: threadId }, data: { lockedAt: new Date() } });
    expect(await appError(editPost(w.actor("author"), { postId: openingId, body: "Unsettled" }))).toMatchObject({
      code: "FORBIDDEN",
      message: "This thread is locked.",
    });
  });
});

describe("deletePost", () => {
  it("the author deletes: status DELETED, the text and its revisions go, replies stay and show under a marker", async () => {
    const w = await makeWorld();
    const { threadId, openingId } = await startThread(w);
    const { postId } = await replyToThread(w.actor("member"), {
      threadId,
      parentId: openingId,
      body: "Secret first version",
    });
    await editPost(w.actor("member"), { postId, body: "Secret second version" });
    const child = await replyToThread(w.actor("other"), { threadId, parentId: postId, body: "A reply that stays" });

    await deletePost(w.actor("member"), { postId });
    expect(await postRow(postId)).toMatchObject({ status: "DELETED", bodyMarkdown: "", bodyHtml: "", replyCount: 1 });
    expect(await db.postRevision.count({ where: { postId } })).toBe(0);
    expect(await postRow(child.postId)).toMatchObject({
      parentId: postId,
      status: "VISIBLE",
      bodyMarkdown: "A reply that stays",
    });

    const window = await getThreadWindow(w.actor("outsider"), threadId, {});
    expect(window.posts.map((p) => [p.id, p.visibility])).toEqual([
      [openingId, "full"],
      [postId, "marker"],
      [child.postId, "full"],
    ]);
    const marker = window.posts[1]!;
    expect(marker).toMatchObject({ status: "DELETED", bodyHtml: "", bodyMarkdown: "" });
    expect(window.posts[2]!.parentId).toBe(postId);
    expect(JSON.stringify(window)).not.toContain("Secret");
    const history = await getPostHistory(w.actor("member"), postId);
    expect(history.revisions).toEqual([]);
    expect(JSON.stringify(history)).not.toContain("Secret");
  });

  it.each(["other", "moderator", "owner", "admin"] as const)("%s may not delete someone else's post", async (who) => {
    const w = await makeWorld();
    const { openingId } = await startThread(w);
    const before = await stateOf(w.group.id);
    expect(await appError(deletePost(w.actor(who), { postId: openingId }))).toMatchObject({
      code: "FORBIDDEN",
      message: "You can only change your own posts.",
    });
    expect(await stateOf(w.group.id)).toEqual(before);
  });

  it("someone who left the group may still delete what they wrote there, but not edit it; not while their account is suspended", async () => {
    const w = await makeWorld();
    const { threadId, openingId } = await startThread(w);
    const { postId } = await replyToThread(w.actor("member"), {
      threadId,
      parentId: openingId,
      body: "Words I want back",
    });
    const second = await replyToThread(w.actor("member"), { threadId, parentId: openingId, body: "More words" });
    await leaveGroup(w.actor("member"), { groupId: w.group.id });
    expect(await appError(editPost(w.actor("member"), { postId, body: "Changed" }))).toMatchObject({
      code: "FORBIDDEN",
    });
    await deletePost(w.actor("member"), { postId });
    expect(await postRow(postId)).toMatchObject({ status: "DELETED", bodyMarkdown: "" });
    const suspended = { ...w.actor("member")!, suspendedUntil: days(3) };
    expect(await appError(deletePost(suspended, { postId: second.postId }))).toMatchObject({
      code: "FORBIDDEN",
      message: accountSuspendedMessage(days(3)),
    });
    expect((await postRow(second.postId)).status).toBe("VISIBLE");
  });

  it("a deleted post cannot be deleted or edited again", async () => {
    const w = await makeWorld();
    const { threadId, openingId } = await startThread(w);
    // With a reply the thread stays (an opening post on its own takes the thread with it).
    await replyToThread(w.actor("member"), { threadId, body: "An answer" });
    await deletePost(w.actor("author"), { postId: openingId });
    expect(await appError(deletePost(w.actor("author"), { postId: openingId }))).toMatchObject({
      code: "CONFLICT",
      message: "This post was deleted.",
    });
    expect(await appError(editPost(w.actor("author"), { postId: openingId, body: "Back" }))).toMatchObject({
      code: "CONFLICT",
      message: "This post was deleted.",
    });
  });
});

// ---------------------------------------------------------------------------
// Reactions
// ---------------------------------------------------------------------------

describe("reactions", () => {
  it("a member marks a post, the counter and the viewer's own mark follow; removing undoes both", async () => {
    const w = await makeWorld();
    const { threadId, openingId } = await startThread(w);
    await addReaction(w.actor("member"), { postId: openingId, kind: "AGREE" });
    await addReaction(w.actor("member"), { postId: openingId, kind: "USEFUL" });
    await addReaction(w.actor("other"), { postId: openingId, kind: "AGREE" });
    expect(await postRow(openingId)).toMatchObject({ agreeCount: 2, usefulCount: 1 });
    const seen = (await getThreadWindow(w.actor("member"), threadId, {})).posts[0]!;
    expect(seen).toMatchObject({ agreeCount: 2, usefulCount: 1, reacted: { agree: true, useful: true } });

    await removeReaction(w.actor("member"), { postId: openingId, kind: "AGREE" });
    expect(await postRow(openingId)).toMatchObject({ agreeCount: 1, usefulCount: 1 });
    expect(await db.reaction.count({ where: { postId: openingId, userId: w.member.id, kind: "AGREE" } })).toBe(0);
    expect((await getThreadWindow(w.actor("member"), threadId, {})).posts[0]!.reacted).toEqual({
      agree: false,
      useful: true,
    });

    // Taking back what is already taken back (a page out of date) does nothing and answers the true state.
    const again = await removeReaction(w.actor("member"), { postId: openingId, kind: "AGREE" });
    expect(again).toMatchObject({ agreeCount: 1, usefulCount: 1, agreed: false, foundUseful: true });
    expect((await postRow(openingId)).agreeCount).toBe(1);
  });

  it("one's own post: refused", async () => {
    const w = await makeWorld();
    const { openingId } = await startThread(w);
    expect(await appError(addReaction(w.actor("author"), { postId: openingId, kind: "USEFUL" }))).toMatchObject({
      code: "CONFLICT",
      message: "You cannot react to your own post.",
    });
    expect(await postRow(openingId)).toMatchObject({ agreeCount: 0, usefulCount: 0 });
  });

  it("twice the same (a second tab out of date): done once, counted once, answered with the true state", async () => {
    const w = await makeWorld();
    const { openingId, threadId } = await startThread(w);
    await addReaction(w.actor("member"), { postId: openingId, kind: "USEFUL" });
    expect(await addReaction(w.actor("member"), { postId: openingId, kind: "USEFUL" })).toEqual({
      threadId,
      agreeCount: 0,
      usefulCount: 1,
      agreed: false,
      foundUseful: true,
    });
    expect((await postRow(openingId)).usefulCount).toBe(1);
    expect(await db.reaction.count({ where: { postId: openingId } })).toBe(1);
  });

  it.each([
    ["OPEN", "outsider", "FORBIDDEN", "Join the group to react to posts."],
    ["OPEN", "pending", "FORBIDDEN", "Join the group to react to posts."],
    ["OPEN", "groupSuspended", "FORBIDDEN", expect.stringMatching(/^You are suspended from this group until /)],
    ["OPEN", "siteSuspended", "FORBIDDEN", expect.stringMatching(/^Your account is suspended until /)],
    ["OPEN", "anonymous", "UNAUTHENTICATED", "Please sign in to do that."],
    // Outsiders are told there is no such post, in the words used for one that does not exist.
    ["APPROVAL", "outsider", "NOT_FOUND", "That post was not found."],
    ["APPROVAL", "pending", "NOT_FOUND", "That post was not found."],
  ] as const)("in an %s group, %s may not react (%s)", async (policy, who, code, message) => {
    const w = await makeWorld(policy);
    const { openingId } = await startThread(w);
    const before = await stateOf(w.group.id);
    expect(await appError(addReaction(w.actor(who), { postId: openingId, kind: "AGREE" }))).toMatchObject({
      code,
      message,
    });
    expect(await stateOf(w.group.id)).toEqual(before);
  });

  it.each(["HIDDEN", "REMOVED", "DELETED"] as const)("a %s post takes no reactions", async (status) => {
    const w = await makeWorld();
    const { openingId } = await startThread(w);
    await db.post.update({ where: { id: openingId }, data: { status } });
    expect(await appError(addReaction(w.actor("member"), { postId: openingId, kind: "AGREE" }))).toMatchObject({
      code: "CONFLICT",
      message: "You can only react to visible posts.",
    });
    expect(await db.reaction.count({ where: { postId: openingId } })).toBe(0);
  });
});

// ---------------------------------------------------------------------------
// Stored XSS
// ---------------------------------------------------------------------------

describe("stored XSS", () => {
  const PAYLOAD = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[y](JaVaScRiPt:alert(1))",
    '<a href="javascript:alert(1)" onclick="alert(1)">z</a>',
  ].join("\n\n");

  const assertSafe = (html: string) => {
    const lower = html.toLowerCase();
    expect(lower).not.toContain("<script");
    expect(lower).not.toContain("onerror");
    expect(lower).not.toContain("onclick");
    expect(lower).not.toContain("javascript:");
  };

  it("threads and replies store sanitised HTML, whatever the Markdown says", async () => {
    const w = await makeWorld();
    const { threadId, openingId } = await startThread(w, PAYLOAD);
    const { postId } = await replyToThread(w.actor("member"), { threadId, parentId: openingId, body: PAYLOAD });
    for (const id of [openingId, postId]) {
      const post = await postRow(id);
      expect(post.bodyMarkdown).toBe(PAYLOAD);
      assertSafe(post.bodyHtml);
      expect(post.bodyHtml).toContain("<p>");
    }
    for (const p of (await getThreadWindow(w.actor("member"), threadId, {})).posts) assertSafe(p.bodyHtml);
  });
});

// ---------------------------------------------------------------------------
// Windows of a thread (queries.ts)
// ---------------------------------------------------------------------------

describe("windows of a thread with a known tree of 120 posts", () => {
  let w: World;
  let tree: TreeThread;
  /** What the thread page draws, in tree order: every post no deeper than MAX_INLINE_DEPTH. */
  let inline: string[];
  const ids = (posts: { id: string }[]) => posts.map((p) => p.id);

  beforeAll(async () => {
    w = await makeWorld();
    tree = await makeTreeThread(w.group, [w.author, w.member, w.other, w.moderator], randomTreeShape(120, 20240607));
    inline = ids(treeOrder(tree.nodes).filter((n) => n.depth <= MAX_INLINE_DEPTH));
    // The tree is as the tests need it: several windows of inline posts, and posts deeper than the page draws.
    expect(inline.length).toBeGreaterThan(2 * WINDOW_SIZE);
    expect(Math.max(...tree.nodes.map((n) => n.depth))).toBeGreaterThan(MAX_INLINE_DEPTH + 2);
  });

  it("the first window is the first WINDOW_SIZE inline posts in tree order, with more to come", async () => {
    const first = await getThreadWindow(w.actor("member"), tree.id, {});
    expect(ids(first.posts)).toEqual(inline.slice(0, WINDOW_SIZE));
    expect(first).toMatchObject({
      hasPrevious: false,
      hasNext: true,
      firstKey: tree.bySeq(1).sortKey,
      lastKey: first.posts[WINDOW_SIZE - 1]!.sortKey,
    });
    expect(first.posts.every((p) => p.depth <= MAX_INLINE_DEPTH)).toBe(true);
  });

  it("following the `after` cursors visits every inline post exactly once, in order", async () => {
    let window = await getThreadWindow(null, tree.id, {});
    const seen = ids(window.posts);
    for (let guard = 0; window.hasNext && guard < 20; guard++) {
      window = await getThreadWindow(null, tree.id, { after: window.lastKey! });
      expect(window.hasPrevious).toBe(true);
      expect(window.posts.length).toBeLessThanOrEqual(WINDOW_SIZE);
      seen.push(...ids(window.posts));
    }
    expect(window.hasNext).toBe(false);
    expect(seen).toEqual(inline);
  });

  it("`last` is the last window, and `before` cursors walk back to the start", async () => {
    let window = await getThreadWindow(w.actor("member"), tree.id, { last: true });
    expect(ids(window.posts)).toEqual(inline.slice(-WINDOW_SIZE));
    expect(window).toMatchObject({ hasPrevious: true, hasNext: false });
    const seen = ids(window.posts);
    for (let guard = 0; window.hasPrevious && guard < 20; guard++) {
      window = await getThreadWindow(w.actor("member"), tree.id, { before: window.firstKey! });
      expect(window.hasNext).toBe(true);
      seen.unshift(...ids(window.posts));
    }
    expect(window.hasPrevious).toBe(false);
    expect(seen).toEqual(inline);
  });

  it("a permalink to a depth-2 post opens the thread around it, with up to 3 posts before it", async () => {
    const targets = inline
      .map((id, i) => ({ id, i }))
      .filter(({ id }) => tree.nodes.find((n) => n.id === id)!.depth === 2);
    const late = targets.find(({ i }) => i > 40)!;
    const early = targets[0]!;
    expect(late).toBeDefined();
    for (const { id, i } of [late, early]) {
      const { rootId, window } = await getPermalinkWindow(w.actor("member"), tree.id, id);
      expect(rootId).toBeNull();
      expect(ids(window.posts)).toEqual(inline.slice(Math.max(0, i - 3), i + WINDOW_SIZE - 3));
      expect(ids(window.posts).indexOf(id)).toBe(Math.min(3, i));
      expect(window.hasPrevious).toBe(i > 3);
      expect(window.hasNext).toBe(inline.length > i + WINDOW_SIZE - 3);
    }
  });

  it.each([MAX_INLINE_DEPTH + 1, MAX_INLINE_DEPTH + 3])(
    "a permalink to a post at depth %i opens the subtree of its depth-MAX_INLINE_DEPTH ancestor, around the post",
    async (depth) => {
      const target = tree.nodes.find((n) => n.depth === depth)!;
      const root = ancestorAt(tree.nodes, target, MAX_INLINE_DEPTH);
      const subtree = ids(treeOrder(tree.nodes, root.seq));
      const j = subtree.indexOf(target.id);

      const { rootId, window } = await getPermalinkWindow(w.actor("member"), tree.id, target.id);
      expect(rootId).toBe(root.id);
      expect(ids(window.posts)).toContain(target.id);
      expect(ids(window.posts)).toEqual(subtree.slice(Math.max(0, j - 3), j + WINDOW_SIZE - 3));
      expect(window.hasPrevious).toBe(j > 3);
    },
  );

  it("a permalink names a post of this thread: another thread's post is NOT_FOUND", async () => {
    const other = await makeThread(w.group, w.author);
    expect(await appError(getPermalinkWindow(null, tree.id, other.posts[0]!.id))).toMatchObject({ code: "NOT_FOUND" });
    expect(await appError(getPermalinkWindow(null, tree.id, UNKNOWN_ID))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("the subtree window holds exactly the root and its descendants, at any depth, paging with `after`", async () => {
    // The top-level post holding the forced deep chain: a big subtree, deeper than the page draws.
    const top = ancestorAt(tree.nodes, tree.bySeq(49), 0);
    for (const root of [top, ancestorAt(tree.nodes, tree.bySeq(49), MAX_INLINE_DEPTH), tree.bySeq(49)]) {
      const expected = ids(treeOrder(tree.nodes, root.seq));
      let { rootDepth, window } = await getSubtreeWindow(w.actor("member"), tree.id, root.id, {});
      expect(rootDepth).toBe(root.depth);
      const seen = ids(window.posts);
      for (let guard = 0; window.hasNext && guard < 20; guard++) {
        ({ window } = await getSubtreeWindow(w.actor("member"), tree.id, root.id, { after: window.lastKey! }));
        seen.push(...ids(window.posts));
      }
      expect(seen).toEqual(expected);
    }
    expect(treeOrder(tree.nodes, top.seq).length).toBeGreaterThan(WINDOW_SIZE);
  });

  it("a subtree root from another thread is NOT_FOUND", async () => {
    const other = await makeThread(w.group, w.author);
    expect(await appError(getSubtreeWindow(null, tree.id, other.posts[0]!.id, {}))).toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("what the queries reveal of hidden, removed and deleted posts", () => {
  const SECRET = {
    HIDDEN: "SECRET-HIDDEN-TEXT",
    REMOVED: "SECRET-REMOVED-TEXT",
    DELETED: "SECRET-DELETED-TEXT",
  } as const;

  /** A thread 1 <- 2 (hidden) <- 3 (removed) <- 4 (deleted) <- 5, all featured, with old revisions. */
  async function makeSecrets() {
    const w = await makeWorld();
    const tree = await makeTreeThread(w.group, [w.author, w.member, w.other, w.member, w.author], [null, 1, 2, 3, 4], {
      body: (seq) => ({ 2: SECRET.HIDDEN, 3: SECRET.REMOVED, 4: SECRET.DELETED })[seq] ?? `Visible post ${seq}`,
    });
    const statuses = { 2: "HIDDEN", 3: "REMOVED", 4: "DELETED" } as const;
    for (const [seq, status] of Object.entries(statuses)) {
      const id = tree.bySeq(Number(seq)).id;
      await db.post.update({ where: { id }, data: { status, statusReason: "Reason given" } });
      await db.postRevision.create({ data: { postId: id, bodyMarkdown: `${SECRET[status]}-OLD` } });
    }
    await db.post.updateMany({ where: { threadId: tree.id }, data: { featuredAt: new Date() } });
    return { w, tree };
  }

  it("readers get markers: no text of any of them, in any window", async () => {
    const { w, tree } = await makeSecrets();
    const reader = w.actor("member");
    const first = await getThreadWindow(reader, tree.id, {});
    const featured = await getKeyContributions(reader, tree.id);
    const results = [
      first,
      featured,
      await getThreadWindow(reader, tree.id, { last: true }),
      await getThreadWindow(reader, tree.id, { after: tree.bySeq(1).sortKey }),
      await getPermalinkWindow(reader, tree.id, tree.bySeq(3).id),
    ];
    for (const r of results)
      for (const secret of Object.values(SECRET)) expect(JSON.stringify(r)).not.toContain(secret);
    const posts = first.posts;
    expect(posts.map((p) => [p.seq, p.visibility, p.bodyHtml === "", p.bodyMarkdown === ""])).toEqual([
      [1, "full", false, false],
      [2, "marker", true, true],
      [3, "marker", true, true],
      [4, "marker", true, true],
      [5, "full", false, false],
    ]);
    expect(posts[1]!.statusReason).toBe("Reason given");
    // Key contributions list only visible posts.
    expect(featured.map((p) => p.seq)).toEqual([1, 5]);
  });

  it("the subtree window (“continue this thread”) shows readers no text of them either", async () => {
    const { w, tree } = await makeSecrets();
    const { window } = await getSubtreeWindow(w.actor("member"), tree.id, tree.bySeq(2).id, {});
    expect(window.posts.map((p) => [p.seq, p.visibility])).toEqual([
      [2, "marker"],
      [3, "marker"],
      [4, "marker"],
      [5, "full"],
    ]);
    for (const secret of Object.values(SECRET)) expect(JSON.stringify(window)).not.toContain(secret);
  });

  it("moderators see a hidden post's text, never a removed or deleted one's", async () => {
    const { w, tree } = await makeSecrets();
    const window = await getThreadWindow(w.actor("moderator"), tree.id, {});
    const json = JSON.stringify(window);
    expect(json).toContain(SECRET.HIDDEN);
    expect(json).not.toContain(SECRET.REMOVED);
    expect(json).not.toContain(SECRET.DELETED);
    expect(window.posts[1]).toMatchObject({
      visibility: "hidden-with-text",
      bodyHtml: `<p>${SECRET.HIDDEN}</p>`,
      bodyMarkdown: "",
    });
    expect(window.posts[2]).toMatchObject({ visibility: "marker", bodyHtml: "" });
  });

  it("a post's history shows no text, current or earlier, of a post that is not visible", async () => {
    const { w, tree } = await makeSecrets();
    for (const seq of [2, 3, 4]) {
      const history = await getPostHistory(w.actor("moderator"), tree.bySeq(seq).id);
      expect(history.post.bodyMarkdown).toBe("");
      expect(history.revisions).toEqual([]);
      for (const secret of Object.values(SECRET)) expect(JSON.stringify(history)).not.toContain(secret);
    }
  });

  it("a post's history is NOT_FOUND to those who cannot read an approval group", async () => {
    const w = await makeWorld("APPROVAL");
    const { openingId } = await startThread(w);
    for (const who of ["anonymous", "outsider", "pending"] as const) {
      expect(await appError(getPostHistory(w.actor(who), openingId))).toMatchObject({
        code: "NOT_FOUND",
        message: "That post was not found.",
      });
    }
    expect((await getPostHistory(w.actor("member"), openingId)).post.id).toBe(openingId);
  });
});

// ---------------------------------------------------------------------------
// listGroupThreads and getThreadHeader
// ---------------------------------------------------------------------------

describe("listGroupThreads", () => {
  const at = (minutes: number) => new Date(Date.UTC(2030, 0, 1, 12, minutes));

  it("sorts by activity (pinned first), newest, and replies", async () => {
    const w = await makeWorld();
    const spec = {
      A: { posts: 3, createdAt: at(0), lastPostAt: at(50), pinnedAt: null },
      B: { posts: 6, createdAt: at(10), lastPostAt: at(20), pinnedAt: at(30) },
      C: { posts: 1, createdAt: at(20), lastPostAt: at(90), pinnedAt: null },
      D: { posts: 3, createdAt: at(30), lastPostAt: at(40), pinnedAt: null },
    };
    const idOf: Record<string, string> = {};
    for (const [title, s] of Object.entries(spec)) {
      const t = await makeThread(w.group, w.author, { posts: s.posts, title });
      await db.thread.update({
        where: { id: t.id },
        data: { createdAt: s.createdAt, lastPostAt: s.lastPostAt, pinnedAt: s.pinnedAt },
      });
      idOf[title] = t.id;
    }
    await db.thread.update({ where: { id: idOf.D }, data: { lockedAt: new Date() } });
    // Another group's thread never shows.
    const elsewhere = await makeGroup(w.owner);
    await makeThread(elsewhere, w.author, { title: "Elsewhere" });

    const titles = async (sort: "activity" | "newest" | "replies") =>
      (await listGroupThreads(w.actor("member"), w.group.id, { sort, page: 1 })).threads.map((t) => t.title);
    expect(await titles("activity")).toEqual(["B", "C", "A", "D"]);
    expect(await titles("newest")).toEqual(["D", "C", "B", "A"]);
    expect(await titles("replies")).toEqual(["B", "A", "D", "C"]);

    const list = await listGroupThreads(w.actor("member"), w.group.id, { sort: "activity", page: 1 });
    expect(list).toMatchObject({ total: 4, page: 1, pageCount: 1 });
    expect(list.threads.map((t) => [t.title, t.replies, t.pinned, t.locked])).toEqual([
      ["B", 5, true, false],
      ["C", 0, false, false],
      ["A", 2, false, false],
      ["D", 2, false, true],
    ]);
    const author = await db.user.findUniqueOrThrow({
      where: { id: w.author.id },
      select: { handle: true, displayName: true },
    });
    expect(list.threads[0]!.author).toEqual(author);
  });

  it("pages by THREADS_PAGE_SIZE, every thread on exactly one page", async () => {
    const w = await makeWorld();
    const n = THREADS_PAGE_SIZE + 2;
    for (let i = 0; i < n; i++) {
      const t = await makeThread(w.group, w.author, { title: `T${i}` });
      await db.thread.update({ where: { id: t.id }, data: { lastPostAt: at(i) } });
    }
    const page1 = await listGroupThreads(w.actor("member"), w.group.id, { sort: "activity", page: 1 });
    const page2 = await listGroupThreads(w.actor("member"), w.group.id, { sort: "activity", page: 2 });
    const page3 = await listGroupThreads(w.actor("member"), w.group.id, { sort: "activity", page: 3 });
    expect(page1.threads).toHaveLength(THREADS_PAGE_SIZE);
    expect(page2.threads.map((t) => t.title)).toEqual(["T1", "T0"]);
    expect(page3.threads).toEqual([]);
    expect(page1).toMatchObject({ total: n, pageCount: 2 });
    const all = [...page1.threads, ...page2.threads].map((t) => t.title);
    expect(new Set(all).size).toBe(n);
    expect(all[0]).toBe(`T${n - 1}`);
  });

  it("unread: null before the first visit, then the number of posts since the last one", async () => {
    const w = await makeWorld();
    const { threadId } = await startThread(w);
    const unread = async (who: Who) =>
      (await listGroupThreads(w.actor(who), w.group.id, { sort: "activity", page: 1 })).threads.find(
        (t) => t.id === threadId,
      )!.unread;

    expect(await unread("author")).toBe(0);
    expect(await unread("other")).toBeNull();
    expect(await unread("anonymous")).toBeUndefined();

    await replyToThread(w.actor("member"), { threadId, body: "One" });
    await replyToThread(w.actor("member"), { threadId, body: "Two" });
    expect(await unread("author")).toBe(2);
    expect(await unread("other")).toBeNull();

    await markThreadRead(
      w.actor("other"),
      { id: threadId, lastSeq: 3 },
      null,
      await db.post.findMany({ where: { threadId: threadId }, select: { seq: true, sortKey: true } }),
    );
    expect(await unread("other")).toBe(0);
    await replyToThread(w.actor("author"), { threadId, body: "Three" });
    expect(await unread("other")).toBe(1);
    expect(await unread("author")).toBe(3);
  });

  it.each(["anonymous", "outsider", "pending"] as const)(
    "an approval group's threads are refused to %s",
    async (who) => {
      const w = await makeWorld("APPROVAL");
      await startThread(w);
      expect(await appError(listGroupThreads(w.actor(who), w.group.id, { sort: "activity", page: 1 }))).toMatchObject({
        code: "FORBIDDEN",
        message: "Discussions in this group are for members only.",
      });
    },
  );

  it.each(["member", "groupSuspended", "admin"] as const)(
    "an approval group's threads are listed for %s",
    async (who) => {
      const w = await makeWorld("APPROVAL");
      const { threadId } = await startThread(w);
      expect(
        (await listGroupThreads(w.actor(who), w.group.id, { sort: "activity", page: 1 })).threads.map((t) => t.id),
      ).toEqual([threadId]);
    },
  );
});

describe("getThreadHeader", () => {
  it("is NOT_FOUND for those who cannot read an approval group, and tells members their standing", async () => {
    const w = await makeWorld("APPROVAL");
    const { threadId } = await startThread(w);
    for (const who of ["anonymous", "outsider", "pending"] as const) {
      expect(await appError(getThreadHeader(w.actor(who), threadId))).toMatchObject({
        code: "NOT_FOUND",
        message: "That thread was not found.",
      });
    }
    const mine = await getThreadHeader(w.actor("author"), threadId);
    expect(mine).toMatchObject({ following: true, lastReadSeq: 1 });
    expect(mine.can("post.create")).toBe(true);
    const suspended = await getThreadHeader(w.actor("groupSuspended"), threadId);
    expect(suspended).toMatchObject({ following: false, lastReadSeq: null });
    expect(suspended.can("post.create")).toBe(false);
  });
});
