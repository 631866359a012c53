import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { deleteAccount } from "@/composition/memberships";
import { confirmEmailChange, requestEmailChange } from "@/features/accounts/email-change";
import { confirmationLinkAddress, confirmEmail, resendConfirmation } from "@/features/accounts/email-confirmation";
import { authenticateWithPassword, registerUser } from "@/features/accounts/mutations";
import {
  RESET_REQUESTED_MESSAGE,
  requestPasswordReset,
  resetLinkWorks,
  resetPassword,
} from "@/features/accounts/password-reset";
import { ZDeleteAccount, ZRegister } from "@/features/accounts/schemas";
import { createThread } from "@/features/discussions/mutations";
import { createGroup } from "@/features/groups/group-mutations";
import { castVote } from "@/features/proposals/cast-vote";
import { createProposal } from "@/features/proposals/mutations";
import { waitingForVote } from "@/features/proposals/queries/waiting-for-vote";
import { createAuthSession, resolveSession } from "@/server/auth/session-store";
import { UNCONFIRMED_MESSAGE } from "@/server/authz/refusals";
import { db } from "@/server/db";
import { appError } from "./helpers/app-error";
import { actorOf, addMember, makeGroup, makeUser } from "./helpers/factories";
import { amend, makePaper } from "./helpers/paper-factories";
import { resetDatabase } from "./helpers/reset-db";

// Confirmation, password reset and changing one's address, through the links the outbox holds:
// single use, expiring, stored only as hashes, and an unconfirmed account reads but takes no part.

const PASSWORD = "correct horse battery staple";
let ip = 0;
const freshIp = () => `203.0.113.${++ip % 250}`;

/** The link in the newest queued message to an address, and that message. */
async function linkTo(address: string, path: string) {
  const mail = await db.outboxEmail.findFirstOrThrow({
    where: { toAddress: address },
    orderBy: { createdAt: "desc" },
  });
  const link = mail.text.match(new RegExp(`https?://[^\\s]+${path}\\?token=([A-Za-z0-9_-]+)`));
  return { mail, token: link?.[1] ?? null, link: link?.[0] ?? null };
}

async function newAccount(callbackUrl?: string) {
  const id = randomBytes(4).toString("hex");
  const input = ZRegister.parse({
    callbackUrl,
    email: `person_${id}@example.test`,
    password: PASSWORD,
    confirmPassword: PASSWORD,
    handle: `person_${id}`,
    displayName: "New Person",
    perspective: "PRACTITIONER",
    sector: "HEALTH",
  });
  const user = await registerUser(input, { ip: freshIp() });
  return { ...user, email: input.email };
}

/** The actor as a request would see it: from a real session row. */
async function sessionActor(userId: string) {
  return (await resolveSession(await createAuthSession(userId, "test")))!;
}

