// Reading a thread window by window (stranger test 15b): the read mark moves as far as the posts
// a page showed, not to the thread's end; the page asks after what it showed; a cursor past either
// end of the thread is said so, with no paging links; someone who left the group is still offered
// to delete their own posts.

import { beforeAll, describe, expect, it } from "vitest";
import { leaveGroup } from "@/composition/memberships";
import { markThreadRead, replyToThread } from "@/features/discussions/mutations";
import { getThreadWindow } from "@/features/discussions/queries/thread-windows";
import { getThreadHeader } from "@/features/discussions/queries/threads";
import { WINDOW_SIZE } from "@/features/discussions/tree";
import { db } from "@/server/db";
import { makeThread } from "./helpers/discussion-factories";
import { actorOf, addMember, makeGroup, makeUser } from "./helpers/factories";
import { resetDatabase } from "./helpers/reset-db";

beforeAll(resetDatabase);

/** A thread of 45 posts (two windows) by its owner and a writer, and a member who reads it. */
async function world(posts = 45) {
  const [owner, writer, reader] = await Promise.all([makeUser(), makeUser(), makeUser()]);
  const group = await makeGroup(owner);
  await addMember(group, writer);
  await addMember(group, reader);
  const thread = await makeThread(group, owner, { posts, replyAuthors: [writer, owner] });
  return { owner, writer, reader, group, thread };
}

/** What the thread page does: the header, a window, then the read mark for what it showed. */
async function openPage(viewer: Parameters<typeof getThreadHeader>[0], threadId: string, cursor = {}) {
  const header = await getThreadHeader(viewer, threadId);
  const window = await getThreadWindow(viewer, threadId, cursor);
  await markThreadRead(viewer, header.thread, header.lastReadSeq, window.posts);
  return { header, window };
}

const markOf = async (userId: string, threadId: string) =>
  (await db.threadRead.findUnique({ where: { userId_threadId: { userId, threadId } } }))?.lastReadSeq ?? null;

