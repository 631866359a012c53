import { z } from "zod";

export const ZOpenNotification = z.object({ id: z.uuid("Unknown notification.") });

const ZFrequency = z.enum(["IMMEDIATELY", "DAILY", "WEEKLY", "OFF"], { error: "Choose how often." });

export const ZEmailPreferences = z.object({
  REPLIES: ZFrequency,
  THREADS: ZFrequency,
  PAPERS: ZFrequency,
  GROUPS: ZFrequency,
  COMMISSIONS: ZFrequency,
});
export type EmailPreferencesInput = z.infer<typeof ZEmailPreferences>;

/** From an email's link, without signing in: the signed token says whose choice and which. */
export const ZUnsubscribe = z.object({
  token: z
    .string({ error: "This link is incomplete. Open it again from the email." })
    .max(200, "This link is not one of ours."),
  frequency: ZFrequency.default("OFF"),
});
