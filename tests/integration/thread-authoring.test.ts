// Authors managing their threads (issue 17): changing a thread's title (the author within a day or
// until others reply, moderators always; every change in the title history, a moderator's in the
// moderation log too), a thread whose only post is deleted leaving every list, and the permalink
// after a reply showing a short thread whole.
import { beforeAll, describe, expect, it } from "vitest";
import { editThreadTitle } from "@/features/discussions/edit-thread-title";
import { createThread, deletePost, replyToThread } from "@/features/discussions/mutations";
import { getPermalinkWindow } from "@/features/discussions/queries/thread-windows";
import { getThreadHeader, listGroupThreads } from "@/features/discussions/queries/threads";
import { getThreadTitleHistory } from "@/features/discussions/queries/title-history";
import { ZEditThreadTitle } from "@/features/discussions/schemas";
import { WINDOW_SIZE } from "@/features/discussions/tree";
import { searchPublic } from "@/features/search/queries";
import { ZSearchParams } from "@/features/search/schemas";
import { db } from "@/server/db";
import { appError } from "./helpers/app-error";
import { makeThread } from "./helpers/discussion-factories";
import { actorOf, addMember, makeGroup, makeUser, type TestUser } from "./helpers/factories";
import { raceBehindTableLock } from "./helpers/race";
import { resetDatabase } from "./helpers/reset-db";

beforeAll(resetDatabase);

async function makeWorld(joinPolicy: "OPEN" | "APPROVAL" = "OPEN") {
  const [owner, moderator, author, member, outsider] = await Promise.all([
    makeUser(),
    makeUser(),
    makeUser(),
    makeUser(),
    makeUser(),
  ]);
  const group = await makeGroup(owner, { joinPolicy });
  await addMember(group, moderator, "MODERATOR");
  await addMember(group, author);
  await addMember(group, member);
  return { group, owner, moderator, author, member, outsider };
}

const as = (user: TestUser) => actorOf(user);

async function startThread(w: Awaited<ReturnType<typeof makeWorld>>, title = "Waiting times for assessment") {
  const { threadId, postId } = await createThread(as(w.author), {
    groupId: w.group.id,
    title,
    body: "How long should people wait?",
  });
  return { threadId, openingId: postId };
}

const historyOf = (threadId: string) =>
  db.threadTitleChange.findMany({
    where: { threadId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { oldTitle: true, newTitle: true, byModerator: true, editorId: true },
  });
const renamesLogged = (threadId: string) =>
  db.moderationAction.findMany({
    where: { threadId, kind: "RENAME_THREAD" },
    select: { actorId: true, details: true },
  });
const titleOf = async (threadId: string) =>
  (await db.thread.findUniqueOrThrow({ where: { id: threadId }, select: { title: true } })).title;
const twoDaysAgo = () => new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);

