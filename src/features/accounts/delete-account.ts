import "server-only";
import { randomBytes } from "node:crypto";
import { verifyPassword } from "@/server/auth/password";
import { forgetSessionsOf } from "@/server/auth/session-cache";
import type { Actor } from "@/server/authz/permissions";
import { assertSelf } from "@/server/authz/refusals";
import { db, QUEUED_TRANSACTION, type Tx } from "@/server/db";
import { conflict, invalid, unauthenticated } from "@/server/errors";
import { consumeLimit, resetLimit } from "@/server/rate-limit";
import { verifyCredentials } from "./mutations";
import { groupsOnlyTheyOwn } from "./queries";
import type { DeleteAccountInput, DeleteAccountWithPasswordInput, PostsChoice } from "./schemas";
import { verifySecondStep } from "./two-step/verify";

// Deleting an account keeps the user row as a tombstone, so that every thread, proposal, revision
// and moderation record that points at it keeps working and shows "Former member". Everything that
// says who the person was (email, password, two-step secret and recovery codes, profile, sessions,
// OAuth links, handle, name) is erased,
// and everything that was only theirs (notifications, follows, read markers, data exports,
// memberships) is removed. Votes on decided proposals stay counted but lose their link to the
// person; votes on proposals still open are withdrawn, as when a member leaves a group.

export const FORMER_MEMBER = "Former member";

/**
 * Withdraws the person's votes on proposals still being voted on, in every group:
 * features/proposals/withdraw-votes.ts (withdrawOpenVotes). Proposals sit above accounts, so
 * accounts cannot import it; the composition root (src/composition/memberships.ts) hands it in,
 * and the app calls the wired deleteAccount. A required argument, so it cannot be forgotten.
 */
export type WithdrawAllOpenVotes = (tx: Tx, userId: string, scope: "every group") => Promise<number>;

/** Handles of deleted accounts contain a hyphen, which registration never allows, so they are never taken by anyone. */
const formerHandle = () => `former-${randomBytes(5).toString("hex")}`;

/** Deletes the signed-in person's account, confirmed with their password (or, without one, by typing their username). */
export async function deleteAccount(actor: Actor, input: DeleteAccountInput, withdrawOpenVotes: WithdrawAllOpenVotes) {
  const me = assertSelf(actor, "account.delete"); // always open, suspended or not
  const user = await db.user.findUnique({
    where: { id: me.id },
    select: { id: true, email: true, handle: true, passwordHash: true, deletedAt: true },
  });
  if (!user || user.deletedAt) throw unauthenticated();
  if (user.passwordHash) {
    // The same per-account limit as signing in, so a borrowed session cannot guess the password
    // here: the attempt is counted before the password is checked (see verifyCredentials).
    if (user.email) await consumeLimit("signInAccount", user.email);
    if (!input.password || !(await verifyPassword(user.passwordHash, input.password))) {
      throw invalid("Your password is not right, so nothing was deleted.", {
        password: input.password ? "This is not your password." : "Enter your password.",
      });
    }
    if (user.email) await resetLimit("signInAccount", user.email);
  } else if (input.confirmHandle !== user.handle) {
    throw invalid("The username does not match, so nothing was deleted.", {
      confirmHandle: input.confirmHandle
        ? `Type ${user.handle} exactly.`
        : `Type your username, ${user.handle}, to confirm.`,
    });
  }
  return eraseAccount(user.id, input.posts, withdrawOpenVotes);
}

/**
 * Deleting without a session (for instance on a browser one does not want to sign in on): the
 * email and password prove who it is, under the sign-in limits. Like deleteAccount, it is open to
 * suspended accounts (they can also sign in, read-only, and delete from their settings).
 */
export async function deleteAccountWithPassword(
  input: DeleteAccountWithPasswordInput,
  context: { ip: string },
  withdrawOpenVotes: WithdrawAllOpenVotes,
) {
  const user = await verifyCredentials(input, context);
  // Two-step sign-in guards this door as it guards signing in.
  const twoStep = await db.twoStepSignIn.findUnique({ where: { userId: user.id }, select: { enabledAt: true } });
  if (twoStep?.enabledAt) {
    if (!input.code) {
      throw invalid("This account has two-step sign-in on.", {
        code: "Enter the 6-digit code from your authenticator app, or one of your recovery codes.",
      });
    }
    await verifySecondStep(user.id, input.code, context);
  }
  await resetLimit("signInAccount", input.email);
  return eraseAccount(user.id, input.posts, withdrawOpenVotes);
}

/** Serialises with every membership change (they lock the group row too), in one order to avoid deadlocks. */
async function lockGroupsOf(tx: Tx, userId: string) {
  await tx.$queryRaw`
    SELECT g.id FROM "Group" g
     WHERE g.id IN (SELECT "groupId" FROM "Membership" WHERE "userId" = ${userId}::uuid)
     ORDER BY g.id FOR UPDATE`;
}

