// A signed-in browser for `npm run bench`, made the way the app makes one (src/server/auth/options.ts
// and session-store.ts): an AuthSession row, and a next-auth v4 JWT cookie that carries its id (sid).
import { encode } from "next-auth/jwt";
import pg from "pg";

/** next-auth's cookie name on plain http (on https it is "__Secure-next-auth.session-token"). */
export const SESSION_COOKIE = "next-auth.session-token";
const MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export async function signedInCookie(
  databaseUrl: string,
  user: { id: string; displayName: string },
  secret: string,
): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let sessionId: string;
  try {
    const row = await client.query<{ id: string }>(
      `INSERT INTO "AuthSession" ("userId", "expiresAt", "userAgent") VALUES ($1, now() + make_interval(secs => $2), 'npm run bench') RETURNING id`,
      [user.id, MAX_AGE_SECONDS],
    );
    sessionId = row.rows[0]!.id;
  } finally {
    await client.end();
  }
  const token = await encode({ token: { sub: user.id, sid: sessionId, name: user.displayName }, secret, maxAge: MAX_AGE_SECONDS });
  return `${SESSION_COOKIE}=${token}`;
}
