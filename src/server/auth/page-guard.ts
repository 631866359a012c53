import "server-only";
import { redirect } from "next/navigation";
import { signInPath } from "@/lib/paths";
import { safeReturnPath } from "@/lib/return-path";
import { getCurrentUser } from "./current-user";

export { safeReturnPath };

/** For pages that need a signed-in person: sends others to sign in and back. */
export async function requirePageUser(returnTo: string) {
  const user = await getCurrentUser();
  if (!user) redirect(signInPath(safeReturnPath(returnTo)));
  return user;
}