describe("email confirmation", () => {
  beforeEach(resetDatabase);

  it("queues the link with the account; the account reads and joins but takes no part until it is confirmed", async () => {
    const owner = await makeUser();
    const group = await makeGroup(owner);
    const person = await newAccount();
    await addMember(group, person);
    const { mail, token } = await linkTo(person.email, "/confirm-email");
    expect(mail).toMatchObject({ category: "ACCOUNT", status: "PENDING", userId: person.id });
    expect(mail.subject).toBe("Confirm your email address for Policy Commons");
    expect(mail.html).toContain("<a href=");
    // Only a hash of the token is stored.
    const stored = await db.accountToken.findFirstOrThrow({ where: { userId: person.id } });
    expect(stored.tokenHash).not.toContain(token!);
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    const before = await sessionActor(person.id);
    expect(before.unconfirmed).toBe(true);
    const refused = await appError(
      createThread(before, { groupId: group.id, title: "A question", body: "Hello there" }),
    );
    expect(refused).toMatchObject({ code: "FORBIDDEN", message: UNCONFIRMED_MESSAGE });
    const paper = await makePaper(group, owner);
    expect(
      await appError(createProposal(before, amend(paper, paper.sections[0]!, "New words for the section."))),
    ).toMatchObject({ code: "FORBIDDEN", message: UNCONFIRMED_MESSAGE });
    expect(
      await appError(
        createGroup(before, {
          name: "My group",
          slug: `g-${randomBytes(3).toString("hex")}`,
          description: "A group about things.",
          joinPolicy: "OPEN",
          sector: "HEALTH",
        }),
      ),
    ).toMatchObject({ code: "FORBIDDEN", message: UNCONFIRMED_MESSAGE });

    expect(await confirmationLinkAddress(token)).toBe(person.email);
    await confirmEmail(token);
    const after = await sessionActor(person.id);
    expect(after.unconfirmed).toBeUndefined();
    await createThread(after, { groupId: group.id, title: "A question", body: "Hello there" });
    // The link works once.
    expect(await appError(confirmEmail(token))).toMatchObject({ code: "VALIDATION" });
    expect(await confirmationLinkAddress(token)).toBeNull();
  });

  it("an unconfirmed member cannot vote, so tallies count confirmed people only", async () => {
    const owner = await makeUser();
    const group = await makeGroup(owner);
    const paper = await makePaper(group, owner);
    const proposal = await createProposal(actorOf(owner), amend(paper, paper.sections[0]!, "Better words here."));
    const person = await newAccount();
    await addMember(group, person);
    const refused = await appError(
      castVote(await sessionActor(person.id), {
        proposalId: proposal.id,
        version: 1,
        choice: "SUPPORT",
        reason: "",
      }),
    );
    expect(refused).toMatchObject({ code: "FORBIDDEN", message: UNCONFIRMED_MESSAGE });
    expect(await db.vote.count({ where: { proposalId: proposal.id } })).toBe(0);
    // Nor is anything listed as waiting for their vote until they confirm.
    expect(await waitingForVote(await sessionActor(person.id))).toEqual({ items: [], total: 0 });
    await confirmEmail((await linkTo(person.email, "/confirm-email")).token);
    expect((await waitingForVote(await sessionActor(person.id))).total).toBe(1);
  });

  it("sending the link again replaces the old one, is limited, and is refused once confirmed", async () => {
    const person = await newAccount();
    const first = (await linkTo(person.email, "/confirm-email")).token;
    const actor = await sessionActor(person.id);
    await resendConfirmation(actor);
    const second = (await linkTo(person.email, "/confirm-email")).token;
    expect(second).not.toBe(first);
    expect(await confirmationLinkAddress(first)).toBeNull();
    await resendConfirmation(actor);
    await resendConfirmation(actor);
    expect(await appError(resendConfirmation(actor))).toMatchObject({ code: "RATE_LIMITED" });
    await confirmEmail((await linkTo(person.email, "/confirm-email")).token);
    expect(await appError(resendConfirmation(await sessionActor(person.id)))).toMatchObject({ code: "CONFLICT" });
  });

  it("carries the page the person registered from in the link, but only a page of this site that is not an auth page", async () => {
    const fromThread = await newAccount("/threads/abc?page=2");
    const { link, token } = await linkTo(fromThread.email, "/confirm-email");
    expect(token).not.toBeNull();
    expect((await linkTo(fromThread.email, "/confirm-email")).mail.text).toContain(
      `${link}&callbackUrl=${encodeURIComponent("/threads/abc?page=2")}`,
    );
    for (const elsewhere of ["https://evil.example/", "//evil.example", "/signin?callbackUrl=%2F", "/register"]) {
      const person = await newAccount(elsewhere);
      expect((await linkTo(person.email, "/confirm-email")).mail.text).not.toContain("callbackUrl");
    }
  });

  it("two clicks on one link at once confirm once and refuse the other", async () => {
    const person = await newAccount();
    const { token } = await linkTo(person.email, "/confirm-email");
    const results = await Promise.allSettled([confirmEmail(token), confirmEmail(token)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("refuses links that are malformed, unknown or out of date", async () => {
    const person = await newAccount();
    const { token } = await linkTo(person.email, "/confirm-email");
    for (const bad of [undefined, "", "x", "A".repeat(43), `${token}x`, { token }])
      expect(await appError(confirmEmail(bad))).toMatchObject({ code: "VALIDATION" });
    await db.accountToken.updateMany({
      where: { userId: person.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await appError(confirmEmail(token))).toMatchObject({ code: "VALIDATION" });
  });
});

describe("password reset", () => {
  beforeEach(resetDatabase);

  it("emails a single-use link that sets the password, ends every session and counts as confirmation", async () => {
    const person = await newAccount();
    const sessionId = await createAuthSession(person.id, "laptop");
    await requestPasswordReset(person.email, { ip: freshIp() });
    const { mail, token, link } = await linkTo(person.email, "/reset-password");
    expect(mail.subject).toBe("Reset your Policy Commons password");
    expect(link).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/reset-password\?token=|^http:\/\/localhost:\d+\/reset-password\?token=/,
    );
    expect(await resetLinkWorks(token)).toBe(true);

    await resetPassword(token, "a brand new passphrase");
    expect(await resolveSession(sessionId)).toBeNull();
    await expect(
      authenticateWithPassword({ email: person.email, password: PASSWORD }, { ip: freshIp() }),
    ).rejects.toThrow();
    await authenticateWithPassword({ email: person.email, password: "a brand new passphrase" }, { ip: freshIp() });
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).emailConfirmedAt).not.toBeNull();
    expect(await resetLinkWorks(token)).toBe(false);
    expect(await appError(resetPassword(token, "another new passphrase"))).toMatchObject({ code: "VALIDATION" });
  });

  it("answers the same for an address without an account, and sends nothing there", async () => {
    await requestPasswordReset("nobody@example.test", { ip: freshIp() });
    expect(await db.outboxEmail.count()).toBe(0);
    expect(RESET_REQUESTED_MESSAGE).toMatch(/^If an account uses that address/);
  });

  it("expires after an hour, and only the newest link works", async () => {
    const person = await newAccount();
    await requestPasswordReset(person.email, { ip: freshIp() });
    const first = (await linkTo(person.email, "/reset-password")).token;
    await requestPasswordReset(person.email, { ip: freshIp() });
    const second = (await linkTo(person.email, "/reset-password")).token;
    expect(await resetLinkWorks(first)).toBe(false);
    expect(await resetLinkWorks(second)).toBe(true);
    const row = await db.accountToken.findFirstOrThrow({
      where: { userId: person.id, usedAt: null, purpose: "RESET_PASSWORD" },
    });
    // An hour from when it was issued (the row's createdAt is the database's clock, a moment later).
    expect(Math.abs(row.expiresAt.getTime() - row.createdAt.getTime() - 60 * 60 * 1000)).toBeLessThan(5_000);
    await db.accountToken.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await appError(resetPassword(second, "a brand new passphrase"))).toMatchObject({ code: "VALIDATION" });
  });

  it("is limited per address (with or without an account) and per network", async () => {
    for (let i = 0; i < 3; i++) await requestPasswordReset("target@example.test", { ip: freshIp() });
    expect(await appError(requestPasswordReset("target@example.test", { ip: freshIp() }))).toMatchObject({
      code: "RATE_LIMITED",
    });
    const shared = "192.0.2.77";
    for (let i = 0; i < 10; i++) await requestPasswordReset(`someone${i}@example.test`, { ip: shared });
    expect(await appError(requestPasswordReset("one-more@example.test", { ip: shared }))).toMatchObject({
      code: "RATE_LIMITED",
    });
  });
});

describe("changing the email address", () => {
  beforeEach(resetDatabase);

  it("sends a link to the new address and a notice to the old; nothing changes until the link is followed", async () => {
    const user = await makeUser({ password: PASSWORD });
    const actor = await sessionActor(user.id);
    expect(
      await appError(requestEmailChange(actor, { newEmail: "moved@example.test", currentPassword: "wrong password" })),
    ).toMatchObject({ code: "VALIDATION" });
    await requestEmailChange(actor, { newEmail: "moved@example.test", currentPassword: PASSWORD });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
    const { token } = await linkTo("moved@example.test", "/confirm-email-change");
    const notice = await linkTo(user.email, "");
    expect(notice.mail.subject).toBe("Your Policy Commons email address is about to change");
    expect(notice.mail.text).toContain("m•••@example.test");

    await confirmEmailChange(token);
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.email).toBe("moved@example.test");
    expect(after.emailConfirmedAt).not.toBeNull();
    const told = await db.outboxEmail.findFirstOrThrow({
      where: { toAddress: user.email },
      orderBy: { createdAt: "desc" },
    });
    expect(told.subject).toBe("Your Policy Commons email address has changed");
    expect(await appError(confirmEmailChange(token))).toMatchObject({ code: "VALIDATION" });
  });

  it("does not tell the asker that an address is taken: its owner is told instead, and nothing changes", async () => {
    const user = await makeUser({ password: PASSWORD });
    const other = await makeUser();
    await requestEmailChange(await sessionActor(user.id), { newEmail: other.email, currentPassword: PASSWORD });
    const sent = await db.outboxEmail.findMany({
      select: { toAddress: true, subject: true },
      orderBy: { subject: "asc" },
    });
    // The asker's own address hears the same as when the new address is free.
    expect(sent).toEqual([
      { toAddress: other.email, subject: "Someone asked to use this address on Policy Commons" },
      { toAddress: user.email, subject: "Your Policy Commons email address is about to change" },
    ]);
    expect(await db.accountToken.count({ where: { userId: user.id } })).toBe(0);
  });

  it("refuses to move to an address someone took after the link was sent", async () => {
    const user = await makeUser({ password: PASSWORD });
    await requestEmailChange(await sessionActor(user.id), {
      newEmail: "wanted@example.test",
      currentPassword: PASSWORD,
    });
    const { token } = await linkTo("wanted@example.test", "/confirm-email-change");
    await makeUser().then((u) => db.user.update({ where: { id: u.id }, data: { email: "wanted@example.test" } }));
    expect(await appError(confirmEmailChange(token))).toMatchObject({ code: "CONFLICT" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
  });

  it("an old reset link stops working once the address has changed", async () => {
    const user = await makeUser({ password: PASSWORD });
    await requestPasswordReset(user.email, { ip: freshIp() });
    const reset = (await linkTo(user.email, "/reset-password")).token;
    await requestEmailChange(await sessionActor(user.id), {
      newEmail: "fresh@example.test",
      currentPassword: PASSWORD,
    });
    await confirmEmailChange((await linkTo("fresh@example.test", "/confirm-email-change")).token);
    expect(await resetLinkWorks(reset)).toBe(false);
  });

  it("deleting the account takes its links and its unsent mail with it", async () => {
    const person = await newAccount();
    await requestPasswordReset(person.email, { ip: freshIp() });
    expect(await db.accountToken.count({ where: { userId: person.id } })).toBe(2);
    await deleteAccount(
      actorOf({ id: person.id, siteRole: "MEMBER", suspendedUntil: null }),
      ZDeleteAccount.parse({ understood: "on", posts: "keep", password: PASSWORD }),
    );
    expect(await db.accountToken.count({ where: { userId: person.id } })).toBe(0);
    expect(await db.outboxEmail.count({ where: { userId: person.id } })).toBe(0);
  });

  it("limits wrong current passwords, so a borrowed session cannot guess its way to a new address", async () => {
    const user = await makeUser({ password: PASSWORD });
    const actor = await sessionActor(user.id);
    for (let i = 0; i < 5; i++)
      expect(
        await appError(requestEmailChange(actor, { newEmail: "mine@example.test", currentPassword: `guess ${i}` })),
      ).toMatchObject({ code: "VALIDATION" });
    expect(
      await appError(requestEmailChange(actor, { newEmail: "mine@example.test", currentPassword: PASSWORD })),
    ).toMatchObject({ code: "RATE_LIMITED" });
    expect(await db.accountToken.count({ where: { userId: user.id } })).toBe(0);
  });

  it("a suspended account cannot change its address", async () => {
    const user = await makeUser({ password: PASSWORD, suspendedUntil: new Date(Date.now() + 86_400_000) });
    expect(
      await appError(requestEmailChange(actorOf(user), { newEmail: "x@example.test", currentPassword: PASSWORD })),
    ).toMatchObject({ code: "FORBIDDEN" });
  });
});
