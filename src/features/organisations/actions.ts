"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { organisationPath, organisationSettingsPath } from "@/lib/paths";
import { authedAction } from "@/server/action";
import { acceptInvitation, declineInvitation, inviteAdmin, removeAdmin, revokeInvitation } from "./admins";
import { createOrganisation, updateOrganisation } from "./mutations";
import {
  ZCreateOrganisation,
  ZInvitationRef,
  ZInviteAdmin,
  ZRemoveAdmin,
  ZSetVerified,
  ZUpdateOrganisation,
} from "./schemas";
import { setVerified } from "./verify";

/** Pages render per request; this drops any cached copy of the organisation's pages. */
function refresh(formData: FormData) {
  const slug = formData.get("slug");
  if (typeof slug === "string" && /^[a-z0-9-]+$/.test(slug)) {
    revalidatePath(organisationPath(slug));
    revalidatePath(organisationSettingsPath(slug));
  }
  revalidatePath("/organisations");
}

export const createOrganisationAction = authedAction(ZCreateOrganisation, async (input, { user }) => {
  const organisation = await createOrganisation(user, input);
  redirect(`${organisationPath(organisation.slug)}?created=1`);
});

export const updateOrganisationAction = authedAction(ZUpdateOrganisation, async (input, { user, formData }) => {
  await updateOrganisation(user, input);
  refresh(formData);
  return "The organisation's details are saved.";
});

export const inviteAdminAction = authedAction(ZInviteAdmin, async (input, { user, formData }) => {
  await inviteAdmin(user, input);
  refresh(formData);
  return `@${input.handle} is invited. They become an admin once they accept.`;
});

export const revokeInvitationAction = authedAction(ZInvitationRef, async (input, { user, formData }) => {
  await revokeInvitation(user, input);
  refresh(formData);
  return "Invitation withdrawn.";
});

export const acceptInvitationAction = authedAction(ZInvitationRef, async (input, { user }) => {
  const { slug } = await acceptInvitation(user, input);
  redirect(`${organisationPath(slug)}?joined=1`);
});

export const declineInvitationAction = authedAction(ZInvitationRef, async (input, { user }) => {
  await declineInvitation(user, input);
  redirect("/organisations?declined=1");
});

export const removeAdminAction = authedAction(ZRemoveAdmin, async (input, { user, formData }) => {
  await removeAdmin(user, input);
  refresh(formData);
  const slug = formData.get("slug");
  if (input.userId === user.id)
    redirect(
      typeof slug === "string" && /^[a-z0-9-]+$/.test(slug) ? `${organisationPath(slug)}?left=1` : "/organisations",
    );
  return "Admin removed.";
});

export const setVerifiedAction = authedAction(ZSetVerified, async (input, { user, formData }) => {
  await setVerified(user, input);
  refresh(formData);
  return input.verified ? "The organisation is now marked as verified." : "Verification withdrawn.";
});
