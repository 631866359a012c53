import "server-only";
import { redirect } from "next/navigation";
import { getCurrentUser } from "./current-user";

/** Only same-site paths may be used as a place to return to after signing in. */
export function safeReturnPath(value: unknown, fallback = "/"): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : fallback;
}

/** For pages that need a signed-in person: sends others to sign in and back. */
export async function requirePageUser(returnTo: string) {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(safeReturnPath(returnTo))}`);
  return user;
}
