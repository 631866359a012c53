import { z } from "zod";
import { zCheckbox, zLine, zOptionalText, zText } from "@/lib/form-fields";
import { PERSPECTIVES, SECTORS } from "@/lib/perspectives";
import { safeReturnPathAfterAuth } from "@/lib/return-path";

export const ZEmail = z
  .string({ error: "Email is required." })
  .trim()
  .toLowerCase()
  .min(1, "Email is required.")
  .max(254, "Email must be at most 254 characters.")
  .pipe(z.email({ error: "Enter an email address like name@example.org." }));

export const ZNewPassword = z
  .string({ error: "Password is required." })
  .min(10, "Password must be at least 10 characters.")
  .max(200, "Password must be at most 200 characters.");

export const ZHandle = z
  .string({ error: "Username is required." })
  .trim()
  .toLowerCase()
  .min(3, "Username must be at least 3 characters.")
  .max(30, "Username must be at most 30 characters.")
  .regex(/^[a-z0-9_]+$/, "Username may contain only letters, numbers and underscores.");

export const ZDisplayName = zLine("Display name", { min: 2, max: 60 });

const ZPerspective = z.enum(PERSPECTIVES, { error: "Choose how you take part." });
const ZSector = z.enum(SECTORS, { error: "Choose a field." });

const profileFields = {
  displayName: ZDisplayName,
  perspective: ZPerspective,
  sector: ZSector,
  fieldDetail: zText("Your role or service", { max: 100 }).default(""),
  organisationName: zOptionalText("Organisation", 120),
};

/**
 * Runs a "do these match" check even when other fields are wrong (zod skips object checks after a
 * field fails its type), so the form says everything at once; it needs only the two strings.
 */
function bothStrings(a: string, b: string) {
  return (payload: { value: unknown }) => {
    const v = payload.value as Record<string, unknown> | null;
    return typeof v?.[a] === "string" && typeof v?.[b] === "string";
  };
}

/**
 * The page a new member came from, carried in a hidden field to the confirmation link and back.
 * Anything that is not a path on this site is dropped rather than refused: it is no one's typing.
 */
const ZReturnTo = z
  .string({ error: "The page to return to must be an address." })
  .max(2000, "The page to return to is too long.")
  .optional()
  .transform((value) => safeReturnPathAfterAuth(value, "") || undefined);

export const ZRegister = z
  .object({
    email: ZEmail,
    callbackUrl: ZReturnTo,
    password: ZNewPassword,
    confirmPassword: z.string({ error: "Repeat your password." }),
    handle: ZHandle,
    ...profileFields,
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    error: "The passwords do not match.",
    when: bothStrings("password", "confirmPassword"),
  });
export type RegisterInput = z.infer<typeof ZRegister>;

export const ZSignIn = z.object({
  email: ZEmail,
  password: z
    .string({ error: "Password is required." })
    .min(1, "Password is required.")
    .max(200, "Password must be at most 200 characters."),
  /** The second step: a code from the authenticator app or a recovery code, when the account has two-step on. */
  code: z
    .string({ error: "Enter the code from your app, or a recovery code." })
    .trim()
    .max(40, "That code is too long.")
    .optional(),
});

export const ZUpdateProfile = z.object({
  ...profileFields,
  bio: zText("About you", { max: 1000 }).default(""),
  hideOrganisation: zCheckbox,
  hideSector: zCheckbox,
  hideGroups: zCheckbox,
});
export type UpdateProfileInput = z.infer<typeof ZUpdateProfile>;

export const ZChangePassword = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password."),
    newPassword: ZNewPassword,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    error: "The passwords do not match.",
    when: bothStrings("newPassword", "confirmPassword"),
  });

/** A link's token travels in a hidden field; its shape is checked where it is used (tokens.ts). */
const ZToken = z
  .string({ error: "This link is incomplete. Open it again from the email." })
  .max(100, "This link is not one of ours.");

export const ZConfirmLink = z.object({ token: ZToken, callbackUrl: ZReturnTo });

export const ZForgotPassword = z.object({ email: ZEmail });

export const ZResetPassword = z
  .object({
    token: ZToken,
    newPassword: ZNewPassword,
    confirmPassword: z.string({ error: "Repeat your new password." }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    error: "The passwords do not match.",
    when: bothStrings("newPassword", "confirmPassword"),
  });

export const ZChangeEmail = z.object({
  newEmail: ZEmail,
  currentPassword: z.string().max(200, "Password must be at most 200 characters.").optional(),
});

export const ZSessionId = z.object({ sessionId: z.uuid("Unknown session.") });

export const ZSuspendUser = z.object({
  userId: z.uuid("Unknown member."),
  days: z.coerce
    .number({ error: "Enter a number of days." })
    .int("Enter whole days.")
    .min(1, "Suspend for at least 1 day.")
    .max(3650, "Suspend for at most 3650 days."),
  reason: zText("Reason", { min: 3, max: 500 }),
});

export const ZUnsuspendUser = z.object({ userId: z.uuid("Unknown member.") });

/** What happens to the person's posts when they delete their account. */
export const POSTS_CHOICES = ["keep", "remove"] as const;
export type PostsChoice = (typeof POSTS_CHOICES)[number];

const deletionChoices = {
  posts: z.enum(POSTS_CHOICES, { error: "Choose what happens to your posts." }),
  understood: z.literal("on", { error: "Tick the box to confirm that you understand this cannot be undone." }),
};

/** Signed in: confirmed with the password, or for accounts without one (OAuth only) by typing the username. */
export const ZDeleteAccount = z
  .object({
    ...deletionChoices,
    password: z.string().max(200, "Password must be at most 200 characters.").optional(),
    confirmHandle: z.string().trim().toLowerCase().max(60).optional(),
  })
  // The form shows one of the two fields, so each gets the message that fits it. `when` runs this
  // even if other fields failed, so every error shows at once.
  .superRefine(
    (v, ctx) => {
      if (v.password || v.confirmHandle) return;
      ctx.addIssue({ code: "custom", path: ["password"], message: "Enter your password." });
      ctx.addIssue({ code: "custom", path: ["confirmHandle"], message: "Type your username to confirm." });
    },
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  );
export type DeleteAccountInput = z.infer<typeof ZDeleteAccount>;

/** Signed out (for instance while suspended, which blocks signing in): the email and password prove who it is. */
export const ZDeleteAccountWithPassword = z.object({
  ...deletionChoices,
  email: ZEmail,
  password: z
    .string({ error: "Password is required." })
    .min(1, "Password is required.")
    .max(200, "Password must be at most 200 characters."),
  /** Needed when the account has two-step sign-in on: the password alone never deletes it. */
  code: z
    .string({ error: "Enter the code from your app, or a recovery code." })
    .trim()
    .max(40, "That code is too long.")
    .optional(),
});
export type DeleteAccountWithPasswordInput = z.infer<typeof ZDeleteAccountWithPassword>;
