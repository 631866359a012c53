import "server-only";
import { type Actor, applyTwoStepRequirement, type SiteRoleName } from "../authz/permissions";
import type { TwoStepRole } from "../authz/two-step-requirement";
import { db } from "../db";
import { env } from "../env";
import { forget, rememberedSession, rememberSession, sessionCacheMark } from "./session-cache";

// Every signed-in browser has an AuthSession row; its id travels in the
// next-auth JWT. Checking the row on each request is what makes sessions
// revocable: sign out everywhere, suspension and password changes all end
// existing sessions at their next request (a suspended account may sign in
// again, to a read-only account: see authz/permissions.ts). A server process may
// remember the row it read (session-cache.ts): the database's triggers tell it
// when any of it changes, so that still holds.

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
const TOUCH_AFTER_MS = 5 * 60 * 1000;

export type CurrentUser = NonNullable<Actor> & {
  sessionId: string;
  handle: string;
  displayName: string;
};

/** What resolveSession reads: the session row, its person, and whether two-step sign-in is on. */
type SessionRow = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  userId: string;
  handle: string;
  displayName: string;
  siteRole: SiteRoleName;
  suspendedUntil: Date | null;
  sessionsValidFrom: Date;
  deletedAt: Date | null;
  emailConfirmedAt: Date | null;
  twoStepEnabledAt: Date | null;
};

export async function createAuthSession(userId: string, userAgent: string): Promise<string> {
  const session = await db.authSession.create({
    data: {
      userId,
      userAgent: userAgent.slice(0, 300),
      expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
    },
    select: { id: true },
  });
  return session.id;
}

/**
 * The user behind a session id, or null when the session no longer counts. Powers that
 * REQUIRE_TWO_STEP_FOR (`requirement`) holds back from an account without two-step sign-in are
 * taken off the actor here, so every permission check after this sees them held back.
 */
export async function resolveSession(
  sessionId: string,
  now = new Date(),
  requirement: readonly TwoStepRole[] = env().REQUIRE_TWO_STEP_FOR,
): Promise<CurrentUser | null> {
  // Strict, so the ::uuid cast below can never fail on what a cookie carried.
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(sessionId)) return null;
  const found = await sessionRow(sessionId);
  if (!found || found.revokedAt || found.expiresAt <= now) return null;
  if (found.deletedAt || found.createdAt < found.sessionsValidFrom) return null;
  // A suspended account keeps its session, read-only: the permission map refuses what it may not do.
  if (now.getTime() - found.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    found.lastSeenAt = now; // a remembered row is touched once, not on every request
    // Best effort: "last active" on the sessions page need not be exact.
    await db.authSession.update({ where: { id: found.id }, data: { lastSeenAt: now } }).catch(() => undefined);
  }
  const actor = { id: found.userId, siteRole: found.siteRole, suspendedUntil: found.suspendedUntil };
  return {
    ...applyTwoStepRequirement(actor, requirement, !!found.twoStepEnabledAt),
    ...(found.emailConfirmedAt ? {} : { unconfirmed: true }),
    sessionId: found.id,
    handle: found.handle,
    displayName: found.displayName,
  };
}

/** The session's row as this process remembers it, or as one statement reads it (not Prisma's three: session, user, two-step). */
async function sessionRow(sessionId: string): Promise<SessionRow | undefined> {
  const remembered = rememberedSession<SessionRow>(sessionId);
  if (remembered) return remembered;
  const mark = sessionCacheMark();
  const [found] = await db.$queryRaw<SessionRow[]>`
    SELECT s.id, s."createdAt", s."lastSeenAt", s."expiresAt", s."revokedAt",
           u.id AS "userId", u.handle, u."displayName", u."siteRole"::text AS "siteRole", u."suspendedUntil",
           u."sessionsValidFrom", u."deletedAt", u."emailConfirmedAt", t."enabledAt" AS "twoStepEnabledAt"
      FROM "AuthSession" s
      JOIN "User" u ON u.id = s."userId"
      LEFT JOIN "TwoStepSignIn" t ON t."userId" = u.id
     WHERE s.id = ${sessionId}::uuid`;
  if (found) rememberSession(sessionId, found, mark);
  return found;
}

export async function revokeAuthSession(sessionId: string): Promise<void> {
  await db.authSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
  // Other processes hear of it from the database; this one forgets it before the notice arrives.
  forget(`session:${sessionId}`);
}
