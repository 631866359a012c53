// Signed-in browsers for `npm run bench`, made the way the app makes one (src/server/auth/options.ts
// and session-store.ts): an AuthSession row, and a next-auth v4 JWT cookie that carries its id (sid).
import { encode } from "next-auth/jwt";
import pg from "pg";

/** next-auth's cookie name on plain http (on https it is "__Secure-next-auth.session-token"). */
export const SESSION_COOKIE = "next-auth.session-token";
const MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** One session cookie per user, in the users' order; the AuthSession rows go in as one INSERT. */
export async function signedInCookies(
  databaseUrl: string,
  users: { id: string; displayName: string }[],
  secret: string,
): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let sessions: { id: string; userId: string }[];
  try {
    const rows = await client.query<{ id: string; userId: string }>(
      `INSERT INTO "AuthSession" ("userId", "expiresAt", "userAgent")
       SELECT id, now() + make_interval(secs => $2), 'npm run bench' FROM unnest($1::uuid[]) AS u (id)
       RETURNING id, "userId"`,
      [users.map((u) => u.id), MAX_AGE_SECONDS],
    );
    sessions = rows.rows;
  } finally {
    await client.end();
  }
  const sessionOf = new Map(sessions.map((s) => [s.userId, s.id]));
  return Promise.all(
    users.map(async (user) => {
      const token = await encode({
        token: { sub: user.id, sid: sessionOf.get(user.id)!, name: user.displayName },
        secret,
        maxAge: MAX_AGE_SECONDS,
      });
      return `${SESSION_COOKIE}=${token}`;
    }),
  );
}

export async function signedInCookie(
  databaseUrl: string,
  user: { id: string; displayName: string },
  secret: string,
): Promise<string> {
  const [cookie] = await signedInCookies(databaseUrl, [user], secret);
  return cookie!;
}
