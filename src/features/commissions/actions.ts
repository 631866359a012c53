"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { pathOfPaper } from "@/features/papers/queries/paper-path";
import { commissionPath, groupPath, proposalPath } from "@/lib/paths";
import { authedAction } from "@/server/action";
import { declineCommission, proposeAcceptance } from "./acceptance";
import { createCommission, postCommission, updateCommission } from "./mutations";
import {
  ZCreateCommission,
  ZDeclineCommission,
  ZPostCommission,
  ZProposeAcceptance,
  ZUpdateCommission,
} from "./schemas";

export const createCommissionAction = authedAction(ZCreateCommission, async (input, { user }) => {
  const { commissionId, papers } = await createCommission(user, input);
  for (const paper of papers) revalidatePath(groupPath(paper.groupSlug), "layout");
  redirect(`${commissionPath(commissionId)}?created=1`);
});

export const updateCommissionAction = authedAction(ZUpdateCommission, async (input, { user }) => {
  await updateCommission(user, input);
  revalidatePath(commissionPath(input.commissionId), "layout");
  redirect(`${commissionPath(input.commissionId)}?updated=1`);
});

export const postCommissionAction = authedAction(ZPostCommission, async (input, { user }) => {
  const papers = await postCommission(user, input);
  for (const paper of papers) revalidatePath(groupPath(paper.groupSlug), "layout");
  revalidatePath(commissionPath(input.commissionId));
  return papers.length === 1
    ? "Posted to 1 more group. Its members now decide whether to take it on."
    : `Posted to ${papers.length} more groups. Their members now decide whether to take it on.`;
});

export const proposeAcceptanceAction = authedAction(ZProposeAcceptance, async (input, { user }) => {
  const { id } = await proposeAcceptance(user, input);
  revalidatePath(await pathOfPaper(input.paperId), "layout");
  redirect(proposalPath(id));
});

export const declineCommissionAction = authedAction(ZDeclineCommission, async (input, { user }) => {
  await declineCommission(user, input);
  const path = await pathOfPaper(input.paperId);
  revalidatePath(path, "layout");
  redirect(`${path}?declined=1`);
});
