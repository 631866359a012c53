import "server-only";
import { decode } from "next-auth/jwt";
import { type CurrentUser, resolveSession } from "./session-store";

// Who a request's session cookie names, for code that answers before Next.js sees the request
// (src/composition/fast-paths/vote.ts). Inside Next, getCurrentUser asks next-auth; this makes the
// same two checks: the JWT decrypts with NEXTAUTH_SECRET and has not expired, and the AuthSession
// row it names still counts (resolveSession).

/** The cookie's name as next-auth sets it: __Secure- prefixed when the site's address is https. */
export function sessionCookieName(siteUrl = process.env.NEXTAUTH_URL ?? ""): string {
  return `${siteUrl.startsWith("https://") ? "__Secure-" : ""}next-auth.session-token`;
}

/**
 * The signed-in person, or null when the header names nobody this can confirm: no cookie, a cookie
 * next-auth split into chunks, one that does not decrypt or has expired, or an ended session. The
 * caller then leaves the request to Next, which answers it as it always does. Throws when the
 * database cannot be asked.
 */
export async function sessionFromCookieHeader(cookieHeader: string | undefined): Promise<CurrentUser | null> {
  const name = sessionCookieName();
  let token: string | null = null;
  for (const part of (cookieHeader ?? "").split(";")) {
    const at = part.indexOf("=");
    const key = part.slice(0, at).trim();
    if (key.startsWith(`${name}.`)) return null;
    if (key === name) token = part.slice(at + 1).trim();
  }
  const secret = process.env.NEXTAUTH_SECRET;
  if (!token || !secret) return null;
  const sid = await sessionIdOf(token, secret);
  return sid ? resolveSession(sid) : null;
}

/**
 * Decrypting a cookie derives its key (HKDF) and runs AES-GCM: a twentieth of a vote's time. The
 * result depends only on the token and the secret, so recent ones are remembered (the session row
 * is still checked on every request, so signing out still ends it at once); expiry is checked on
 * every use.
 */
const decoded = new Map<string, { sid: string; expiresAt: number }>();
const REMEMBERED = 10_000;

async function sessionIdOf(token: string, secret: string): Promise<string | null> {
  const key = `${secret.length}:${secret}:${token}`;
  const known = decoded.get(key);
  if (known) return known.expiresAt > Date.now() ? known.sid : null;
  const claims = await decode({ token, secret }).catch(() => null);
  if (typeof claims?.sid !== "string" || typeof claims.exp !== "number") return null;
  if (decoded.size >= REMEMBERED) decoded.delete(decoded.keys().next().value as string);
  decoded.set(key, { sid: claims.sid, expiresAt: claims.exp * 1000 });
  return claims.sid;
}
