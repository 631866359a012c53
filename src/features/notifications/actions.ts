"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/server/action";
import { markAllNotificationsRead } from "./mutations";

export const markAllReadAction = authedAction(z.object({}), async (_input, { user }) => {
  await markAllNotificationsRead(user);
  revalidatePath("/notifications");
  return "All notifications are marked as read.";
});