describe("editThreadTitle", () => {
  it("the author changes the title of a thread nobody else replied to; the change is in its history, not the moderation log", async () => {
    const w = await makeWorld();
    const { threadId } = await startThread(w, "Wating times");
    await replyToThread(as(w.author), { threadId, body: "Adding a detail myself." });
    // Even days later: only the author has written in it.
    await db.thread.update({ where: { id: threadId }, data: { createdAt: twoDaysAgo() } });

    expect(await editThreadTitle(as(w.author), { threadId, title: "Waiting times" })).toEqual({
      threadId,
      byModerator: false,
    });
    expect(await titleOf(threadId)).toBe("Waiting times");
    expect(await historyOf(threadId)).toEqual([
      { oldTitle: "Wating times", newTitle: "Waiting times", byModerator: false, editorId: w.author.id },
    ]);
    expect(await renamesLogged(threadId)).toEqual([]);

    const readable = await getThreadTitleHistory(null, threadId);
    expect(readable.thread.title).toBe("Waiting times");
    expect(readable.changes).toMatchObject([
      { oldTitle: "Wating times", newTitle: "Waiting times", byModerator: false, editor: { handle: w.author.handle } },
    ]);
    const header = await getThreadHeader(as(w.author), threadId);
    expect(header.thread.titleEdited).toBe(true);
  });

  it("within a day of starting it, the author may change it even after others replied", async () => {
    const w = await makeWorld();
    const { threadId } = await startThread(w);
    await replyToThread(as(w.member), { threadId, body: "A reply from someone else." });
    expect((await getThreadHeader(as(w.author), threadId)).titleEditing).toBe("author");
    await editThreadTitle(as(w.author), { threadId, title: "Assessment waiting times" });
    expect(await titleOf(threadId)).toBe("Assessment waiting times");
  });

  it("after others replied and a day has passed, the author is refused and nothing is written", async () => {
    const w = await makeWorld();
    const { threadId } = await startThread(w);
    await replyToThread(as(w.member), { threadId, body: "A reply from someone else." });
    await db.thread.update({ where: { id: threadId }, data: { createdAt: twoDaysAgo() } });
    expect((await getThreadHeader(as(w.author), threadId)).titleEditing).toBeNull();

    const error = await appError(editThreadTitle(as(w.author), { threadId, title: "Something else entirely" }));
    expect(error).toMatchObject({ code: "FORBIDDEN" });
    expect(error.message).toMatch(/Ask the group's moderators/);
    expect(await titleOf(threadId)).toBe("Waiting times for assessment");
    expect(await historyOf(threadId)).toEqual([]);
  });

  it("moderators may always; their change is in the history and in the open moderation log", async () => {
    const w = await makeWorld();
    const { threadId } = await startThread(w);
    await replyToThread(as(w.member), { threadId, body: "A reply from someone else." });
    await db.thread.update({ where: { id: threadId }, data: { createdAt: twoDaysAgo(), lockedAt: new Date() } });
    expect((await getThreadHeader(as(w.moderator), threadId)).titleEditing).toBe("moderator");

    await editThreadTitle(as(w.moderator), { threadId, title: "Assessment waits (moved from general)" });
    expect(await historyOf(threadId)).toEqual([
      {
        oldTitle: "Waiting times for assessment",
        newTitle: "Assessment waits (moved from general)",
        byModerator: true,
        editorId: w.moderator.id,
      },
    ]);
    expect(await renamesLogged(threadId)).toEqual([
      {
        actorId: w.moderator.id,
        details: {
          title: "Assessment waits (moved from general)",
          oldTitle: "Waiting times for assessment",
          newTitle: "Assessment waits (moved from general)",
        },
      },
    ]);
  });

  it("refuses others, outsiders of a members-only group, the signed out, an unchanged title and a paper's discussion", async () => {
    const w = await makeWorld();
    const { threadId } = await startThread(w);
    expect(await appError(editThreadTitle(as(w.member), { threadId, title: "Mine now" }))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await appError(editThreadTitle(null, { threadId, title: "Mine now" }))).toMatchObject({
      code: "UNAUTHENTICATED",
    });
    expect(
      await appError(editThreadTitle(as(w.author), { threadId, title: "Waiting times for assessment" })),
    ).toMatchObject({ code: "VALIDATION", fieldErrors: { title: "This is the title already." } });

    const closed = await makeWorld("APPROVAL");
    const hidden = await startThread(closed);
    expect(
      await appError(editThreadTitle(as(closed.outsider), { threadId: hidden.threadId, title: "Peek" })),
    ).toMatchObject({ code: "NOT_FOUND" });

    const paperThread = await makeThread(w.group, w.author, { subject: "PAPER" });
    expect(
      await appError(editThreadTitle(as(w.author), { threadId: paperThread.id, title: "A new name" })),
    ).toMatchObject({ code: "CONFLICT" });
    expect(await historyOf(threadId)).toEqual([]);
  });

  it("uses the same title rules as starting a thread", () => {
    const id = "00000000-0000-4000-8000-000000000000";
    expect(ZEditThreadTitle.safeParse({ threadId: id, title: "  ok  " }).success).toBe(false);
    expect(ZEditThreadTitle.safeParse({ threadId: id, title: "x".repeat(201) }).success).toBe(false);
    expect(ZEditThreadTitle.safeParse({ threadId: "nope", title: "Fine title" }).success).toBe(false);
    expect(ZEditThreadTitle.parse({ threadId: id, title: "  A fine title  " }).title).toBe("A fine title");
  });

  it("changes at the same moment apply one after another: each history row starts from the title the last one left", async () => {
    const w = await makeWorld();
    const { threadId } = await startThread(w, "Original title");
    const edits = [
      () => editThreadTitle(as(w.author), { threadId, title: "Author's first try" }),
      () => editThreadTitle(as(w.moderator), { threadId, title: "Moderator's version" }),
      () => editThreadTitle(as(w.author), { threadId, title: "Author's second try" }),
      () => editThreadTitle(as(w.owner), { threadId, title: "Owner's version" }),
    ];
    const { results, overlapped } = await raceBehindTableLock("Thread", edits, edits.length);
    expect(overlapped).toBeGreaterThanOrEqual(edits.length);
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);

    const history = await historyOf(threadId);
    expect(history).toHaveLength(4);
    expect(history[0]!.oldTitle).toBe("Original title");
    for (let i = 1; i < history.length; i++) expect(history[i]!.oldTitle).toBe(history[i - 1]!.newTitle);
    expect(await titleOf(threadId)).toBe(history.at(-1)!.newTitle);
  });
});

