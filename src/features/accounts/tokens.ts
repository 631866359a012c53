import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { AccountTokenPurpose } from "@/generated/prisma/enums";
import { db, type Tx } from "@/server/db";

// Single-use links sent by email. The link carries 32 random bytes; the database keeps only their
// SHA-256 (a fast hash is enough for a secret this long), so a copy of the database lets nobody
// confirm, reset or change anything. Using a link is one conditional UPDATE: two clicks at once
// cannot both succeed.

export const TOKEN_LIFETIME_MINUTES: Record<AccountTokenPurpose, number> = {
  CONFIRM_EMAIL: 3 * 24 * 60,
  RESET_PASSWORD: 60,
  CHANGE_EMAIL: 24 * 60,
};

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** Only the shape a link of ours can have is ever looked up. */
export const isTokenShaped = (token: unknown): token is string =>
  typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);

/** A new link for the account; earlier unused links for the same purpose stop working. */
export async function issueToken(
  tx: Tx,
  input: { userId: string; purpose: AccountTokenPurpose; email: string },
  now = new Date(),
): Promise<string> {
  await tx.accountToken.updateMany({
    where: { userId: input.userId, purpose: input.purpose, usedAt: null },
    data: { usedAt: now },
  });
  const token = randomBytes(32).toString("base64url");
  await tx.accountToken.create({
    data: {
      userId: input.userId,
      purpose: input.purpose,
      email: input.email,
      tokenHash: hashOf(token),
      expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MINUTES[input.purpose] * 60_000),
    },
    select: { id: true },
  });
  return token;
}

export type TokenFacts = { id: string; userId: string; email: string };

/** What a link is for, if it still works; uses nothing up (for showing the form behind a link). */
export async function peekToken(purpose: AccountTokenPurpose, token: unknown, now = new Date()) {
  if (!isTokenShaped(token)) return null;
  return db.accountToken.findFirst({
    where: { tokenHash: hashOf(token), purpose, usedAt: null, expiresAt: { gt: now }, user: { deletedAt: null } },
    select: { id: true, userId: true, email: true },
  });
}

/** Uses the link up, inside the caller's transaction; null if it is unknown, used or expired. */
export async function consumeToken(
  tx: Tx,
  purpose: AccountTokenPurpose,
  token: unknown,
  now = new Date(),
): Promise<TokenFacts | null> {
  if (!isTokenShaped(token)) return null;
  const rows = await tx.$queryRaw<TokenFacts[]>`
    UPDATE "AccountToken" t SET "usedAt" = ${now}
    FROM "User" u
    WHERE t."tokenHash" = ${hashOf(token)} AND t."purpose" = ${purpose}::"AccountTokenPurpose"
      AND t."usedAt" IS NULL AND t."expiresAt" > ${now}
      AND u.id = t."userId" AND u."deletedAt" IS NULL
    RETURNING t.id, t."userId", t.email`;
  return rows[0] ?? null;
}
