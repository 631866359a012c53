// A Server Action is a public endpoint: a request can encode any arguments, not the form's
// FormData. Every exported action must answer those with a message (a FormState), never throw
// (which the browser would show as an error page) and never write anything.
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as memberships from "@/app/actions/memberships";
import * as accounts from "@/features/accounts/actions";
import * as commissions from "@/features/commissions/actions";
import * as commissionInvitations from "@/features/commissions/invitation-actions";
import * as commissionResponses from "@/features/commissions/response-actions";
import * as discussions from "@/features/discussions/actions";
import * as groups from "@/features/groups/actions";
import * as moderation from "@/features/moderation/actions";
import * as notifications from "@/features/notifications/actions";
import * as organisations from "@/features/organisations/actions";
import * as papers from "@/features/papers/actions";
import * as dataExport from "@/features/privacy/data-export/actions";
import * as proposals from "@/features/proposals/actions";
import { UNREADABLE_FORM_MESSAGE } from "@/lib/request-limits";
import type { FormState } from "@/server/action";
import type { CurrentUser } from "@/server/auth/session-store";
import { createAuthSession } from "@/server/auth/session-store";
import { db } from "@/server/db";
import { makeUser } from "./helpers/factories";
import { resetDatabase } from "./helpers/reset-db";

const signedIn = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/server/auth/current-user", () => ({
  getCurrentUser: async () => signedIn.user,
  requireCurrentUser: async () => signedIn.user,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, unstable_cache: <T>(fn: T) => fn }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "commons.test" }),
  cookies: async () => ({ getAll: () => [], set: () => {} }),
}));

type AnyAction = (...args: unknown[]) => Promise<FormState>;

const ACTIONS = Object.entries({
  groups,
  discussions,
  moderation,
  organisations,
  accounts,
  papers,
  proposals,
  commissions,
  commissionInvitations,
  commissionResponses,
  notifications,
  dataExport,
  memberships,
})
  .flatMap(([module, exports]) =>
    Object.entries(exports as Record<string, unknown>).map(([name, fn]): [string, unknown] => [
      `${module}.${name}`,
      fn,
    ]),
  )
  .filter((entry): entry is [string, AnyAction] => typeof entry[1] === "function");

/** What a hand-made request can decode to instead of (previous state, FormData). */
const ARGUMENT_LISTS: [string, unknown[]][] = [
  ["no arguments", []],
  ["only a state", [{ ok: false }]],
  ["FormData first, nothing second (a plain form action)", [new FormData()]],
  ["a string", [{ ok: false }, "email=a@example.org"]],
  ["a number", [{ ok: false }, 42]],
  ["null", [{ ok: false }, null]],
  [
    "an object shaped like the fields",
    [{ ok: false }, { email: "a@example.org", password: "x", groupId: "00000000-0000-0000-0000-000000000000" }],
  ],
  ["an array", [{ ok: false }, [["email", "a@example.org"]]]],
  ["a Map", [{ ok: false }, new Map([["email", "a@example.org"]])]],
  ["an object with entries()", [{ ok: false }, { entries: () => [["email", "x"]][Symbol.iterator](), get: () => "x" }]],
];

beforeAll(async () => {
  await resetDatabase();
  const user = await makeUser({ password: "member-password-123" });
  const sessionId = await createAuthSession(user.id, "test");
  signedIn.user = {
    id: user.id,
    siteRole: user.siteRole,
    suspendedUntil: null,
    sessionId,
    handle: user.handle,
    displayName: user.displayName,
  };
});

describe("Server Actions called with something other than FormData", () => {
  it("finds the actions", () => {
    expect(ACTIONS.length).toBeGreaterThan(30);
  });

  it.each(ACTIONS)("%s answers with a message and writes nothing", async (_name, action) => {
    const before = await db.$queryRaw<
      { n: bigint }[]
    >`SELECT (SELECT count(*) FROM "User") + (SELECT count(*) FROM "Group") + (SELECT count(*) FROM "Membership") + (SELECT count(*) FROM "Post") AS n`;
    for (const [label, args] of ARGUMENT_LISTS) {
      const state = await action(...args).catch((error: unknown) => ({
        threw: error instanceof Error ? error.message : String(error),
      }));
      expect(state, label).toEqual({ ok: false, message: UNREADABLE_FORM_MESSAGE });
    }
    const after = await db.$queryRaw<
      { n: bigint }[]
    >`SELECT (SELECT count(*) FROM "User") + (SELECT count(*) FROM "Group") + (SELECT count(*) FROM "Membership") + (SELECT count(*) FROM "Post") AS n`;
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});
