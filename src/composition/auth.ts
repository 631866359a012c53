import "server-only";
import { authenticateWithPassword } from "@/features/accounts/mutations";
import { findOrCreateOAuthUser } from "@/features/accounts/oauth";
import { ZSignIn } from "@/features/accounts/schemas";
import { createAuthOptions } from "@/server/auth/options";

/**
 * The next-auth configuration the auth route serves: server/auth's sessions and providers, with
 * the accounts feature checking passwords and linking OAuth identities. Pages and actions read the
 * session through server/auth/current-user.ts, which needs none of this.
 */
export const authOptions = createAuthOptions({
  async signInWithPassword(credentials, context) {
    const parsed = ZSignIn.safeParse(credentials ?? {});
    if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "Enter your email and password.");
    const user = await authenticateWithPassword(parsed.data, context);
    return { id: user.id, displayName: user.displayName };
  },
  linkOAuthUser: findOrCreateOAuthUser,
});
