"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { authedAction, publicAction } from "@/server/action";
import { safeReturnPath } from "@/server/auth/page-guard";
import { notFound } from "@/server/errors";
import { markAllNotificationsRead, openNotification } from "./mutations";
import { applyUnsubscribe, updateEmailPreferences } from "./preferences";
import { ZEmailPreferences, ZOpenNotification, ZUnsubscribe } from "./schemas";

export const markAllReadAction = authedAction(z.object({}), async (_input, { user }) => {
  await markAllNotificationsRead(user);
  revalidatePath("/notifications");
  return "All notifications are marked as read.";
});

/**
 * Following a notification: a POST that marks it read and redirects to what it is about, in one
 * click (see components/open-notification.tsx). Reading the list, or GET /notifications/<id>,
 * changes nothing.
 */
export const openNotificationAction = authedAction(ZOpenNotification, async ({ id }, { user }) => {
  const target = await openNotification(user, id);
  if (!target) throw notFound("That notification");
  revalidatePath("/notifications");
  // Only ever somewhere on this site.
  redirect(safeReturnPath(target, "/notifications"));
});

export const updateEmailPreferencesAction = authedAction(ZEmailPreferences, async (input, { user }) => {
  await updateEmailPreferences(user, input);
  revalidatePath("/settings/notifications");
  return "Your email preferences are saved.";
});

/** From the page an unsubscribe link opens: signed out is fine, the link's token says whose choice. */
export const unsubscribeAction = publicAction(ZUnsubscribe, async ({ token, frequency }) => {
  const topics = await applyUnsubscribe(token, frequency);
  // The page shows the choice as it now stands.
  revalidatePath("/unsubscribe");
  if (topics.length === 0) return "Nothing to change: none of your email is sent this way any more.";
  return frequency === "OFF"
    ? "Done: you will get no more of these emails. You can turn them on again in your settings."
    : "Done: your choice is saved.";
});
