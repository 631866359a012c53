import { cache } from "react";
import { getCurrentUser } from "@/server/auth/current-user";
import { threadModerationRights } from "../queries/rights";
import { type ModeratedPost, PostActionForms } from "./post-action-forms";

/** Looked up once per request and thread, however many posts the page shows. */
const rightsInThread = cache(async (threadId: string) => threadModerationRights(await getCurrentUser(), threadId));

/**
 * A compact "Moderate" menu for one post: hide (with reason), remove (with reason), restore,
 * key contribution on or off. Renders nothing for people who may not moderate posts in the
 * thread's group, and for posts their authors deleted.
 */
export async function PostModerationControls({ post, threadId }: { post: ModeratedPost; threadId: string }) {
  if (post.status === "DELETED") return null;
  const rights = await rightsInThread(threadId);
  if (!rights?.actOnPost) return null;
  return (
    <details className="text-sm" data-testid={`moderate-post-${post.id}`}>
      <summary className="cursor-pointer py-1 font-medium text-muted hover:text-ink">Moderate</summary>
      <div className="mt-2 rounded-md border border-line bg-white p-3">
        <PostActionForms post={post} />
      </div>
    </details>
  );
}
