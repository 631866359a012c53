"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { groupPath, postPath, threadPath } from "@/lib/paths";
import { authedAction, redirectPlainPost } from "@/server/action";
import { editThreadTitle } from "./edit-thread-title";
import { createThread, deletePost, editPost, followThread, unfollowThread } from "./mutations";
import { postReply } from "./post-reply";
import { addReaction, removeReaction } from "./react-to-post";
import { ZCreateThread, ZEditPost, ZEditThreadTitle, ZPostRef, ZReactionPress, ZReply, ZThreadRef } from "./schemas";

const threadPathOfForm = (formData: FormData) => {
  const id = formData.get("threadId");
  return typeof id === "string" && /^[0-9a-f-]{36}$/i.test(id) ? threadPath(id) : null;
};

function refreshThread(formData: FormData) {
  const path = threadPathOfForm(formData);
  if (path) revalidatePath(path, "layout");
}

export const createThreadAction = authedAction(ZCreateThread, async (input, { user }) => {
  const { threadId } = await createThread(user, input);
  redirect(threadPath(threadId));
});

// The composer's script posts to a fast path instead (src/composition/fast-paths/reply.ts): both run postReply.
export const replyAction = authedAction(ZReply, postReply);

export const editPostAction = authedAction(ZEditPost, async (input, { user, formData }) => {
  await editPost(user, input);
  refreshThread(formData);
  return "Your post is updated. Its earlier text stays in the edit history.";
});

export const deletePostAction = authedAction(ZPostRef, async (input, { user, formData }) => {
  const { threadDeleted, groupSlug } = await deletePost(user, input);
  refreshThread(formData);
  // The thread went with its only post: back to the group, which says so.
  if (threadDeleted) redirect(`${groupPath(groupSlug)}?thread-deleted=1`);
  return "Your post is deleted.";
});

export const editThreadTitleAction = authedAction(ZEditThreadTitle, async (input, { user }) => {
  await editThreadTitle(user, input);
  revalidatePath(threadPath(input.threadId), "layout");
  return "The title is changed. The earlier title stays in the thread's title history.";
});

/**
 * A reaction press. The running page shows the answer's true counts in place: no page render in
 * the answer (no revalidatePath; the signed-out page cache goes by PostgreSQL's triggers). Without
 * JavaScript the post is redirected back to the post, so a reload does not press again.
 */
export const reactAction = authedAction(ZReactionPress, async ({ postId, kind, mode }, { user }) => {
  const state =
    mode === "add" ? await addReaction(user, { postId, kind }) : await removeReaction(user, { postId, kind });
  await redirectPlainPost(`${postPath(state.threadId, postId)}#post-${postId}`);
  const { agreeCount, usefulCount, agreed, foundUseful } = state;
  return { result: { agreeCount, usefulCount, agreed, foundUseful } };
});

export const followAction = authedAction(
  ZThreadRef.extend({ mode: z.enum(["follow", "unfollow"]) }),
  async (input, { user, formData }) => {
    if (input.mode === "follow") await followThread(user, input);
    else await unfollowThread(user, input);
    refreshThread(formData);
    return input.mode === "follow" ? "You will be notified of new posts." : "You will no longer be notified.";
  },
);
