"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { personPath } from "@/lib/paths";
import { authedAction, publicAction } from "@/server/action";
import { clientIp } from "@/server/auth/client-ip";
import {
  changePassword,
  registerUser,
  revokeOwnSession,
  signOutEverywhere,
  suspendUser,
  unsuspendUser,
  updateProfile,
} from "./mutations";
import { takenRegistrationFields } from "./queries";
import { ZChangePassword, ZRegister, ZSessionId, ZSuspendUser, ZUnsuspendUser, ZUpdateProfile } from "./schemas";

export const registerAction = publicAction(
  ZRegister,
  async (input) => {
    await registerUser(input, { ip: clientIp(await headers()) });
    // The form signs the new member in with the credentials it still holds.
    return "Your account is ready. Signing you in…";
  },
  // A taken username is reported together with the form's other problems, not on the next try.
  { alongside: (fields) => takenRegistrationFields({ email: fields.email, handle: fields.handle }) },
);

export const updateProfileAction = authedAction(ZUpdateProfile, async (input, { user }) => {
  await updateProfile(user, input);
  revalidatePath(personPath(user.handle));
  return "Your profile is saved.";
});

export const changePasswordAction = authedAction(ZChangePassword, async (input, { user }) => {
  await changePassword(user, user.sessionId, input);
  revalidatePath("/settings/security");
  return "Your password is changed. Every other signed-in browser has been signed out.";
});

export const revokeSessionAction = authedAction(ZSessionId, async ({ sessionId }, { user }) => {
  await revokeOwnSession(user, sessionId);
  revalidatePath("/settings/security");
  return "That browser is signed out.";
});

export const signOutEverywhereAction = authedAction(ZSessionId.partial(), async (_input, { user }) => {
  await signOutEverywhere(user);
  redirect("/signin?signedOut=everywhere");
});

export const suspendUserAction = authedAction(ZSuspendUser, async (input, { user }) => {
  const until = await suspendUser(user, input);
  revalidatePath("/admin/users");
  return `Suspended until ${until.toISOString().slice(0, 10)}. Their sessions have ended.`;
});

export const unsuspendUserAction = authedAction(ZUnsuspendUser, async (input, { user }) => {
  await unsuspendUser(user, input);
  revalidatePath("/admin/users");
  return "The suspension is lifted.";
});
