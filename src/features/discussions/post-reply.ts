import "server-only";
import { postPath } from "@/lib/paths";
import { navigateAfter } from "@/server/action";
import type { CurrentUser } from "@/server/auth/session-store";
import { replyToThread } from "./mutations";
import type { ReplyInput } from "./schemas";

/**
 * Posting a reply from the composer: the Server Action (replyAction, for a form sent without
 * JavaScript) and the fast path the page's script posts to (src/composition/fast-paths/reply.ts)
 * both run this, so they answer alike.
 *
 * It shows the new post in place, wherever the tree put it; "posted" has the page say so. No
 * revalidatePath: it would have Next render the thread into the answer. Nothing of a thread is in
 * Next's caches (signed-out copies go by PostgreSQL's triggers, src/server/page-cache/), and the
 * address is new, so the browser fetches it fresh.
 */
export async function postReply(input: ReplyInput, { user }: { user: CurrentUser }) {
  const { postId } = await replyToThread(user, input);
  return navigateAfter(`${postPath(input.threadId, postId)}?posted=1#post-${postId}`);
}
