import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { ZSignIn } from "@/features/accounts/schemas";
import { authenticateWithPassword } from "@/features/accounts/mutations";
import { findOrCreateOAuthUser } from "@/features/accounts/oauth";
import { safeRedirectUrl } from "@/lib/return-path";
import { isAppError, isDatabaseUnavailable } from "../errors";
import { env } from "../env";
import { clientIp } from "./client-ip";
import { logError } from "../log";
import { createAuthSession, resolveSession, revokeAuthSession, SESSION_MAX_AGE_SECONDS, type CurrentUser } from "./session-store";

// next-auth v4 with JWT cookies. The JWT carries only the id of an AuthSession
// row (token.sid); session-store.ts checks that row on every request.

class SessionEndedError extends Error {
  constructor() {
    super("This session has ended.");
    this.name = "SessionEndedError";
  }
}

/** Where the session callback leaves the checked person on the session it returns (not enumerable: never sent as JSON). */
const CURRENT_USER = Symbol("currentUser");

/** Where the session callback leaves the database error that kept it from checking the session. */
const UNCHECKED = Symbol("unchecked");

/**
 * The person the session callback checked, from what getServerSession returned. Throws the
 * database's error when the check could not be made: "try again", never "you are signed out".
 */
export function currentUserOf(session: unknown): CurrentUser | null {
  if (!session || typeof session !== "object") return null;
  const unchecked = (session as { [UNCHECKED]?: unknown })[UNCHECKED];
  if (unchecked) throw unchecked;
  return (session as { [CURRENT_USER]?: CurrentUser })[CURRENT_USER] ?? null;
}

function oauthProviders() {
  const providers = [];
  const e = env();
  if (e.GITHUB_ID && e.GITHUB_SECRET) providers.push(GitHubProvider({ clientId: e.GITHUB_ID, clientSecret: e.GITHUB_SECRET }));
  if (e.GOOGLE_ID && e.GOOGLE_SECRET) providers.push(GoogleProvider({ clientId: e.GOOGLE_ID, clientSecret: e.GOOGLE_SECRET }));
  return providers;
}

export function enabledOAuthProviders(): { id: string; name: string }[] {
  return oauthProviders().map((p) => ({ id: p.id, name: p.name }));
}

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = ZSignIn.safeParse(credentials ?? {});
        if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "Enter your email and password.");
        try {
          const user = await authenticateWithPassword(parsed.data, { ip: clientIp(req.headers ?? {}) });
          const userAgent = String(req.headers?.["user-agent"] ?? "");
          return { id: user.id, name: user.displayName, userAgent };
        } catch (error) {
          // next-auth passes the message to the sign-in form.
          if (isAppError(error)) throw new Error(error.message);
          throw error;
        }
      },
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    // Where next-auth sends a person after signing in or out (callbackUrl): this site only, and
    // only a clean path on it. The default accepted "/\t/evil.example", which browsers read as
    // "//evil.example".
    redirect({ url, baseUrl }) {
      return safeRedirectUrl(url, baseUrl);
    },
    async jwt({ token, user, account, profile }) {
      if (!user) return token;
      let userId = user.id;
      if (account && account.type === "oauth") {
        const linked = await findOrCreateOAuthUser({
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          email: (profile as { email?: string } | undefined)?.email ?? user.email ?? null,
          name: user.name ?? null,
        });
        userId = linked.id;
      }
      token.sub = userId;
      token.sid = await createAuthSession(userId, (user as { userAgent?: string }).userAgent ?? "");
      return token;
    },
    // Runs for GET /api/auth/session and for every getServerSession (getCurrentUser). The cookie
    // alone is not enough: its AuthSession row must still count (not signed out everywhere,
    // suspended, changed password, deleted), or the answer is "signed out" and next-auth clears
    // the cookie. The row's person rides along, hidden from JSON, so pages need no second query.
    async session({ session, token }) {
      let current: CurrentUser | null;
      try {
        current = typeof token.sid === "string" ? await resolveSession(token.sid) : null;
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        // The database is away for a moment: the session is neither confirmed nor ended. Throwing
        // would make next-auth clear the cookie (signing the person out for good), so the cookie
        // stays, and getCurrentUser rethrows the error: pages and forms say "try again".
        const body = { expires: session.expires };
        Object.defineProperty(body, UNCHECKED, { value: error, enumerable: false });
        return body as unknown as typeof session;
      }
      if (!current) throw new SessionEndedError();
      const body = { expires: session.expires, user: { name: current.displayName }, sid: current.sessionId, uid: current.id };
      Object.defineProperty(body, CURRENT_USER, { value: current, enumerable: false });
      return body as unknown as typeof session;
    },
  },
  logger: {
    error(code, metadata) {
      // A session that ended is an answer ("signed out"), not an error worth a log line.
      if (code === "JWT_SESSION_ERROR" && metadata instanceof SessionEndedError) return;
      logError(`next-auth: ${code}`, metadata instanceof Error ? metadata : (metadata as { error?: unknown })?.error ?? metadata);
    },
  },
  events: {
    async signOut({ token }) {
      if (token?.sid) await revokeAuthSession(String(token.sid));
    },
  },
};
