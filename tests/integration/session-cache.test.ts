// A server process remembers what it read for a session (src/server/auth/session-cache.ts) and
// forgets it when the database's triggers say the session or its person changed
// (prisma/migrations/20261211090000_session_cache_notify): every way a session ends still ends it
// at its next request, and a change to the person is seen at once.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signOutEverywhere, suspendUser } from "@/features/accounts/mutations";
import {
  enableSessionCache,
  rememberedSession,
  SESSION_CACHE_CHANNEL,
  sessionCacheMark,
  sessionCacheSubscriber,
} from "@/server/auth/session-cache";
import { createAuthSession, resolveSession, revokeAuthSession } from "@/server/auth/session-store";
import { db } from "@/server/db";
import { listenForNotices } from "@/server/db-notices";
import { actorOf, makeUser, type TestUser } from "./helpers/factories";
import { resetDatabase } from "./helpers/reset-db";
import { until } from "./helpers/until";

enableSessionCache(100);
let listening = false;
const listener = listenForNotices(
  [
    {
      ...sessionCacheSubscriber,
      onListening: (on) => {
        listening = on;
        sessionCacheSubscriber.onListening(on);
      },
    },
  ],
  process.env.DATABASE_URL!,
  { info: () => {}, error: () => {} },
);

/** Waits until every notice sent so far has arrived: notices come in order, so one sent now comes last. */
async function settle() {
  const before = sessionCacheMark();
  await db.$executeRaw`SELECT pg_notify(${SESSION_CACHE_CHANNEL}, ${`session:${randomUUID()}`})`;
  await until(() => sessionCacheMark() > before, "the notices sent so far to arrive");
}

let person: TestUser;
let admin: TestUser;
let sid: string;

beforeAll(async () => {
  await until(() => listening, "the listener to connect");
});

afterAll(async () => {
  await listener.stop();
});

beforeEach(async () => {
  await resetDatabase();
  person = await makeUser({ displayName: "Person" });
  admin = await makeUser({ siteRole: "ADMIN" });
  sid = await createAuthSession(person.id, "test browser");
  await settle();
  expect(await resolveSession(sid)).toMatchObject({ id: person.id, displayName: "Person" });
  expect(rememberedSession(sid)).toBeDefined();
});

describe("the session cache", () => {
  it("remembers a session once read, and answers from memory", async () => {
    const again = await resolveSession(sid);
    expect(again).toMatchObject({ id: person.id, sessionId: sid, displayName: "Person" });
  });

  it("forgets a session ended by signing out everywhere, as that write commits", async () => {
    await signOutEverywhere(actorOf(person));
    await until(() => rememberedSession(sid) === undefined, "the person's notice");
    expect(await resolveSession(sid)).toBeNull();
  });

  it("a session revoked in this process ends at once, before any notice", async () => {
    await revokeAuthSession(sid);
    expect(await resolveSession(sid)).toBeNull();
  });

  it("a suspension ends the person's sessions", async () => {
    await suspendUser(actorOf(admin), { userId: person.id, days: 3, reason: "spam" });
    await until(() => rememberedSession(sid) === undefined, "the suspension's notice");
    expect(await resolveSession(sid)).toBeNull();
  });

  it("a session revoked by hand-written SQL (another process, a script) is forgotten too", async () => {
    await db.$executeRaw`UPDATE "AuthSession" SET "revokedAt" = now() WHERE id = ${sid}::uuid`;
    await until(() => rememberedSession(sid) === undefined, "the session's notice");
    expect(await resolveSession(sid)).toBeNull();
  });

  it("a new name, a new role, a confirmed email and two-step sign-in are seen at the next request", async () => {
    await db.user.update({ where: { id: person.id }, data: { displayName: "Renamed", siteRole: "ADMIN" } });
    await until(() => rememberedSession(sid) === undefined, "the rename's notice");
    expect(await resolveSession(sid)).toMatchObject({ displayName: "Renamed", siteRole: "ADMIN" });
    await db.twoStepSignIn.create({ data: { userId: person.id, secret: "x", enabledAt: new Date() } });
    await until(() => rememberedSession(sid) === undefined, "the two-step notice");
    await resolveSession(sid);
    await db.user.update({ where: { id: person.id }, data: { emailConfirmedAt: null } });
    await until(() => rememberedSession(sid) === undefined, "the email notice");
    expect(await resolveSession(sid)).toMatchObject({ unconfirmed: true });
  });

  it("touching lastSeenAt, a two-step code used and another person's change keep the session remembered", async () => {
    const later = new Date(Date.now() + 6 * 60 * 1000);
    await resolveSession(sid, later); // touches lastSeenAt
    const touched = await db.authSession.findUniqueOrThrow({ where: { id: sid } });
    expect(touched.lastSeenAt.getTime()).toBe(later.getTime());
    await db.twoStepSignIn.create({ data: { userId: person.id, secret: "x", pendingSecret: "y" } });
    await db.twoStepSignIn.update({ where: { userId: person.id }, data: { lastUsedStep: 7 } });
    await db.user.update({ where: { id: admin.id }, data: { displayName: "Another" } });
    await settle();
    expect(rememberedSession(sid)).toBeDefined();
  });

  it("a deleted person and an emptied table are forgotten", async () => {
    await db.user.delete({ where: { id: person.id } });
    await until(() => rememberedSession(sid) === undefined, "the deletion's notice");
    expect(await resolveSession(sid)).toBeNull();
    const other = await createAuthSession(admin.id, "test browser");
    await resolveSession(other);
    expect(rememberedSession(other)).toBeDefined();
    await resetDatabase(); // TRUNCATE
    await until(() => rememberedSession(other) === undefined, "the truncation's notice");
  });

  it("remembers nothing while the notices cannot be heard", async () => {
    sessionCacheSubscriber.onListening(false);
    try {
      expect(rememberedSession(sid)).toBeUndefined();
      await resolveSession(sid);
      expect(rememberedSession(sid)).toBeUndefined();
    } finally {
      sessionCacheSubscriber.onListening(true);
    }
  });
});
