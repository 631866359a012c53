"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authedAction } from "@/server/action";
import { respondToPublication } from "./response";
import { ZRespondToPublication } from "./response-schemas";

export const respondToPublicationAction = authedAction(ZRespondToPublication, async (input, { user }) => {
  const { url } = await respondToPublication(user, input);
  revalidatePath(url);
  redirect(`${url}#commission-response`);
});
