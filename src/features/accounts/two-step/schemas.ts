import { z } from "zod";

/**
 * What sign-in answers when the password was right and the account has two-step sign-in on. The
 * sign-in form knows these words and asks for the code, keeping the email and password it holds.
 */
export const TWO_STEP_CODE_NEEDED = "Enter the 6-digit code from your authenticator app to finish signing in.";

export const ZConfirmTwoStep = z.object({
  code: z
    .string({ error: "Enter the 6-digit code from your app." })
    .trim()
    .min(1, "Enter the 6-digit code from your app.")
    .max(20, "Enter the 6-digit code from your app.")
    .transform((v) => v.replace(/[\s-]+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "The code is 6 digits, as your app shows it.")),
});

/** The current password or a current code: what turning two-step off, or new recovery codes, ask for. */
export const ZTwoStepProof = z.object({
  // Named with "password" so the form never echoes it back (server/action.ts, SECRET_FIELDS).
  passwordOrCode: z
    .string({ error: "Enter your password or a code from your app." })
    .min(1, "Enter your password or a code from your app.")
    .max(200, "That is longer than any password here."),
});

/** Setting up and cancelling carry no fields. */
export const ZNoFields = z.object({});