async function eraseAccount(userId: string, posts: PostsChoice, withdrawOpenVotes: WithdrawAllOpenVotes) {
  const erased = await db.$transaction(async (tx) => {
    // One deletion at a time per account; a second (a double click) finds it already done.
    const [me] = await tx.$queryRaw<
      { handle: string; email: string | null; displayName: string; deletedAt: Date | null }[]
    >`
      SELECT handle, email, "displayName", "deletedAt" FROM "User" WHERE id = ${userId}::uuid FOR UPDATE`;
    if (!me || me.deletedAt) throw unauthenticated();

    await lockGroupsOf(tx, userId);
    const onlyOwnerOf = await groupsOnlyTheyOwn(tx, userId);
    if (onlyOwnerOf.length > 0) {
      const names = onlyOwnerOf.map((g) => `“${g.name}”`);
      const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
      throw conflict(
        `You are the only owner of ${list}. Make another member an owner on the group's Members page first, then delete your account. Nothing was deleted.`,
      );
    }

    const now = new Date();
    const newHandle = formerHandle();

    // Votes on proposals still being voted on go, as when anyone leaves a group
    // (withdrawOpenVotes; before the memberships, which it uses to find the groups).
    await withdrawOpenVotes(tx, userId, "every group");
    // Groups: leave every one, keeping the kept member counts equal to the active memberships.
    const active = await tx.membership.findMany({ where: { userId, status: "ACTIVE" }, select: { groupId: true } });
    await tx.membership.deleteMany({ where: { userId } });
    if (active.length > 0) {
      await tx.group.updateMany({
        where: { id: { in: active.map((m) => m.groupId) } },
        data: { memberCount: { decrement: 1 } },
      });
    }
    await tx.organisationMember.deleteMany({ where: { userId } });
    // Invitations name people by handle: open ones lapse, accepted ones stop naming the old handle.
    await tx.organisationInvitation.deleteMany({ where: { inviteeHandle: me.handle, acceptedAt: null } });
    await tx.organisationInvitation.updateMany({
      where: { inviteeHandle: me.handle },
      data: { inviteeHandle: newHandle },
    });

    // What was only theirs.
    await tx.authSession.deleteMany({ where: { userId } });
    // The two-step secret and recovery codes go with the password.
    await tx.twoStepSignIn.deleteMany({ where: { userId } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.oAuthAccount.deleteMany({ where: { userId } });
    await tx.notification.deleteMany({ where: { userId } });
    // Links and mail addressed to the account: nothing of it may reach anyone after this.
    await tx.accountToken.deleteMany({ where: { userId } });
    await tx.outboxEmail.deleteMany({ where: { userId } });
    await tx.threadFollow.deleteMany({ where: { userId } });
    await tx.paperFollow.deleteMany({ where: { userId } });
    await tx.voteNotice.deleteMany({ where: { userId } });
    await tx.threadRead.deleteMany({ where: { userId } });
    await tx.dataExport.deleteMany({ where: { userId } });
    // Notifications they caused in other people's lists begin with their name: "Ada replied to you in …".
    await tx.$executeRaw`
      UPDATE "Notification" SET text = 'A former member' || substr(text, char_length(${me.displayName}::text) + 1)
       WHERE "actorId" = ${userId}::uuid AND left(text, char_length(${me.displayName}::text)) = ${me.displayName}::text`;
    await tx.notification.updateMany({ where: { actorId: userId }, data: { actorId: null } });
    // Rate-limit counters keyed by their email or id (they lapse within the hour anyway).
    const keys = [me.email, userId].filter((k): k is string => !!k).map((k) => `:${k.toLowerCase()}`);
    for (const suffix of keys) {
      await tx.$executeRaw`DELETE FROM rate_limits WHERE right(key, char_length(${suffix}::text)) = ${suffix}::text`;
    }

    // Votes on decided proposals stay in their tallies (each keeps the perspective it was cast
    // with) but are no longer theirs; those on open proposals went with the memberships above.
    await tx.vote.updateMany({
      where: { userId },
      data: posts === "remove" ? { userId: null, reason: "" } : { userId: null },
    });

    if (posts === "remove") {
      // The marker deletePost leaves: the post keeps its place, so replies keep theirs. Posts that
      // moderators hid or removed keep their text for the moderation record (no one else sees it),
      // as an author cannot delete those one by one either.
      const visible = await tx.post.findMany({ where: { authorId: userId, status: "VISIBLE" }, select: { id: true } });
      const ids = visible.map((p) => p.id);
      if (ids.length > 0) {
        await tx.post.updateMany({
          where: { id: { in: ids } },
          data: { status: "DELETED", bodyMarkdown: "", bodyHtml: "", featuredAt: null, featuredById: null },
        });
      }
      // The edit history would otherwise keep what the author chose to delete.
      await tx.postRevision.deleteMany({ where: { post: { authorId: userId, status: "DELETED" } } });
    }

    await tx.profile.updateMany({
      where: { userId },
      data: {
        // Vote snapshots keep tallies honest, so the profile's perspective need not be kept.
        perspective: "OTHER",
        sector: "OTHER",
        fieldDetail: "",
        organisationName: null,
        bio: "",
        hideOrganisation: false,
        hideSector: false,
        hideGroups: false,
        emailReplies: "OFF",
        emailThreads: "OFF",
        emailPapers: "OFF",
        emailGroups: "OFF",
        emailCommissions: "OFF",
      },
    });
    // Without an email or a password hash nothing can sign in as this account again.
    await tx.user.update({
      where: { id: userId },
      data: {
        handle: newHandle,
        displayName: FORMER_MEMBER,
        email: null,
        emailConfirmedAt: null,
        passwordHash: null,
        siteRole: "MEMBER",
        suspendedUntil: null,
        suspensionReason: null,
        sessionsValidFrom: now,
        deletedAt: now,
      },
      select: { id: true },
    });
    return { posts };
  }, QUEUED_TRANSACTION);
  forgetSessionsOf(userId);
  return erased;
}
