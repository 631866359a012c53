"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { authedAction } from "@/server/action";
import { commentOnSubject } from "./discussion";
import { createPaper, makeEditorialFix, updateDecisionRules } from "./paper-mutations";
import { createProposal, editProposal, withdrawProposal } from "./proposal-mutations";
import { pathOfPaper, pathOfProposalPaper } from "./queries/paper-path";
import { castVote } from "./votes";
import { ZCreatePaper, ZDecisionRules, ZEditorialFix, ZEditProposal, ZProposal, ZProposalRef, ZStartDiscussion, ZVote } from "./schemas";
import { groupPath, paperPath, postAnchorPath, proposalPath } from "@/lib/paths";

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

export const createProposalAction = authedAction(ZProposal, async (input, { user }) => {
  const { id } = await createProposal(user, input);
  revalidatePath(await pathOfPaper(input.paperId), "layout");
  redirect(proposalPath(id));
});

export const editProposalAction = authedAction(ZEditProposal, async (input, { user }) => {
  await editProposal(user, input);
  revalidatePath(await pathOfProposalPaper(input.proposalId), "layout");
  revalidatePath(proposalPath(input.proposalId), "layout");
  redirect(proposalPath(input.proposalId));
});

export const withdrawProposalAction = authedAction(ZProposalRef, async (input, { user }) => {
  await withdrawProposal(user, input);
  revalidatePath(await pathOfProposalPaper(input.proposalId), "layout");
  revalidatePath(proposalPath(input.proposalId), "layout");
  return "Your proposal is withdrawn.";
});

export const voteAction = authedAction(ZVote, async (input, { user }) => {
  await castVote(user, input);
  revalidatePath(proposalPath(input.proposalId), "layout");
  revalidatePath(await pathOfProposalPaper(input.proposalId), "layout");
  return "Your vote is recorded. You can change it until voting closes.";
});

export const commentOnSubjectAction = authedAction(ZStartDiscussion, async (input, { user }) => {
  const { threadId, postId } = await commentOnSubject(user, input);
  redirect(postAnchorPath(threadId, postId));
});
