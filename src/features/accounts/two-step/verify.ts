import "server-only";
import { verifyPassword } from "@/server/auth/password";
import { openSecret } from "@/server/auth/secret-box";
import { db, type Tx } from "@/server/db";
import { AppError, invalid } from "@/server/errors";
import { consumeLimit, refundLimit } from "@/server/rate-limit";
import { hashRecoveryCode, isRecoveryCodeShape, matchTotp, normaliseRecoveryCode, totpCodeShape } from "./codes";

// Checking a second step: at sign-in (a TOTP code or a recovery code) and before turning two-step
// off or making new recovery codes (the password or a TOTP code). Wrong codes count against the
// account (five per quarter hour) and the network; a right one is given back, so only failures count.

const WRONG_CODE =
  "That code is not right. Check that your phone's clock is set automatically and try the newest code.";
const USED_CODE = "That code was just used. Wait for your app to show the next one.";
const WRONG_RECOVERY_CODE = "That recovery code is not right, or it was already used.";
const NOT_A_CODE = "Enter the 6-digit code from your app, or one of your recovery codes.";
const UNREADABLE_SECRET =
  "Your authenticator secret cannot be read since the site's keys changed. Sign in with a recovery code, then set up two-step sign-in again.";

/**
 * Accepts a TOTP code once: the step it belongs to must come after the last step accepted. The
 * conditional UPDATE makes that atomic, so two sign-ins racing with one code get one session.
 */
export async function acceptTotp(client: Tx | typeof db, userId: string, sealedSecret: string, code: string) {
  const secret = openSecret(sealedSecret);
  if (!secret) throw new AppError("UNAUTHENTICATED", UNREADABLE_SECRET);
  const step = matchTotp(secret, code, new Date());
  if (step === null) return "wrong" as const;
  const accepted = await client.twoStepSignIn.updateMany({
    where: { userId, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
    data: { lastUsedStep: step },
  });
  return accepted.count === 1 ? ("accepted" as const) : ("replayed" as const);
}

/** Uses up one recovery code of the account; false when it is unknown or already used. */
async function consumeRecoveryCode(userId: string, normalised: string): Promise<boolean> {
  const used = await db.recoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(normalised), usedAt: null },
    data: { usedAt: new Date() },
  });
  return used.count === 1;
}

/**
 * Runs a check under the account's and network's limits; only wrong answers stay counted (a code
 * that was right but just used is no guess). Managing two-step has its own limit, so a stranger who
 * knows the password cannot lock the owner out of it by spending the sign-in code attempts.
 */
async function limited<T>(
  userId: string,
  ip: string | null,
  check: () => Promise<T>,
  limit: "twoStepAccount" | "accountProof" = "twoStepAccount",
): Promise<T> {
  if (ip) await consumeLimit("twoStepIp", ip);
  await consumeLimit(limit, userId);
  try {
    const result = await check();
    await refundLimit(limit, userId);
    return result;
  } catch (error) {
    if (error instanceof AppError && (error.message === USED_CODE || error.fieldErrors?.passwordOrCode === USED_CODE))
      await refundLimit(limit, userId);
    throw error;
  }
}

/**
 * The second step of a password sign-in, for an account with two-step on: a current TOTP code
 * (not one already used) or an unused recovery code, which is then used up. Throws UNAUTHENTICATED
 * with words the sign-in form shows.
 */
export async function verifySecondStep(userId: string, typed: string, context: { ip: string }): Promise<void> {
  await limited(userId, context.ip, async () => {
    const totp = totpCodeShape(typed);
    if (totp) {
      const row = await db.twoStepSignIn.findUnique({ where: { userId }, select: { secret: true } });
      if (!row?.secret) throw new AppError("UNAUTHENTICATED", WRONG_CODE);
      const outcome = await acceptTotp(db, userId, row.secret, totp);
      if (outcome === "wrong") throw new AppError("UNAUTHENTICATED", WRONG_CODE);
      if (outcome === "replayed") throw new AppError("UNAUTHENTICATED", USED_CODE);
      return;
    }
    const recovery = normaliseRecoveryCode(typed);
    if (!isRecoveryCodeShape(recovery)) throw new AppError("UNAUTHENTICATED", NOT_A_CODE);
    if (!(await consumeRecoveryCode(userId, recovery))) throw new AppError("UNAUTHENTICATED", WRONG_RECOVERY_CODE);
  });
}

/**
 * The person at the keyboard is the account's owner: their current password, or a current code
 * from their app. Asked before two-step is turned off or recovery codes are replaced, so that a
 * browser left signed in is not enough. Throws VALIDATION naming the `passwordOrCode` field.
 */
export async function verifyProof(
  user: { id: string; passwordHash: string | null; secret: string | null },
  proof: string,
): Promise<void> {
  await limited(
    user.id,
    null,
    async () => {
      const totp = totpCodeShape(proof);
      if (totp && user.secret) {
        const outcome = await acceptTotp(db, user.id, user.secret, totp);
        if (outcome === "accepted") return;
        throw invalid("Please check the code.", { passwordOrCode: outcome === "replayed" ? USED_CODE : WRONG_CODE });
      }
      if (user.passwordHash && (await verifyPassword(user.passwordHash, proof))) return;
      throw invalid("Please check what you typed.", {
        passwordOrCode: user.passwordHash
          ? "This is neither your password nor a current code from your app."
          : "This is not a current code from your app.",
      });
    },
    "accountProof",
  );
}
