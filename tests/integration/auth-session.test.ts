import { createRequire } from "node:module";
import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it } from "vitest";
import { authOptions } from "@/composition/auth";
import { changePassword, signOutEverywhere, suspendUser } from "@/features/accounts/mutations";
import { createAuthSession, revokeAuthSession } from "@/server/auth/session-store";
import { db } from "@/server/db";
import { actorOf, makeUser } from "./helpers/factories";
import { resetDatabase } from "./helpers/reset-db";

// GET /api/auth/session must agree with pages and actions: a cookie whose AuthSession row no
// longer counts is "signed out" there too. This drives next-auth's own handler for that route
// (what the route file and getServerSession both call) with a real session cookie.

// next-auth's core handler is not in its package exports; load its file, as its own route code does.
type Cookie = { name: string; value: string; options?: { maxAge?: number } };
const { AuthHandler } = createRequire(import.meta.url)("../../node_modules/next-auth/core/index.js") as {
  AuthHandler(params: { options: unknown; req: unknown }): Promise<{ body?: unknown; cookies?: Cookie[] }>;
};

const SECRET = "test-secret-at-least-32-characters-long";
const COOKIE = "next-auth.session-token";
const options = { ...authOptions, secret: SECRET };

async function cookieFor(userId: string) {
  const sid = await createAuthSession(userId, "test browser");
  const token = await encode({ secret: SECRET, token: { sub: userId, sid, name: "Someone" } });
  return { sid, token };
}

async function sessionEndpoint(token: string) {
  const response = await AuthHandler({
    options,
    req: {
      action: "session",
      method: "GET",
      cookies: { [COOKIE]: token },
      headers: { host: "commons.test" },
      host: "http://commons.test",
    },
  });
  const cookies = (response.cookies ?? []).filter((c) => c.name === COOKIE);
  return {
    body: response.body as Record<string, unknown>,
    cleared: cookies.some((c) => c.value === "" && (c.options?.maxAge ?? 1) <= 0),
  };
}

beforeEach(async () => {
  await resetDatabase();
  process.env.NEXTAUTH_URL ??= "http://commons.test";
});

describe("GET /api/auth/session", () => {
  it("answers with the person for a live session, without private fields", async () => {
    const user = await makeUser({ password: "a password that is long" });
    const { sid, token } = await cookieFor(user.id);
    const { body, cleared } = await sessionEndpoint(token);
    expect(body).toMatchObject({ uid: user.id, sid, user: { name: user.displayName } });
    expect(JSON.parse(JSON.stringify(body))).toEqual({
      uid: user.id,
      sid,
      user: { name: user.displayName },
      expires: expect.any(String),
    });
    expect(cleared).toBe(false);
  });

  const endings: [string, (user: Awaited<ReturnType<typeof makeUser>>, sid: string) => Promise<unknown>][] = [
    ["the session is signed out", (_user, sid) => revokeAuthSession(sid)],
    ["the person signs out everywhere", (user) => signOutEverywhere(actorOf(user))],
    [
      "the password is changed in another browser",
      async (user) => {
        const other = await createAuthSession(user.id, "other browser");
        await changePassword(actorOf(user), other, {
          currentPassword: "a password that is long",
          newPassword: "another long password",
        });
      },
    ],
    [
      "an admin suspends the account",
      async (user) => {
        const admin = await makeUser({ siteRole: "ADMIN" });
        await suspendUser(actorOf(admin), { userId: user.id, days: 3, reason: "spam" });
      },
    ],
    ["the account is deleted", (user) => db.user.update({ where: { id: user.id }, data: { deletedAt: new Date() } })],
    [
      "the session expired",
      (_user, sid) => db.authSession.update({ where: { id: sid }, data: { expiresAt: new Date(Date.now() - 1000) } }),
    ],
  ];

  it.each(endings)("answers signed out, and clears the cookie, once %s", async (_what, end) => {
    const user = await makeUser({ password: "a password that is long" });
    const { sid, token } = await cookieFor(user.id);
    expect((await sessionEndpoint(token)).body.uid).toBe(user.id);
    await end(user, sid);
    const { body, cleared } = await sessionEndpoint(token);
    expect(body).toEqual({});
    expect(cleared).toBe(true);
  });

  it("answers signed out for a token without a session id or with a forged one", async () => {
    const user = await makeUser();
    for (const claims of [
      { sub: user.id },
      { sub: user.id, sid: "00000000-0000-0000-0000-000000000000" },
      { sub: user.id, sid: "not-a-uuid" },
    ]) {
      const token = await encode({ secret: SECRET, token: claims });
      expect((await sessionEndpoint(token)).body).toEqual({});
    }
  });
});
