import { beforeEach, describe, expect, it, vi } from "vitest";
import { deleteAccount } from "@/composition/memberships";
import { authenticateWithPassword } from "@/features/accounts/mutations";
import { actorOf, makeUser } from "./helpers/factories";
import { raceBehindTableLock } from "./helpers/race";
import { resetDatabase } from "./helpers/reset-db";

// The per-account sign-in limit (5 failures per 15 minutes) must hold when guesses arrive all at
// once: every password that is checked has had its attempt counted first. Each verifyPassword call
// is one password checked, so the test counts them.
const checked = vi.hoisted(() => ({ passwords: [] as string[] }));
vi.mock("@/server/auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/server/auth/password")>();
  return {
    ...real,
    verifyPassword: async (hash: string | null, password: string) => {
      checked.passwords.push(password);
      return real.verifyPassword(hash, password);
    },
  };
});

const PASSWORD = "correct horse battery staple";
const LIMIT = 5;

beforeEach(async () => {
  await resetDatabase();
  checked.passwords = [];
});

describe("the per-account sign-in limit under concurrency", () => {
  it("checks at most 5 passwords when 40 guesses arrive at once, and refuses the right one that comes 38th", async () => {
    const user = await makeUser({ password: PASSWORD });
    const guesses = Array.from({ length: 40 }, (_, i) => (i === 37 ? PASSWORD : `wrong guess ${i}`));
    // A different address for each guess (a botnet), so only the per-account limit can stop them.
    const attempts = guesses.map(
      (password, i) => () => authenticateWithPassword({ email: user.email, password }, { ip: `198.51.100.${i + 1}` }),
    );

    // Every attempt that got past the limit reads the account next: hold them there, and let go
    // only once 5 are waiting at the same moment, so they really overlap.
    const { results, overlapped } = await raceBehindTableLock("User", attempts, LIMIT, `FROM "public"."User"`);
    expect(overlapped).toBeGreaterThanOrEqual(LIMIT);

    const codes = results.map((r) => (r.status === "rejected" ? (r.reason as { code?: string }).code : "SIGNED_IN"));
    expect(checked.passwords.length).toBeLessThanOrEqual(LIMIT);
    expect(checked.passwords).not.toContain(PASSWORD);
    expect(codes[37]).toBe("RATE_LIMITED");
    expect(codes.filter((c) => c === "SIGNED_IN")).toHaveLength(0);
    expect(codes.filter((c) => c === "UNAUTHENTICATED")).toHaveLength(checked.passwords.length);
    expect(codes.filter((c) => c === "RATE_LIMITED")).toHaveLength(40 - checked.passwords.length);

    // And after the race the account stays locked, even for the right password.
    await expect(
      authenticateWithPassword({ email: user.email, password: PASSWORD }, { ip: "198.51.100.200" }),
    ).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(checked.passwords).not.toContain(PASSWORD);
  });

  it("counts a right password that arrives among the guesses as no failure", async () => {
    const user = await makeUser({ password: PASSWORD });
    const passwords = [PASSWORD, "wrong 1", "wrong 2", "wrong 3"];
    const results = await Promise.allSettled(
      passwords.map((password, i) =>
        authenticateWithPassword({ email: user.email, password }, { ip: `203.0.113.${i + 1}` }),
      ),
    );
    expect(results[0]!.status).toBe("fulfilled");
    // At most the three wrong guesses are on the account (the success may have cleared some of
    // them): one more wrong guess and then the right password still fit under the limit of 5.
    await expect(
      authenticateWithPassword({ email: user.email, password: "wrong 4" }, { ip: "203.0.113.9" }),
    ).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(
      authenticateWithPassword({ email: user.email, password: PASSWORD }, { ip: "203.0.113.10" }),
    ).resolves.toMatchObject({ id: user.id });
  });

  it("holds for the password asked before deleting an account too", async () => {
    const user = await makeUser({ password: PASSWORD });
    const attempts = Array.from(
      { length: 20 },
      (_, i) => () => deleteAccount(actorOf(user), { password: `wrong guess ${i}`, posts: "keep", understood: "on" }),
    );
    const results = await Promise.allSettled(attempts.map((attempt) => attempt()));
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    expect(checked.passwords.length).toBeLessThanOrEqual(LIMIT);
    // The account's limit is used up: the right password is refused here and at sign-in.
    await expect(
      deleteAccount(actorOf(user), { password: PASSWORD, posts: "keep", understood: "on" }),
    ).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await expect(
      authenticateWithPassword({ email: user.email, password: PASSWORD }, { ip: "203.0.113.77" }),
    ).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });
});
