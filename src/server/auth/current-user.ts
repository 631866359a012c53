import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { unauthenticated } from "../errors";
import { currentUserOf, sessionAuthOptions } from "./options";
import { type CurrentUser, resolveSession } from "./session-store";

/**
 * The signed-in person for this request, checked against the session table (by the session
 * callback in options.ts, the same check GET /api/auth/session makes); null when signed out.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = (await getServerSession(sessionAuthOptions)) as { sid?: string } | null;
  // Throws when the database could not be asked: "try again", not "signed out".
  const checked = currentUserOf(session);
  if (checked) return checked;
  if (!session?.sid) return null;
  // Should next-auth ever hand back a copy without the hidden field, check the row here instead.
  return resolveSession(session.sid);
});

export async function requireCurrentUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw unauthenticated();
  return user;
}
