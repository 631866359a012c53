import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Perspective, PostStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { postVisibility } from "../policy";
import { ancestorKey, MAX_INLINE_DEPTH, subtreeEnd, WINDOW_SIZE } from "../tree";
import { moderatesIn, threadAccess } from "./thread-access";

type PostRow = {
  id: string;
  seq: number;
  sortKey: string;
  depth: number;
  parentId: string | null;
  bodyMarkdown: string;
  bodyHtml: string;
  status: PostStatus;
  statusReason: string | null;
  replyCount: number;
  agreeCount: number;
  usefulCount: number;
  featuredAt: Date | null;
  editedAt: Date | null;
  createdAt: Date;
  authorId: string | null;
  authorHandle: string | null;
  authorName: string | null;
  authorDeletedAt: Date | null;
  perspective: Perspective | null;
  agreed: boolean;
  foundUseful: boolean;
};

/**
 * Posts with their authors (and their perspective) and whether the viewer reacted to each: one
 * statement, where Prisma's relations took four (posts, authors, profiles, reactions).
 */
function selectPosts(viewer: Actor, where: Prisma.Sql, orderBy: Prisma.Sql, limit: number) {
  const viewerId = viewer?.id ?? null;
  return db.$queryRaw<PostRow[]>`
    SELECT p.id, p.seq, p."sortKey", p.depth, p."parentId", p."bodyMarkdown", p."bodyHtml",
           p.status::text AS status, p."statusReason", p."replyCount", p."agreeCount", p."usefulCount",
           p."featuredAt", p."editedAt", p."createdAt",
           u.id AS "authorId", u.handle AS "authorHandle", u."displayName" AS "authorName",
           u."deletedAt" AS "authorDeletedAt", pr.perspective::text AS perspective,
           EXISTS (SELECT 1 FROM "Reaction" r
                   WHERE r."postId" = p.id AND r."userId" = ${viewerId}::uuid AND r.kind = 'AGREE') AS agreed,
           EXISTS (SELECT 1 FROM "Reaction" r
                   WHERE r."postId" = p.id AND r."userId" = ${viewerId}::uuid AND r.kind = 'USEFUL') AS "foundUseful"
    FROM "Post" p
    LEFT JOIN "User" u ON u.id = p."authorId"
    LEFT JOIN "Profile" pr ON pr."userId" = u.id
    WHERE ${where}
    ORDER BY ${orderBy}
    LIMIT ${limit}`;
}

export type WindowCursor = { after?: string; before?: string; last?: boolean; around?: string };

/** A key range of a thread; maxDepth null means every depth (subtrees). */
type Range = { from: string; to: string | null; maxDepth: number | null };

/**
 * One window of posts in tree order, within a key range (the whole thread or one subtree).
 * Every variant is a single range scan on (threadId, sortKey), whatever the thread's size.
 */
async function fetchWindow(viewer: Actor, threadId: string, range: Range, cursor: WindowCursor) {
  const base = Prisma.sql`p."threadId" = ${threadId}::uuid AND p."sortKey" >= ${range.from}
    ${range.to ? Prisma.sql`AND p."sortKey" < ${range.to}` : Prisma.empty}
    ${range.maxDepth === null ? Prisma.empty : Prisma.sql`AND p.depth <= ${range.maxDepth}`}`;
  const forward = (gt: string | undefined, take: number, inclusive = false) =>
    selectPosts(
      viewer,
      gt
        ? inclusive
          ? Prisma.sql`${base} AND p."sortKey" >= ${gt}`
          : Prisma.sql`${base} AND p."sortKey" > ${gt}`
        : base,
      Prisma.sql`p."sortKey" ASC`,
      take,
    );
  const backward = (lt: string | undefined, take: number) =>
    selectPosts(
      viewer,
      lt ? Prisma.sql`${base} AND p."sortKey" < ${lt}` : base,
      Prisma.sql`p."sortKey" DESC`,
      take,
    ).then((rows) => rows.reverse());

  if (cursor.around) {
    const lead = 3;
    const [before, after] = await Promise.all([
      backward(cursor.around, lead + 1),
      forward(cursor.around, WINDOW_SIZE - lead + 1, true),
    ]);
    const hasPrevious = before.length > lead;
    const hasNext = after.length > WINDOW_SIZE - lead;
    return {
      posts: [...before.slice(hasPrevious ? 1 : 0), ...after.slice(0, WINDOW_SIZE - lead)],
      hasPrevious,
      hasNext,
    };
  }
  if (cursor.last || cursor.before) {
    const rows = await backward(cursor.before, WINDOW_SIZE + 1);
    const hasPrevious = rows.length > WINDOW_SIZE;
    return { posts: rows.slice(hasPrevious ? 1 : 0), hasPrevious, hasNext: !!cursor.before };
  }
  const rows = await forward(cursor.after, WINDOW_SIZE + 1);
  const hasNext = rows.length > WINDOW_SIZE;
  return { posts: rows.slice(0, WINDOW_SIZE), hasPrevious: !!cursor.after, hasNext };
}

