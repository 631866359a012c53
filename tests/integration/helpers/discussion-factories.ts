// Threads and posts written straight to the database, shaped as the discussion mutations leave
// them: posts numbered 1..n in order of writing, top-level (depth 0), sortKey = seq zero-padded to
// 7 digits, Thread.postCount and lastSeq = n, Group.threadCount kept in step.
import { randomBytes } from "node:crypto";
import type { ThreadSubject } from "@/generated/prisma/enums";
import { db } from "@/server/db";

export type TestPost = { id: string; seq: number; authorId: string | null; bodyMarkdown: string };
export type TestThread = { id: string; groupId: string; title: string; posts: TestPost[] };

export const sortKeyOf = (seq: number) => String(seq).padStart(7, "0");

export async function makeThread(
  group: { id: string },
  author: { id: string } | null,
  options: {
    posts?: number;
    title?: string;
    subject?: ThreadSubject;
    /** Authors of posts 2..n in turn (post 1 is always `author`'s); defaults to `author` for all. */
    replyAuthors?: ({ id: string } | null)[];
    body?: (seq: number) => string;
  } = {},
): Promise<TestThread> {
  const n = options.posts ?? 1;
  const title = options.title ?? `Thread ${randomBytes(4).toString("hex")}`;
  const body = options.body ?? ((seq: number) => `Post number ${seq} with some *emphasis*.`);
  const authorOf = (seq: number) => {
    if (seq === 1 || !options.replyAuthors?.length) return author?.id ?? null;
    return options.replyAuthors[(seq - 2) % options.replyAuthors.length]?.id ?? null;
  };
  return db.$transaction(async (tx) => {
    const thread = await tx.thread.create({
      data: {
        groupId: group.id,
        title,
        subject: options.subject ?? "GROUP",
        authorId: author?.id ?? null,
        postCount: n,
        lastSeq: n,
      },
      select: { id: true, groupId: true, title: true },
    });
    const posts = await tx.post.createManyAndReturn({
      data: Array.from({ length: n }, (_, i) => {
        const seq = i + 1;
        const markdown = body(seq);
        return {
          threadId: thread.id,
          seq,
          depth: 0,
          sortKey: sortKeyOf(seq),
          authorId: authorOf(seq),
          bodyMarkdown: markdown,
          bodyHtml: `<p>${markdown}</p>`,
        };
      }),
      select: { id: true, seq: true, authorId: true, bodyMarkdown: true },
    });
    await tx.group.update({ where: { id: group.id }, data: { threadCount: { increment: 1 } }, select: { id: true } });
    return { ...thread, posts: posts.sort((a, b) => a.seq - b.seq) };
  });
}

/** A report written directly (as reportPost would, without its checks), keeping Post.reportCount in step. */
export async function addReport(
  post: { id: string },
  group: { id: string },
  reporter: { id: string },
  reason = "This breaks the group's rules.",
  createdAt?: Date,
) {
  await db.$transaction([
    db.report.create({ data: { postId: post.id, groupId: group.id, reporterId: reporter.id, reason, createdAt } }),
    db.post.update({ where: { id: post.id }, data: { reportCount: { increment: 1 } } }),
  ]);
}
