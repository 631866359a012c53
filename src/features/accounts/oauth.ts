import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/server/db";
import { forbidden } from "@/server/errors";

function handleFrom(name: string | null): string {
  const base =
    (name ?? "member")
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 20) || "member";
  return `${base.length >= 3 ? base : "member"}_${randomBytes(3).toString("hex")}`;
}

/**
 * Signs in through an optional OAuth provider (enabled by env variables). A known
 * provider account signs in its user; a new one creates a pseudonymous account
 * whose profile the person completes afterwards. Accounts are never merged by
 * email, because providers do not all verify addresses.
 */
export async function findOrCreateOAuthUser(input: {
  provider: string;
  providerAccountId: string;
  email: string | null;
  name: string | null;
}) {
  const existing = await db.oAuthAccount.findUnique({
    where: { provider_providerAccountId: { provider: input.provider, providerAccountId: input.providerAccountId } },
    select: { user: { select: { id: true, deletedAt: true } } },
  });
  if (existing) {
    if (existing.user.deletedAt) throw forbidden("This account was deleted.");
    // A suspended account signs in read-only, as with a password (see permissions.ts).
    return { id: existing.user.id };
  }
  // The provider's address is kept only when no other account already has it.
  const email = input.email?.toLowerCase();
  const freeEmail = email && !(await db.user.findUnique({ where: { email }, select: { id: true } })) ? email : null;
  return db.user.create({
    data: {
      email: freeEmail,
      // Signing in through a provider is the proof a link would be: such accounts take part at once.
      emailConfirmedAt: new Date(),
      handle: handleFrom(input.name),
      displayName: (input.name ?? "New member").slice(0, 60),
      profile: { create: {} },
      oauthAccounts: { create: { provider: input.provider, providerAccountId: input.providerAccountId } },
    },
    select: { id: true },
  });
}
