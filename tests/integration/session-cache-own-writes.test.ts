// A person's own change (confirming their address, a new name, signing out everywhere) must show at
// their very next request, which may come before the database's notice reaches this process (a
// prefetch the answer itself triggers did, in the e2e run). Here no notice ever arrives: the
// cache counts as listening without a listener, so only the mutations' own forgetting can help.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { confirmEmail, resendConfirmation } from "@/features/accounts/email-confirmation";
import { signOutEverywhere, updateProfile } from "@/features/accounts/mutations";
import { enableSessionCache, rememberedSession, setSessionCacheListening } from "@/server/auth/session-cache";
import { createAuthSession, resolveSession } from "@/server/auth/session-store";
import { db } from "@/server/db";
import { actorOf, makeUser } from "./helpers/factories";
import { resetDatabase } from "./helpers/reset-db";

beforeAll(async () => {
  await resetDatabase();
  enableSessionCache(100);
  setSessionCacheListening(true);
});
afterAll(() => setSessionCacheListening(false));

async function rememberedPerson(options: { confirmed?: boolean } = {}) {
  const person = await makeUser({ displayName: "Before", ...options });
  const sid = await createAuthSession(person.id, "test browser");
  await resolveSession(sid);
  expect(rememberedSession(sid)).toBeDefined();
  return { person, sid };
}

describe("a person's own change, before any notice", () => {
  it("a confirmed address shows at once", async () => {
    const { person, sid } = await rememberedPerson({ confirmed: false });
    expect(await resolveSession(sid)).toMatchObject({ unconfirmed: true });
    const address = await resendConfirmation(actorOf(person));
    const mail = await db.outboxEmail.findFirstOrThrow({
      where: { toAddress: address },
      orderBy: { createdAt: "desc" },
    });
    const token = /confirm-email\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    await confirmEmail(token);
    expect(rememberedSession(sid)).toBeUndefined();
    expect(await resolveSession(sid)).not.toHaveProperty("unconfirmed");
  });

  it("a new display name shows at once", async () => {
    const { person, sid } = await rememberedPerson();
    const profile = await db.profile.findUniqueOrThrow({ where: { userId: person.id } });
    await updateProfile(actorOf(person), {
      displayName: "After",
      perspective: profile.perspective,
      sector: profile.sector,
      fieldDetail: profile.fieldDetail,
      organisationName: profile.organisationName ?? undefined,
      bio: profile.bio,
      hideOrganisation: profile.hideOrganisation,
      hideSector: profile.hideSector,
      hideGroups: profile.hideGroups,
    });
    expect(await resolveSession(sid)).toMatchObject({ displayName: "After" });
  });

  it("signing out everywhere ends the session at once", async () => {
    const { person, sid } = await rememberedPerson();
    await signOutEverywhere(actorOf(person));
    expect(await resolveSession(sid)).toBeNull();
  });
});
