"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { authedAction } from "@/server/action";
import { safeReturnPath } from "@/server/auth/page-guard";
import { notFound } from "@/server/errors";
import { markAllNotificationsRead, openNotification } from "./mutations";
import { ZOpenNotification } from "./schemas";

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
