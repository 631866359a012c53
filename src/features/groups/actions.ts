"use server";

import { redirect } from "next/navigation";
import { groupPath } from "@/lib/paths";
import { safeReturnPath } from "@/lib/return-path";
import { authedAction } from "@/server/action";
import { createGroup, updateGroup } from "./group-mutations";
import { joinGroup } from "./join-group";
import { approveMembership, changeMemberRole, rejectMembership } from "./membership-mutations";
import { refreshGroupPages as refresh } from "./revalidate";
import { ZChangeRole, ZCreateGroup, ZJoinGroup, ZMemberRef, ZUpdateGroup } from "./schemas";

export const createGroupAction = authedAction(ZCreateGroup, async (input, { user }) => {
  const group = await createGroup(user, input);
  redirect(`${groupPath(group.slug)}?created=1`);
});

export const updateGroupAction = authedAction(ZUpdateGroup, async (input, { user, formData }) => {
  await updateGroup(user, input);
  refresh(formData);
  return "The group's settings are saved.";
});

export const joinGroupAction = authedAction(ZJoinGroup, async (input, { user, formData }) => {
  const { status } = await joinGroup(user, input);
  refresh(formData);
  // Joined from a proposal or a thread ("join to take part"): back there, now able to.
  const back = safeReturnPath(formData.get("returnTo"), "");
  if (status === "ACTIVE" && back) redirect(back);
  return status === "ACTIVE"
    ? "Welcome! You are now a member."
    : "Your request is sent. The group's moderators will review it.";
});

export const approveMembershipAction = authedAction(ZMemberRef, async (input, { user, formData }) => {
  await approveMembership(user, input);
  refresh(formData);
  return "Approved.";
});

export const rejectMembershipAction = authedAction(ZMemberRef, async (input, { user, formData }) => {
  await rejectMembership(user, input);
  refresh(formData);
  return "Request declined.";
});

export const changeRoleAction = authedAction(ZChangeRole, async (input, { user, formData }) => {
  await changeMemberRole(user, input);
  refresh(formData);
  return "Role changed.";
});
