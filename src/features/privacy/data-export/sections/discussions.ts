import "server-only";
import { postPath, threadPath } from "@/lib/paths";
import { db } from "@/server/db";
import { afterId, groupOf, oldestFirst, section } from "../section";

// Parts of a member's archive (see ../sections.ts for what may go in one, and the list of files).

export const posts = section({
  covers: ["Post.author", "PostRevision.editor"],
  count: (userId) => db.post.count({ where: { authorId: userId } }),
  batch: (userId, after, take) =>
    db.post.findMany({
      where: { authorId: userId, ...afterId(after) },
      orderBy: oldestFirst,
      take,
      select: {
        id: true,
        threadId: true,
        seq: true,
        parentId: true,
        bodyMarkdown: true,
        status: true,
        statusReason: true,
        replyCount: true,
        agreeCount: true,
        usefulCount: true,
        editedAt: true,
        createdAt: true,
        thread: { select: { title: true, group: { select: { slug: true, name: true } } } },
        revisions: { orderBy: { createdAt: "asc" }, select: { bodyMarkdown: true, createdAt: true } },
      },
    }),
  cursorOf: (p) => ({ at: p.createdAt, key: p.id }),
  record: (p) => ({
    id: p.id,
    url: postPath(p.threadId, p.id),
    thread: { id: p.threadId, title: p.thread.title, url: threadPath(p.threadId) },
    group: groupOf(p.thread.group),
    numberInThread: p.seq,
    inReplyToPostId: p.parentId,
    createdAt: p.createdAt,
    editedAt: p.editedAt,
    status: p.status,
    statusReason: p.statusReason,
    body: p.bodyMarkdown,
    earlierVersions: p.revisions.map((r) => ({ body: r.bodyMarkdown, savedAt: r.createdAt })),
    replies: p.replyCount,
    agree: p.agreeCount,
    useful: p.usefulCount,
  }),
  csv: {
    columns: [
      "id",
      "created_at",
      "edited_at",
      "group",
      "thread_title",
      "thread_id",
      "in_reply_to_post_id",
      "status",
      "replies",
      "agree",
      "useful",
      "url",
      "body",
    ],
    row: (p) => [
      p.id,
      p.createdAt,
      p.editedAt,
      p.thread.group.name,
      p.thread.title,
      p.threadId,
      p.parentId,
      p.status,
      p.replyCount,
      p.agreeCount,
      p.usefulCount,
      postPath(p.threadId, p.id),
      p.bodyMarkdown,
    ],
  },
});

export const threadsStarted = section({
  covers: ["Thread.author"],
  count: (userId) => db.thread.count({ where: { authorId: userId } }),
  batch: (userId, after, take) =>
    db.thread.findMany({
      where: { authorId: userId, ...afterId(after) },
      orderBy: oldestFirst,
      take,
      select: {
        id: true,
        title: true,
        subject: true,
        postCount: true,
        lockedAt: true,
        createdAt: true,
        group: { select: { slug: true, name: true } },
      },
    }),
  cursorOf: (t) => ({ at: t.createdAt, key: t.id }),
  record: (t) => ({
    id: t.id,
    title: t.title,
    url: threadPath(t.id),
    group: groupOf(t.group),
    about: t.subject,
    posts: t.postCount,
    startedAt: t.createdAt,
    lockedAt: t.lockedAt,
  }),
});

export const threadsFollowed = section({
  covers: ["ThreadFollow.user"],
  count: (userId) => db.threadFollow.count({ where: { userId } }),
  batch: (userId, after, take) =>
    db.threadFollow.findMany({
      where: { userId, ...afterId(after, "threadId") },
      orderBy: [{ createdAt: "asc" }, { threadId: "asc" }],
      take,
      select: {
        threadId: true,
        createdAt: true,
        thread: { select: { title: true, group: { select: { slug: true, name: true } } } },
      },
    }),
  cursorOf: (f) => ({ at: f.createdAt, key: f.threadId }),
  record: (f) => ({
    threadId: f.threadId,
    title: f.thread.title,
    url: threadPath(f.threadId),
    group: groupOf(f.thread.group),
    followingSince: f.createdAt,
  }),
});

/** Titles of threads the member changed (their own, or as a moderator). */
export const threadTitlesChanged = section({
  covers: ["ThreadTitleChange.editor"],
  count: (userId) => db.threadTitleChange.count({ where: { editorId: userId } }),
  batch: (userId, after, take) =>
    db.threadTitleChange.findMany({
      where: { editorId: userId, ...afterId(after) },
      orderBy: oldestFirst,
      take,
      select: { id: true, threadId: true, oldTitle: true, newTitle: true, byModerator: true, createdAt: true },
    }),
  cursorOf: (c) => ({ at: c.createdAt, key: c.id }),
  record: (c) => ({
    threadId: c.threadId,
    url: threadPath(c.threadId),
    from: c.oldTitle,
    to: c.newTitle,
    asModerator: c.byModerator,
    changedAt: c.createdAt,
  }),
});

/** How far the member has read each thread (what "new since you last read" is counted from). */
export const threadsRead = section({
  covers: ["ThreadRead.user"],
  count: (userId) => db.threadRead.count({ where: { userId } }),
  // Ordered by thread, not by time: reading moves readAt, which would move a row past the cursor mid-build.
  batch: (userId, after, take) =>
    db.threadRead.findMany({
      where: { userId, ...(after ? { threadId: { gt: after.key } } : {}) },
      orderBy: { threadId: "asc" },
      take,
      select: { threadId: true, lastReadSeq: true, readAt: true, thread: { select: { title: true } } },
    }),
  cursorOf: (r) => ({ at: new Date(0), key: r.threadId }),
  record: (r) => ({
    threadId: r.threadId,
    title: r.thread.title,
    url: threadPath(r.threadId),
    readUpToPost: r.lastReadSeq,
    lastReadAt: r.readAt,
  }),
});

const REACTION_KINDS = ["AGREE", "USEFUL"] as const; // enum order = name order

export const reactions = section({
  covers: ["Reaction.user"],
  count: (userId) => db.reaction.count({ where: { userId } }),
  batch: (userId, after, take) =>
    db.reaction.findMany({
      where: {
        userId,
        ...(after
          ? {
              OR: [
                { createdAt: { gt: after.at } },
                { createdAt: after.at, postId: { gt: after.key } },
                {
                  createdAt: after.at,
                  postId: after.key,
                  kind: { in: REACTION_KINDS.filter((k) => k > (after.key2 ?? "")) },
                },
              ],
            }
          : {}),
      },
      orderBy: [{ createdAt: "asc" }, { postId: "asc" }, { kind: "asc" }],
      take,
      select: {
        postId: true,
        kind: true,
        createdAt: true,
        post: { select: { threadId: true, thread: { select: { title: true } } } },
      },
    }),
  cursorOf: (r) => ({ at: r.createdAt, key: r.postId, key2: r.kind }),
  record: (r) => ({
    postId: r.postId,
    url: postPath(r.post.threadId, r.postId),
    threadTitle: r.post.thread.title,
    reaction: r.kind,
    at: r.createdAt,
  }),
});
