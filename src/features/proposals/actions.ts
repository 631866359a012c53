"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { pathOfPaper, pathOfProposalPaper } from "@/features/papers/queries/paper-path";
import { proposalPath } from "@/lib/paths";
import { authedAction } from "@/server/action";
import { castVote } from "./cast-vote";
import { createProposal, editProposal, withdrawProposal } from "./mutations";
import { ZEditProposal, ZProposal, ZProposalRef, ZVote } from "./schemas";

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
