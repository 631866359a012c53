"use server";

import { revalidatePath } from "next/cache";
import { commissionPath, groupInvitePath, groupPath } from "@/lib/paths";
import { authedAction } from "@/server/action";
import { ZCreateInvitationLink, ZInvitationToken, ZRevokeInvitation } from "./invitation-schemas";
import { createInvitationLink, joinThroughInvitation, revokeInvitation } from "./invitations";

/** Pages the form came from, when the form says so and the path is one of ours. */
function refresh(formData: FormData) {
  const from = formData.get("from");
  if (typeof from === "string" && /^\/(commissions|groups)\/[A-Za-z0-9-]+(\/[a-z]+)?$/.test(from)) revalidatePath(from);
}

export const createInvitationLinkAction = authedAction(ZCreateInvitationLink, async (input, { user }) => {
  await createInvitationLink(user, input);
  revalidatePath(`${commissionPath(input.commissionId)}/invitations`);
  return "The link is ready: copy it from the list below.";
});

export const revokeInvitationAction = authedAction(ZRevokeInvitation, async (input, { user, formData }) => {
  await revokeInvitation(user, input);
  refresh(formData);
  return "The link is revoked. Nobody else can join through it.";
});

export const joinThroughInvitationAction = authedAction(ZInvitationToken, async (input, { user }) => {
  const { status, groupSlug, groupName } = await joinThroughInvitation(user, input);
  revalidatePath(groupPath(groupSlug));
  revalidatePath(groupInvitePath(input.token));
  return status === "ACTIVE"
    ? `Welcome! You are now a member of ${groupName}.`
    : `Your request to join ${groupName} is sent. Its owners and moderators will review it.`;
});
