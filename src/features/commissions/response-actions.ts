"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { authedAction } from "@/server/action";
import { respondToPublication } from "./response";
import { ZRespondToPublication } from "./response-schemas";

export const respondToPublicationAction = authedAction(ZRespondToPublication, async (input, { user }) => {
  const { url } = await respondToPublication(user, input);
  revalidatePath(url);
  redirect(`${url}#commission-response`);
});
