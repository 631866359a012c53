"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/server/action";
import {
  cancelTwoStepSetup,
  confirmTwoStep,
  disableTwoStep,
  regenerateRecoveryCodes,
  startTwoStepSetup,
} from "./mutations";
import { ZConfirmTwoStep, ZNoFields, ZTwoStepProof } from "./schemas";

const SECURITY = "/settings/security";

export const startTwoStepSetupAction = authedAction(ZNoFields, async (_input, { user }) => {
  await startTwoStepSetup(user);
  revalidatePath(SECURITY);
  return "Scan the QR code with your authenticator app, then enter the code it shows.";
});

export const cancelTwoStepSetupAction = authedAction(ZNoFields, async (_input, { user }) => {
  await cancelTwoStepSetup(user);
  revalidatePath(SECURITY);
  return "Setting up two-step sign-in was cancelled.";
});

// Confirming and new codes do not revalidate the page: the codes show in the form until the
// person says they saved them, and then the page refreshes (components/recovery-codes.tsx).
export const confirmTwoStepAction = authedAction(ZConfirmTwoStep, async (input, { user }) => {
  const shownOnce = await confirmTwoStep(user, input);
  return { message: "Two-step sign-in is on. Save your recovery codes now: they are shown only this once.", shownOnce };
});

export const regenerateRecoveryCodesAction = authedAction(ZTwoStepProof, async (input, { user }) => {
  const shownOnce = await regenerateRecoveryCodes(user, input);
  return { message: "Here are your new recovery codes. The old ones no longer work.", shownOnce };
});

export const disableTwoStepAction = authedAction(ZTwoStepProof, async (input, { user }) => {
  await disableTwoStep(user, input);
  revalidatePath(SECURITY);
  return "Two-step sign-in is off. Your password alone now signs you in.";
});