describe("deleting the only post of a thread", () => {
  const search = (q: string) => searchPublic(ZSearchParams.parse({ q }));
  const countedThreads = async (groupId: string) =>
    (await db.group.findUniqueOrThrow({ where: { id: groupId }, select: { threadCount: true } })).threadCount;

  it("takes the thread out of every list, and its address answers not found", async () => {
    const w = await makeWorld();
    const { threadId, openingId } = await startThread(w, "Zebracrossingthoughts about kerbs");
    await startThread(w, "A thread that stays");
    expect(await countedThreads(w.group.id)).toBe(2);
    const found = await search("Zebracrossingthoughts");
    expect(found.ok && found.hits.length).toBe(1);

    expect(await deletePost(as(w.author), { postId: openingId })).toEqual({
      threadDeleted: true,
      groupSlug: w.group.slug,
    });
    expect(await db.thread.findUnique({ where: { id: threadId } })).toBeNull();
    expect(await countedThreads(w.group.id)).toBe(1);
    const list = await listGroupThreads(null, w.group.id, { sort: "activity", page: 1 });
    expect(list.threads.map((t) => t.title)).toEqual(["A thread that stays"]);
    expect(list.total).toBe(1);
    const gone = await search("Zebracrossingthoughts");
    expect(gone.ok && gone.hits.length).toBe(0);
    expect(await db.notification.count({ where: { threadId } })).toBe(0);
    expect(await db.threadFollow.count({ where: { threadId } })).toBe(0);
    expect(await appError(getThreadHeader(null, threadId))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("with replies the thread stays, showing the opening post as deleted", async () => {
    const w = await makeWorld();
    const { threadId, openingId } = await startThread(w);
    await replyToThread(as(w.member), { threadId, body: "I have a view." });
    expect(await deletePost(as(w.author), { postId: openingId })).toMatchObject({ threadDeleted: false });
    expect(await db.post.findUniqueOrThrow({ where: { id: openingId } })).toMatchObject({ status: "DELETED" });
    expect(await countedThreads(w.group.id)).toBe(1);
    const list = await listGroupThreads(null, w.group.id, { sort: "activity", page: 1 });
    expect(list.threads.map((t) => t.id)).toEqual([threadId]);
  });

  it("a paper's discussion goes too, without touching the group's count of its own threads", async () => {
    const w = await makeWorld();
    const thread = await makeThread(w.group, w.author, { subject: "PAPER" });
    const before = await countedThreads(w.group.id);
    await deletePost(as(w.author), { postId: thread.posts[0]!.id });
    expect(await db.thread.findUnique({ where: { id: thread.id } })).toBeNull();
    expect(await countedThreads(w.group.id)).toBe(before);
  });

  it("racing a reply: either the reply lands and the thread stays, or the thread goes and the reply is told so", async () => {
    for (let round = 0; round < 3; round++) {
      const w = await makeWorld();
      const { threadId, openingId } = await startThread(w);
      const { results, overlapped } = await raceBehindTableLock<unknown>(
        "Thread",
        [
          () => deletePost(as(w.author), { postId: openingId }),
          () => replyToThread(as(w.member), { threadId, body: "Wait, I wanted to answer." }),
        ],
        2,
      );
      expect(overlapped).toBe(2);
      const [deletion, reply] = results;
      expect(deletion!.status).toBe("fulfilled");
      const thread = await db.thread.findUnique({ where: { id: threadId }, select: { postCount: true } });
      const counted = await countedThreads(w.group.id);
      expect(counted).toBe(await db.thread.count({ where: { groupId: w.group.id, subject: "GROUP" } }));
      if (reply!.status === "fulfilled") {
        expect(thread).toEqual({ postCount: 2 });
        expect(await db.post.findUniqueOrThrow({ where: { id: openingId } })).toMatchObject({ status: "DELETED" });
      } else {
        expect(thread).toBeNull();
        expect(reply!.reason).toMatchObject({ code: "NOT_FOUND" });
      }
    }
  });
});

describe("the thread after a reply", () => {
  it("a thread that fits one page is shown whole at the new reply, opening post included", async () => {
    const w = await makeWorld();
    const thread = await makeThread(w.group, w.author, { posts: 5, replyAuthors: [w.member] });
    const { postId } = await replyToThread(as(w.member), { threadId: thread.id, body: "My reply" });
    const landing = await getPermalinkWindow(as(w.member), thread.id, postId);
    expect(landing.whole).toBe(true);
    expect(landing.window.hasPrevious).toBe(false);
    expect(landing.window.hasNext).toBe(false);
    expect(landing.window.posts.map((p) => p.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("a longer thread is windowed around the post", async () => {
    const w = await makeWorld();
    const thread = await makeThread(w.group, w.author, { posts: WINDOW_SIZE + 5 });
    const last = thread.posts.at(-1)!;
    const landing = await getPermalinkWindow(as(w.member), thread.id, last.id);
    expect(landing.whole).toBe(false);
    expect(landing.window.hasPrevious).toBe(true);
    expect(landing.window.posts.map((p) => p.id)).toContain(last.id);
  });
});
