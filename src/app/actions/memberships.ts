"use server";

// The Server Actions that end a membership. They live in app/ because they call the wired
// mutations of the composition root (src/composition/memberships.ts): ending a membership also
// withdraws the person's open votes, which belongs to proposals, a feature above groups and accounts.
// Their forms (groups' MembershipPanel and MemberRow, accounts' delete forms) receive them as props.

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { deleteAccount, deleteAccountWithPassword, leaveGroup, removeMember } from "@/composition/memberships";
import { ZDeleteAccount, ZDeleteAccountWithPassword } from "@/features/accounts/schemas";
import { forgetSessionCookie } from "@/features/accounts/session-cookie";
import { refreshGroupPages } from "@/features/groups/revalidate";
import { ZGroupRef, ZRemoveMember } from "@/features/groups/schemas";
import { authedAction, publicAction } from "@/server/action";
import { clientIp } from "@/server/auth/client-ip";

export const leaveGroupAction = authedAction(ZGroupRef, async (input, { user, formData }) => {
  await leaveGroup(user, input);
  refreshGroupPages(formData);
  return "You have left the group.";
});

export const removeMemberAction = authedAction(ZRemoveMember, async (input, { user, formData }) => {
  await removeMember(user, input);
  refreshGroupPages(formData);
  return "Member removed.";
});

export const deleteAccountAction = authedAction(ZDeleteAccount, async (input, { user }) => {
  await deleteAccount(user, input);
  await forgetSessionCookie();
  redirect(`/goodbye?posts=${input.posts}`);
});

export const deleteAccountWithPasswordAction = publicAction(ZDeleteAccountWithPassword, async (input) => {
  await deleteAccountWithPassword(input, { ip: clientIp(await headers()) });
  await forgetSessionCookie();
  redirect(`/goodbye?posts=${input.posts}`);
});