/** What the page may show of each post: removed and deleted text never leaves the server. */
function present(posts: PostRow[], moderates: boolean, viewerId: string | undefined) {
  return posts.map((p) => {
    const visibility = postVisibility(p.status, moderates);
    const author =
      p.authorId && p.authorHandle !== null && p.authorName !== null && !p.authorDeletedAt
        ? { id: p.authorId, handle: p.authorHandle, displayName: p.authorName, perspective: p.perspective ?? "OTHER" }
        : null;
    return {
      id: p.id,
      seq: p.seq,
      sortKey: p.sortKey,
      depth: p.depth,
      parentId: p.parentId,
      status: p.status,
      statusReason: p.statusReason,
      visibility,
      bodyHtml: visibility === "marker" ? "" : p.bodyHtml,
      bodyMarkdown: visibility === "full" ? p.bodyMarkdown : "",
      replyCount: p.replyCount,
      agreeCount: p.agreeCount,
      usefulCount: p.usefulCount,
      featured: !!p.featuredAt,
      editedAt: p.editedAt,
      createdAt: p.createdAt,
      author,
      mine: !!viewerId && author?.id === viewerId,
      reacted: { agree: p.agreed, useful: p.foundUseful },
    };
  });
}

export type ThreadPost = ReturnType<typeof present>[number];

async function windowFor(viewer: Actor, threadId: string, range: Range, cursor: WindowCursor) {
  const moderates = await moderatesIn(viewer, threadId);
  const window = await fetchWindow(viewer, threadId, range, cursor);
  const posts = present(window.posts, moderates, viewer?.id);
  // A cursor past either end (a hand-made or outdated address) finds nothing: the page says so
  // and offers the first and the latest posts, rather than paging links with no key.
  const outOfRange = posts.length === 0 && !!(cursor.after || cursor.before);
  return {
    posts,
    hasPrevious: window.hasPrevious && !outOfRange,
    hasNext: window.hasNext && !outOfRange,
    firstKey: posts[0]?.sortKey ?? null,
    lastKey: posts[posts.length - 1]?.sortKey ?? null,
    outOfRange,
  };
}

/** A window of the whole thread: the first, one after/before a cursor, or the last. */
export async function getThreadWindow(viewer: Actor, threadId: string, cursor: WindowCursor) {
  return windowFor(viewer, threadId, { from: "0", to: null, maxDepth: MAX_INLINE_DEPTH }, cursor);
}

/**
 * Where a permalink lands: the whole thread when it fits on one page (so the opening post and
 * the context stay in view, as after replying), else a window of the thread around the post;
 * for a post deeper than the thread page draws, a window of the "continued" subtree that holds it.
 * `whole` says the window is the whole thread.
 */
export async function getPermalinkWindow(viewer: Actor, threadId: string, postId: string) {
  const { thread } = await threadAccess(viewer, threadId);
  const target = await db.post.findUnique({
    where: { id: postId },
    select: { id: true, threadId: true, sortKey: true, depth: true },
  });
  if (!target || target.threadId !== threadId) throw notFound("That post");
  if (target.depth <= MAX_INLINE_DEPTH) {
    // postCount counts every post, drawn inline or not, so under it the first window is all there is.
    if (thread.postCount <= WINDOW_SIZE) {
      const window = await getThreadWindow(viewer, threadId, {});
      if (!window.hasNext) return { rootId: null, whole: true, window };
    }
    return {
      rootId: null,
      whole: false,
      window: await getThreadWindow(viewer, threadId, { around: target.sortKey }),
    };
  }
  const rootKey = ancestorKey(target.sortKey, MAX_INLINE_DEPTH);
  const root = await db.post.findUniqueOrThrow({
    where: { threadId_sortKey: { threadId, sortKey: rootKey } },
    select: { id: true },
  });
  const range = { from: rootKey, to: subtreeEnd(rootKey), maxDepth: null };
  return {
    rootId: root.id,
    whole: false,
    window: await windowFor(viewer, threadId, range, { around: target.sortKey }),
  };
}

/** "Continue this thread": a window of one post's whole subtree, at any depth. */
export async function getSubtreeWindow(viewer: Actor, threadId: string, rootId: string, cursor: WindowCursor) {
  await threadAccess(viewer, threadId);
  const root = await db.post.findUnique({
    where: { id: rootId },
    select: { threadId: true, sortKey: true, depth: true },
  });
  if (!root || root.threadId !== threadId) throw notFound("That post");
  const range = { from: root.sortKey, to: subtreeEnd(root.sortKey), maxDepth: null };
  return { rootDepth: root.depth, window: await windowFor(viewer, threadId, range, cursor) };
}

/** The thread's key contributions, as curated by its moderators. */
export async function getKeyContributions(viewer: Actor, threadId: string) {
  const moderates = await moderatesIn(viewer, threadId);
  const rows = await selectPosts(
    viewer,
    Prisma.sql`p."threadId" = ${threadId}::uuid AND p."featuredAt" IS NOT NULL AND p.status = 'VISIBLE'`,
    Prisma.sql`p.seq ASC`,
    100,
  );
  return present(rows, moderates, viewer?.id);
}
