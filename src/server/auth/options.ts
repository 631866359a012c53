import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { safeRedirectUrl } from "@/lib/return-path";
import { env } from "../env";
import { isAppError, isDatabaseUnavailable } from "../errors";
import { logError, logInfo } from "../log";
import { clientIp } from "./client-ip";
import {
  type CurrentUser,
  createAuthSession,
  resolveSession,
  revokeAuthSession,
  SESSION_MAX_AGE_SECONDS,
} from "./session-store";

// next-auth v4 with JWT cookies. The JWT carries only the id of an AuthSession
// row (token.sid); session-store.ts checks that row on every request.
//
// This module is infrastructure: it knows sessions, cookies and providers, not accounts. How a
// password is checked and how an OAuth identity becomes a person are the accounts feature's, and
// the composition root (src/composition/auth.ts) passes them in through AccountHooks.

/** What sign-in needs from the accounts feature. */
export interface AccountHooks {
  /** Checks an email and password as typed into the form; throws an AppError whose message the form shows. */
  signInWithPassword(
    credentials: Record<string, string> | undefined,
    context: { ip: string },
  ): Promise<{ id: string; displayName: string }>;
  /** The person an OAuth identity belongs to, made on first sign-in. */
  linkOAuthUser(input: {
    provider: string;
    providerAccountId: string;
    email: string | null;
    name: string | null;
  }): Promise<{ id: string }>;
}

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
  if (e.GITHUB_ID && e.GITHUB_SECRET)
    providers.push(GitHubProvider({ clientId: e.GITHUB_ID, clientSecret: e.GITHUB_SECRET }));
  if (e.GOOGLE_ID && e.GOOGLE_SECRET)
    providers.push(GoogleProvider({ clientId: e.GOOGLE_ID, clientSecret: e.GOOGLE_SECRET }));
  return providers;
}

export function enabledOAuthProviders(): { id: string; name: string }[] {
  return oauthProviders().map((p) => ({ id: p.id, name: p.name }));
}

/** The next-auth configuration, with the accounts feature's part passed in. */
export function createAuthOptions(accounts: AccountHooks): NextAuthOptions {
  return {
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          try {
            const user = await accounts.signInWithPassword(credentials, { ip: clientIp(req.headers ?? {}) });
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
          const linked = await accounts.linkOAuthUser({
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
        const body = {
          expires: session.expires,
          user: { name: current.displayName },
          sid: current.sessionId,
          uid: current.id,
        };
        Object.defineProperty(body, CURRENT_USER, { value: current, enumerable: false });
        return body as unknown as typeof session;
      },
    },
    logger: {
      error(code, metadata) {
        // A session that ended is an answer ("signed out"), not an error worth a log line.
        if (code === "JWT_SESSION_ERROR" && metadata instanceof SessionEndedError) return;
        // A cookie that does not decrypt (forged, or signed with an older secret) is the visitor's
        // problem, not ours: one short line, so that anyone sending junk cannot flood the error log.
        if (code === "JWT_SESSION_ERROR" && isUnreadableCookie(metadata)) {
          logInfo("next-auth: a session cookie could not be read; treated as signed out", {
            reason: (metadata as Error).message,
          });
          return;
        }
        logError(
          `next-auth: ${code}`,
          metadata instanceof Error ? metadata : ((metadata as { error?: unknown })?.error ?? metadata),
        );
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.sid) await revokeAuthSession(String(token.sid));
      },
    },
  };
}

/**
 * The configuration that reads sessions (getServerSession). Reading a session runs only the
 * session and jwt callbacks with a token and no user, so signing in is never reached from here:
 * the auth route (src/app/api/auth) uses the composition root's configuration, which can.
 */
export const sessionAuthOptions: NextAuthOptions = createAuthOptions({
  signInWithPassword() {
    throw new Error("Signing in happens at the auth route.");
  },
  linkOAuthUser() {
    throw new Error("Signing in happens at the auth route.");
  },
});

/** A decryption or token error from jose (next-auth's JWT library): the cookie, not the server, is at fault. */
function isUnreadableCookie(error: unknown): boolean {
  const { name = "", code = "" } = (error ?? {}) as { name?: string; code?: string };
  return /^(JWE|JWS|JWT)/.test(name) || /^ERR_JW[EST]_/.test(code);
}
