import { beforeAll, describe, expect, it } from "vitest";
import { createThread, markThreadRead, replyToThread } from "@/features/discussions/mutations";
import { markAllNotificationsRead, openNotification } from "@/features/notifications/mutations";
import { countUnreadNotifications, listNotifications, notificationTarget } from "@/features/notifications/queries";
import { db } from "@/server/db";
import { actorOf, addMember, makeGroup, makeUser } from "./helpers/factories";
import { resetDatabase } from "./helpers/reset-db";

async function notificationFor(userId: string, url = "/groups/x") {
  return db.notification.create({
    data: { userId, kind: "REPLY", text: "Someone replied to you", url },
    select: { id: true },
  });
}

describe("notifications", () => {
  beforeAll(resetDatabase);

  it("reading a thread clears the notifications about its posts, and only those", async () => {
    const owner = await makeUser();
    const group = await makeGroup(owner);
    const me = await makeUser();
    await addMember(group, me);
    const mine = await createThread(actorOf(me), {
      groupId: group.id,
      title: "My question",
      body: "What do you think?",
    });
    const other = await createThread(actorOf(me), { groupId: group.id, title: "Another question", body: "And this?" });
    const reply = await replyToThread(actorOf(owner), {
      threadId: mine.threadId,
      parentId: mine.postId,
      body: "I think yes.",
    });
    await replyToThread(actorOf(owner), { threadId: other.threadId, parentId: other.postId, body: "Maybe." });
    const about = await db.notification.findFirstOrThrow({ where: { userId: me.id, threadId: mine.threadId } });
    expect(about).toMatchObject({ kind: "REPLY", postId: reply.postId, readAt: null });
    expect(await countUnreadNotifications(actorOf(me))).toBe(2);

    await markThreadRead(
      actorOf(me),
      { id: mine.threadId, lastSeq: 2 },
      1,
      await db.post.findMany({ where: { threadId: mine.threadId }, select: { seq: true, sortKey: true } }),
    );
    expect(await countUnreadNotifications(actorOf(me))).toBe(1);
    expect(
      (await db.notification.findFirstOrThrow({ where: { userId: me.id, threadId: other.threadId } })).readAt,
    ).toBeNull();
  });

  it("opening a notification marks it read and returns where it points", async () => {
    const me = await makeUser();
    const { id } = await notificationFor(me.id, "/threads/abc");
    expect(await countUnreadNotifications(actorOf(me))).toBe(1);
    expect(await openNotification(actorOf(me), id)).toBe("/threads/abc");
    expect(await countUnreadNotifications(actorOf(me))).toBe(0);
    // Opening it again changes nothing and still leads there.
    expect(await openNotification(actorOf(me), id)).toBe("/threads/abc");
  });

  it("a notification about a post leads to that post on its page, scrolled to", async () => {
    const me = await makeUser();
    await db.notification.deleteMany({ where: { userId: me.id } });
    const [post] = await db.post.findMany({ take: 1, select: { id: true, threadId: true } });
    const n = await db.notification.create({
      data: {
        userId: me.id,
        kind: "MENTION",
        text: "x",
        url: `/threads/${post!.threadId}/posts/${post!.id}`,
        threadId: post!.threadId,
        postId: post!.id,
      },
    });
    expect(await notificationTarget(actorOf(me), n.id)).toBe(
      `/threads/${post!.threadId}/posts/${post!.id}#post-${post!.id}`,
    );
    expect(await openNotification(actorOf(me), n.id)).toBe(
      `/threads/${post!.threadId}/posts/${post!.id}#post-${post!.id}`,
    );
  });

  it("reading changes nothing: the list and a notification's target leave it unread", async () => {
    const me = await makeUser();
    const { id } = await notificationFor(me.id, "/threads/abc");
    expect((await listNotifications(actorOf(me), 1)).items).toMatchObject([{ id, readAt: null }]);
    expect(await notificationTarget(actorOf(me), id)).toBe("/threads/abc");
    expect(await countUnreadNotifications(actorOf(me))).toBe(1);
    expect((await db.notification.findUniqueOrThrow({ where: { id } })).readAt).toBeNull();
    // Only one's own, and only well-formed ids.
    expect(await notificationTarget(actorOf(await makeUser()), id)).toBeNull();
    expect(await notificationTarget(null, id)).toBeNull();
    expect(await notificationTarget(actorOf(me), "not-a-uuid")).toBeNull();
  });

  it("nobody can open, read or mark someone else's notifications", async () => {
    const owner = await makeUser();
    const other = await makeUser();
    const { id } = await notificationFor(owner.id);
    expect(await openNotification(actorOf(other), id)).toBeNull();
    expect(await openNotification(null, id)).toBeNull();
    expect(await openNotification(actorOf(other), "not-a-uuid")).toBeNull();
    await markAllNotificationsRead(actorOf(other));
    expect(await countUnreadNotifications(actorOf(owner))).toBe(1);
    expect((await listNotifications(actorOf(other), 1)).items).toHaveLength(0);
    await expect(listNotifications(null, 1)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await countUnreadNotifications(null)).toBe(0);
  });

  it("mark all as read touches only the actor's own", async () => {
    const me = await makeUser();
    await notificationFor(me.id);
    await notificationFor(me.id);
    await markAllNotificationsRead(actorOf(me));
    expect(await countUnreadNotifications(actorOf(me))).toBe(0);
  });
});
