"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/server/action";
import { requestDataExport } from "./mutations";
import { ZRequestDataExport } from "./schemas";

export const requestDataExportAction = authedAction(ZRequestDataExport, async (_input, { user }) => {
  await requestDataExport(user);
  revalidatePath("/settings/data");
  return "We are preparing your archive. You can leave this page: it will be listed below when it is ready.";
});
