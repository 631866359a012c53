import "server-only";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { postVisibility } from "../policy";
import { ancestorKey, MAX_INLINE_DEPTH, subtreeEnd, WINDOW_SIZE } from "../tree";
import { moderatesIn, threadAccess } from "./thread-access";

const POST_SELECT = {
  id: true,
  seq: true,
  sortKey: true,
  depth: true,
  parentId: true,
  bodyMarkdown: true,
  bodyHtml: true,
  status: true,
  statusReason: true,
  replyCount: true,
  agreeCount: true,
  usefulCount: true,
  featuredAt: true,
  editedAt: true,
  createdAt: true,
  author: {
    select: { id: true, handle: true, displayName: true, deletedAt: true, profile: { select: { perspective: true } } },
  },
} as const;

export type WindowCursor = { after?: string; before?: string; last?: boolean; around?: string };

/** A key range of a thread; maxDepth null means every depth (subtrees). */
type Range = { from: string; to: string | null; maxDepth: number | null };

/**
 * One window of posts in tree order, within a key range (the whole thread or one subtree).
 * Every variant is a single range scan on (threadId, sortKey), whatever the thread's size.
 */
async function fetchWindow(threadId: string, range: Range, cursor: WindowCursor) {
  const base = {
    threadId,
    ...(range.maxDepth === null ? {} : { depth: { lte: range.maxDepth } }),
    sortKey: { gte: range.from, ...(range.to ? { lt: range.to } : {}) },
  };
  const forward = (gt: string | undefined, take: number, inclusive = false) =>
    db.post.findMany({
      where: { ...base, sortKey: { ...base.sortKey, ...(gt ? (inclusive ? { gte: gt } : { gt }) : {}) } },
      orderBy: { sortKey: "asc" },
      take,
      select: POST_SELECT,
    });
  const backward = (lt: string | undefined, take: number) =>
    db.post
      .findMany({
        where: { ...base, sortKey: { ...base.sortKey, ...(lt ? { lt } : {}) } },
        orderBy: { sortKey: "desc" },
        take,
        select: POST_SELECT,
      })
      .then((rows) => rows.reverse());

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

async function viewerReactions(viewer: Actor, postIds: string[]) {
  if (!viewer || postIds.length === 0) return new Map<string, Set<string>>();
  const rows = await db.reaction.findMany({
    where: { userId: viewer.id, postId: { in: postIds } },
    select: { postId: true, kind: true },
  });
  const map = new Map<string, Set<string>>();
  for (const r of rows) map.set(r.postId, (map.get(r.postId) ?? new Set()).add(r.kind));
  return map;
}

type RawPost = Awaited<ReturnType<typeof fetchWindow>>["posts"][number];

/** What the page may show of each post: removed and deleted text never leaves the server. */
function present(
  posts: RawPost[],
  moderates: boolean,
  reactions: Map<string, Set<string>>,
  viewerId: string | undefined,
) {
  return posts.map((p) => {
    const visibility = postVisibility(p.status, moderates);
    const author =
      p.author && !p.author.deletedAt
        ? {
            id: p.author.id,
            handle: p.author.handle,
            displayName: p.author.displayName,
            perspective: p.author.profile?.perspective ?? "OTHER",
          }
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
      reacted: {
        agree: reactions.get(p.id)?.has("AGREE") ?? false,
        useful: reactions.get(p.id)?.has("USEFUL") ?? false,
      },
    };
  });
}

export type ThreadPost = ReturnType<typeof present>[number];

async function windowFor(viewer: Actor, threadId: string, range: Range, cursor: WindowCursor) {
  const moderates = await moderatesIn(viewer, threadId);
  const window = await fetchWindow(threadId, range, cursor);
  const reactions = await viewerReactions(
    viewer,
    window.posts.map((p) => p.id),
  );
  const posts = present(window.posts, moderates, reactions, viewer?.id);
  return {
    posts,
    hasPrevious: window.hasPrevious,
    hasNext: window.hasNext,
    firstKey: posts[0]?.sortKey ?? null,
    lastKey: posts[posts.length - 1]?.sortKey ?? null,
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
  const rows = await db.post.findMany({
    where: { threadId, featuredAt: { not: null }, status: "VISIBLE" },
    orderBy: { seq: "asc" },
    take: 100,
    select: POST_SELECT,
  });
  const reactions = await viewerReactions(
    viewer,
    rows.map((p) => p.id),
  );
  return present(rows, moderates, reactions, viewer?.id);
}