describe("the read mark", () => {
  it("moves to the last post the first window showed; the later window's posts stay new", async () => {
    const { reader, thread } = await world();
    const viewer = actorOf(reader);
    await openPage(viewer, thread.id);
    expect(await markOf(reader.id, thread.id)).toBe(WINDOW_SIZE);

    // Opening the latest posts then: those past the first window are new, and now read.
    const { header, window } = await openPage(viewer, thread.id, { last: true });
    expect(header.lastReadSeq).toBe(WINDOW_SIZE);
    const fresh = window.posts.filter((p) => p.seq > (header.lastReadSeq ?? 0)).map((p) => p.seq);
    expect(fresh).toEqual(Array.from({ length: 45 - WINDOW_SIZE }, (_, i) => WINDOW_SIZE + 1 + i));
    expect(await markOf(reader.id, thread.id)).toBe(45);
  });

  it("a reply in the last window, after the reader opened only the first, stays new", async () => {
    const { reader, writer, thread } = await world();
    const viewer = actorOf(reader);
    await openPage(viewer, thread.id, { last: true });
    expect(await markOf(reader.id, thread.id)).toBe(45);
    await replyToThread(actorOf(writer), { threadId: thread.id, body: "A late reply, at the end." });
    await openPage(viewer, thread.id);
    // The first window has nothing past the mark: the mark stays where it was.
    expect(await markOf(reader.id, thread.id)).toBe(45);
    const { header, window } = await openPage(viewer, thread.id, { last: true });
    expect(header.lastReadSeq).toBe(45);
    expect(window.posts.at(-1)).toMatchObject({ seq: 46 });
    expect(await markOf(reader.id, thread.id)).toBe(46);
  });

  it("is not held back by the reader's own posts in a later window, which are never new to them", async () => {
    const { reader, writer, thread } = await world(WINDOW_SIZE);
    const viewer = actorOf(reader);
    await openPage(viewer, thread.id);
    expect(await markOf(reader.id, thread.id)).toBe(WINDOW_SIZE);
    // The reader's own reply at the end (a later window), then someone's reply nested under the
    // opening post, which the first window shows.
    await replyToThread(viewer, { threadId: thread.id, body: "Mine, at the end." });
    await replyToThread(actorOf(writer), { threadId: thread.id, parentId: thread.posts[0]!.id, body: "Nested." });
    const { header, window } = await openPage(viewer, thread.id);
    expect(window.posts.map((p) => p.seq)).toContain(WINDOW_SIZE + 2);
    expect(header.lastReadSeq).toBe(WINDOW_SIZE);
    expect(await markOf(reader.id, thread.id)).toBe(WINDOW_SIZE + 2);
  });

  it("is held back by someone else's reply in a later window", async () => {
    const { reader, writer, thread } = await world(WINDOW_SIZE);
    const viewer = actorOf(reader);
    await openPage(viewer, thread.id);
    await replyToThread(actorOf(writer), { threadId: thread.id, body: "At the end, in the next window." });
    await replyToThread(actorOf(writer), { threadId: thread.id, parentId: thread.posts[0]!.id, body: "Nested." });
    await openPage(viewer, thread.id);
    // The nested reply (seq 32) is shown, but post 31 is not: the mark stops before it.
    expect(await markOf(reader.id, thread.id)).toBe(WINDOW_SIZE);
    const { header, window } = await openPage(viewer, thread.id, { last: true });
    expect(window.posts.filter((p) => p.seq > (header.lastReadSeq ?? 0)).map((p) => p.seq)).toContain(WINDOW_SIZE + 1);
    // The latest window ends with post 31; the nested one (32) is in the first window, beyond the
    // mark's one number: it will be "New" there once more.
    expect(await markOf(reader.id, thread.id)).toBe(WINDOW_SIZE + 1);
  });

  it("a reply posted after the page read its window stays unread, and so do its notices", async () => {
    const { reader, writer, thread } = await world(3);
    const viewer = actorOf(reader);
    await db.threadFollow.create({ data: { threadId: thread.id, userId: reader.id } });
    const header = await getThreadHeader(viewer, thread.id);
    const window = await getThreadWindow(viewer, thread.id, {});
    await replyToThread(actorOf(writer), { threadId: thread.id, body: "Posted while the page was drawn." });
    await markThreadRead(viewer, { id: thread.id, lastSeq: 4 }, header.lastReadSeq, window.posts);
    expect(await markOf(reader.id, thread.id)).toBe(3);
    const notice = await db.notification.findFirstOrThrow({ where: { userId: reader.id, threadId: thread.id } });
    expect(notice.readAt).toBeNull();
  });
});

describe("a cursor past either end of the thread", () => {
  it.each([{ after: "99999999" }, { before: "0000001" }])(
    "finds no posts and offers no paging (%o)",
    async (cursor) => {
      const { reader, thread } = await world(5);
      const window = await getThreadWindow(actorOf(reader), thread.id, cursor);
      expect(window).toMatchObject({ posts: [], hasPrevious: false, hasNext: false, outOfRange: true });
    },
  );

  it("a cursor inside the thread is not out of range", async () => {
    const { reader, thread } = await world(45);
    const window = await getThreadWindow(actorOf(reader), thread.id, { after: "0000010" });
    expect(window.outOfRange).toBe(false);
    expect(window.posts[0]).toMatchObject({ seq: 11 });
  });
});

describe("someone who left the group", () => {
  it("is offered to delete their own posts there (not to edit them); a member is offered both", async () => {
    const { writer, group, thread } = await world(3);
    const member = await getThreadHeader(actorOf(writer), thread.id);
    expect(member.can("post.edit")).toBe(true);
    await leaveGroup(actorOf(writer), { groupId: group.id });
    const left = await getThreadHeader(actorOf(writer), thread.id);
    expect(left.can("post.edit")).toBe(false);
    expect(left.deleteAfterLeaving).toBe(true);
    expect((await getThreadHeader(null, thread.id)).deleteAfterLeaving).toBe(false);
  });
});
