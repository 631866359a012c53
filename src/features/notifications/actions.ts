"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { authedAction, initialFormState } from "@/server/action";
import { getCurrentUser } from "@/server/auth/current-user";
import { safeReturnPath } from "@/server/auth/page-guard";
import { markAllNotificationsRead, openNotification } from "./mutations";

export const markAllReadAction = authedAction(z.object({}), async (_input, { user }) => {
  await markAllNotificationsRead(user);
  revalidatePath("/notifications");
  return "All notifications are marked as read.";
});

const ZOpenNotification = z.object({ id: z.string().max(100) });

const open = authedAction(ZOpenNotification, async ({ id }, { user }) => {
  const target = await openNotification(user, id);
  revalidatePath("/notifications");
  // Only ever somewhere on this site; a notification that is not theirs leads back to the list.
  redirect(target ? safeReturnPath(target, "/notifications") : "/notifications");
});

/**
 * Following a notification: a POST (a form whose button reads like a link) marks it read and
 * redirects to what it is about, in one click, with or without JavaScript. Reading the list, or
 * GET /notifications/<id>, changes nothing.
 */
export async function openNotificationAction(formData: FormData): Promise<void> {
  // Signed out meanwhile: sign in, then back to the list (the session check is repeated in `open`).
  if (!(await getCurrentUser())) redirect(`/signin?callbackUrl=${encodeURIComponent("/notifications")}`);
  await open(initialFormState, formData); // redirects to the target when it worked
  redirect("/notifications");
}
