"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { groupPath, paperPath, postAnchorPath } from "@/lib/paths";
import { authedAction } from "@/server/action";
import { commentOnSubject } from "./discussion";
import { followPaper, unfollowPaper } from "./follow";
import { createPaper, makeEditorialFix, updateDecisionRules } from "./paper-mutations";
import { pathOfPaper } from "./queries/paper-path";
import { ZCreatePaper, ZDecisionRules, ZEditorialFix, ZFollowPaper, ZStartDiscussion } from "./schemas";

export const createPaperAction = authedAction(ZCreatePaper, async (input, { user }) => {
  const { groupSlug, slug } = await createPaper(user, input);
  revalidatePath(groupPath(groupSlug), "layout");
  redirect(paperPath(groupSlug, slug));
});

export const updateRulesAction = authedAction(ZDecisionRules, async (input, { user }) => {
  await updateDecisionRules(user, input);
  revalidatePath(await pathOfPaper(input.paperId), "layout");
  return "The decision rules are saved. They apply to proposals made from now on; open proposals keep the rules they opened under.";
});

export const editorialFixAction = authedAction(ZEditorialFix, async (input, { user }) => {
  const { revision } = await makeEditorialFix(user, input);
  const path = await pathOfPaper(input.paperId);
  revalidatePath(path, "layout");
  redirect(`${path}?fixed=${revision}`);
});

export const commentOnSubjectAction = authedAction(ZStartDiscussion, async (input, { user }) => {
  const { threadId, postId } = await commentOnSubject(user, input);
  redirect(postAnchorPath(threadId, postId));
});

export const followPaperAction = authedAction(ZFollowPaper, async (input, { user }) => {
  if (input.mode === "follow") await followPaper(user, input);
  else await unfollowPaper(user, input);
  revalidatePath(await pathOfPaper(input.paperId));
  return input.mode === "follow"
    ? "You are following this paper: you will hear when proposals open and how they end."
    : "You no longer follow this paper. Proposing or voting on it will not follow it again.";
});
