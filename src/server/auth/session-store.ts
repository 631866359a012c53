import "server-only";
import { type Actor, applyTwoStepRequirement } from "../authz/permissions";
import type { TwoStepRole } from "../authz/two-step-requirement";
import { db } from "../db";
import { env } from "../env";

// Every signed-in browser has an AuthSession row; its id travels in the
// next-auth JWT. Checking the row on each request is what makes sessions
// revocable: sign out everywhere, suspension and password changes all end
// existing sessions at their next request (a suspended account may sign in
// again, to a read-only account: see authz/permissions.ts).

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
const TOUCH_AFTER_MS = 5 * 60 * 1000;

export type CurrentUser = NonNullable<Actor> & {
  sessionId: string;
  handle: string;
  displayName: string;
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
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  const session = await db.authSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      createdAt: true,
      lastSeenAt: true,
      expiresAt: true,
      revokedAt: true,
      user: {
        select: {
          id: true,
          handle: true,
          displayName: true,
          siteRole: true,
          suspendedUntil: true,
          sessionsValidFrom: true,
          deletedAt: true,
          emailConfirmedAt: true,
          twoStep: { select: { enabledAt: true } },
        },
      },
    },
  });
  if (!session || session.revokedAt || session.expiresAt <= now) return null;
  const { user } = session;
  if (user.deletedAt || session.createdAt < user.sessionsValidFrom) return null;
  // A suspended account keeps its session, read-only: the permission map refuses what it may not do.
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    // Best effort: "last active" on the sessions page need not be exact.
    await db.authSession.update({ where: { id: session.id }, data: { lastSeenAt: now } }).catch(() => undefined);
  }
  const actor = { id: user.id, siteRole: user.siteRole, suspendedUntil: user.suspendedUntil };
  return {
    ...applyTwoStepRequirement(actor, requirement, !!user.twoStep?.enabledAt),
    ...(user.emailConfirmedAt ? {} : { unconfirmed: true }),
    sessionId: session.id,
    handle: user.handle,
    displayName: user.displayName,
  };
}

export async function revokeAuthSession(sessionId: string): Promise<void> {
  await db.authSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}
