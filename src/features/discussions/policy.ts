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
