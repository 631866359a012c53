// A form reports every problem at once, not one per round trip: the schema's own checks, the
// checks across fields (passwords that must match), and those that need the database (a taken
// username, a deadline already past), all in the first answer, with what was typed kept.
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as accounts from "@/features/accounts/actions";
import * as commissions from "@/features/commissions/actions";
import type { FormState } from "@/server/action";
import type { CurrentUser } from "@/server/auth/session-store";
import { makeOrganisation } from "./helpers/commission-factories";
import { actorOf, days, makeGroup, makeUser, type TestUser } from "./helpers/factories";
import { formOf } from "./helpers/hostile-corpus";
import { resetDatabase } from "./helpers/reset-db";

const signedIn = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/server/auth/current-user", () => ({
  getCurrentUser: async () => signedIn.user,
  requireCurrentUser: async () => signedIn.user,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, unstable_cache: <T>(fn: T) => fn }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "commons.test", "x-forwarded-for": "203.0.113.7" }),
  cookies: async () => ({ getAll: () => [], set: () => {} }),
}));

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;
const send = (action: Action, fields: Record<string, string>) => action({ ok: false }, formOf(fields));

let taken: TestUser;
beforeAll(async () => {
  await resetDatabase();
  taken = await makeUser();
});

describe("every problem at once", () => {
  it("registration: a bad email, a short password that does not match, a taken username, no perspective", async () => {
    signedIn.user = null;
    const state = await send(accounts.registerAction, {
      email: "nurse@",
      password: "short",
      confirmPassword: "shorter",
      handle: taken.handle,
      displayName: "N".repeat(71),
      sector: "HEALTH",
    });
    expect(state.ok).toBe(false);
    expect(Object.keys(state.fieldErrors ?? {}).sort()).toEqual([
      "confirmPassword",
      "displayName",
      "email",
      "handle",
      "password",
      "perspective",
    ]);
    expect(state.fieldErrors).toMatchObject({
      confirmPassword: "The passwords do not match.",
      handle: "This username is taken. Try another.",
    });
    expect(state.values).toMatchObject({ email: "nurse@", handle: taken.handle });
  });

  it("a new commission: a past deadline together with a title too short and an empty scope", async () => {
    const admin = await makeUser();
    const organisation = await makeOrganisation([admin]);
    const group = await makeGroup(admin);
    signedIn.user = {
      ...actorOf(admin),
      sessionId: "00000000-0000-4000-8000-000000000000",
      handle: admin.handle,
      displayName: admin.displayName,
    };
    const day = (n: number) => days(n).toISOString().slice(0, 10);
    const state = await send(commissions.createCommissionAction, {
      organisationId: organisation.id,
      title: "No",
      question: "What should change about sanctions for everyone?",
      background: "Background.",
      scope: "",
      goodAnswer: "A good answer.",
      disclosure: "What we provide.",
      contributionsOpenAt: day(-10),
      draftingFrom: day(-5),
      deadlineAt: day(-1),
      [`groups.${group.slug}`]: "on",
    });
    expect(state.ok).toBe(false);
    expect(state.fieldErrors).toMatchObject({
      title: expect.stringMatching(/at least 5/),
      scope: expect.stringMatching(/required/),
      deadlineAt: "The publication deadline must be in the future.",
    });
  });
});
