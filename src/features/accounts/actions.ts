"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { confirmedPath, personPath } from "@/lib/paths";
import { authedAction, publicAction } from "@/server/action";
import { clientIp } from "@/server/auth/client-ip";
import { logError } from "@/server/log";
import { confirmEmailChange, requestEmailChange } from "./email-change";
import { confirmEmail, resendConfirmation } from "./email-confirmation";
import {
  changePassword,
  registerUser,
  revokeOwnSession,
  signOutEverywhere,
  suspendUser,
  unsuspendUser,
  updateProfile,
} from "./mutations";
import { limitPasswordResets, RESET_REQUESTED_MESSAGE, resetPassword, sendPasswordResetLink } from "./password-reset";
import { takenRegistrationFields } from "./queries";
import {
  ZChangeEmail,
  ZChangePassword,
  ZConfirmLink,
  ZForgotPassword,
  ZRegister,
  ZResetPassword,
  ZSessionId,
  ZSuspendUser,
  ZUnsuspendUser,
  ZUpdateProfile,
} from "./schemas";

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
  // The header is in the root layout, which a redirect alone keeps: it would still show the name.
  revalidatePath("/", "layout");
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

export const resendConfirmationAction = authedAction(ZSessionId.partial(), async (_input, { user }) => {
  const to = await resendConfirmation(user);
  return `We have sent a new link to ${to}. It works for 3 days; earlier links no longer do.`;
});

/** From the page a confirmation link opens: a button press, so mail scanners that fetch links confirm nothing. */
export const confirmEmailAction = publicAction(ZConfirmLink, async ({ token, callbackUrl }, { user }) => {
  const { userId } = await confirmEmail(token);
  revalidatePath("/", "layout");
  if (user?.id === userId) redirect(confirmedPath(callbackUrl));
  // Signed in as someone else here (a shared computer): say so rather than send them away.
  if (user) return "That address is confirmed. Its account is not the one signed in on this browser.";
  redirect(`/signin?notice=confirmed${callbackUrl ? `&callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`);
});

export const forgotPasswordAction = publicAction(ZForgotPassword, async ({ email }) => {
  await limitPasswordResets(email, { ip: clientIp(await headers()) });
  // After the answer: looking the address up and queueing a link must not make an existing
  // account's answer slower than a stranger's (timing would tell who has an account).
  after(() => sendPasswordResetLink(email).catch((error) => logError("password reset link failed", error)));
  return RESET_REQUESTED_MESSAGE;
});

export const resetPasswordAction = publicAction(ZResetPassword, async ({ token, newPassword }) => {
  await resetPassword(token, newPassword);
  redirect("/signin?notice=reset");
});

export const changeEmailAction = authedAction(ZChangeEmail, async (input, { user }) => {
  await requestEmailChange(user, input);
  return `We have sent a link to ${input.newEmail}. Your address changes when you follow it (within 24 hours); until then we keep using your current one, and we have told it about this request.`;
});

export const confirmEmailChangeAction = publicAction(ZConfirmLink, async ({ token }, { user }) => {
  const { userId } = await confirmEmailChange(token);
  revalidatePath("/", "layout");
  if (user?.id === userId) redirect("/settings/email?changed=1");
  if (user) return "That account now uses this address. It is not the account signed in on this browser.";
  redirect("/signin?notice=email-changed");
});
