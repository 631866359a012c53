// Pure rules of discussion. No I/O.

export const MAX_POST_LENGTH = 20_000;
export const MAX_TITLE_LENGTH = 200;

export type PostFacts = {
  authorId: string | null;
  status: "VISIBLE" | "HIDDEN" | "REMOVED" | "DELETED";
};

/** Authors edit and delete their own visible posts; hidden or removed ones are under review. */
export function canChangeOwnPost(actorId: string | undefined, post: PostFacts): boolean {
  return !!actorId && post.authorId === actorId && post.status === "VISIBLE";
}

/** Replying keeps the tree intact even around deleted posts, but not under hidden or removed ones. */
export function canReplyTo(post: PostFacts): boolean {
  return post.status === "VISIBLE" || post.status === "DELETED";
}

/** What a reader sees of a post, depending on its status and whether they moderate. */
export function postVisibility(
  status: PostFacts["status"],
  viewerModerates: boolean,
): "full" | "hidden-with-text" | "marker" {
  if (status === "VISIBLE") return "full";
  if (status === "HIDDEN" && viewerModerates) return "hidden-with-text";
  return "marker";
}

export const THREAD_SORTS = ["activity", "newest", "replies"] as const;
export type ThreadSort = (typeof THREAD_SORTS)[number];

/**
 * How long an author may change a thread's title after starting it, even once others replied:
 * the day after posting is when a slip is noticed (Discourse's grace period is of the same kind),
 * and by then the thread has readers who found it under its title, so later changes go through
 * the moderators. Until anyone else replies, the author may always change it.
 */
export const TITLE_EDIT_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Whether the author may change their thread's title themselves (moderators always may). */
export function authorMayRetitle(thread: { createdAt: Date; othersReplied: boolean }, now = new Date()): boolean {
  return !thread.othersReplied || now.getTime() - thread.createdAt.getTime() < TITLE_EDIT_WINDOW_MS;
}
