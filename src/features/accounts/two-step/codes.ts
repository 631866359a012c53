// The arithmetic of two-step sign-in, with no I/O: TOTP secrets and codes (RFC 6238 through the
// otpauth library: SHA-1, 6 digits, 30 seconds, which every authenticator app reads) and recovery
// codes. Unit-tested; the mutations add storage, replay refusal and rate limits.
import { createHash, randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";

export const TOTP_PERIOD_SECONDS = 30;
/** Codes from one step before or after now are accepted too: phone clocks drift, people type slowly. */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
const ISSUER = "Policy Commons";

function totp(secretBase32: string, label = "") {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new random secret (160 bits, as RFC 4226 recommends), in base32 as apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function otpauthUri(secretBase32: string, accountLabel: string): string {
  return totp(secretBase32, accountLabel).toString();
}

/** The secret in groups of four, for typing into an app by hand. */
export function groupedSecret(secretBase32: string): string {
  return secretBase32.match(/.{1,4}/g)?.join(" ") ?? secretBase32;
}

/** The 30-second step a moment falls in. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code an app shows at a moment (for tests and for the e2e journey). */
export function totpCode(secretBase32: string, now: Date): string {
  return totp(secretBase32).generate({ timestamp: now.getTime() });
}

/**
 * The step whose code this is, within TOTP_WINDOW steps of now, or null when it matches none.
 * The caller refuses a step at or before the last one accepted (replay).
 */
export function matchTotp(secretBase32: string, code: string, now: Date): number | null {
  const delta = totp(secretBase32).validate({ token: code, timestamp: now.getTime(), window: TOTP_WINDOW });
  return delta === null ? null : totpStep(now) + delta;
}

/** Crockford's base32: no I, L, O or U, so nothing reads as another character. */
const RECOVERY_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/** One recovery code: 16 characters (80 random bits) shown as four groups, e.g. "7k2m-q9xa-…". */
export function newRecoveryCode(): string {
  const bytes = randomBytes(16);
  let code = "";
  // 32 symbols divide 256 evenly: taking 5 bits per byte has no bias.
  for (const byte of bytes) code += RECOVERY_ALPHABET[byte & 31];
  return [0, 4, 8, 12].map((at) => code.slice(at, at + 4)).join("-");
}

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
}

/** A recovery code as typed (any case, spaces or dashes, I/L for 1, O for 0) in its one stored form. */
export function normaliseRecoveryCode(typed: string): string {
  return typed
    .toLowerCase()
    .replace(/[\s-]+/g, "")
    .replace(/[il]/g, "1")
    .replace(/o/g, "0");
}

export function isRecoveryCodeShape(normalised: string): boolean {
  return normalised.length === 16 && [...normalised].every((c) => RECOVERY_ALPHABET.includes(c));
}

/**
 * What is stored of a recovery code: SHA-256 of its normal form. A fast hash is enough because the
 * code carries 80 random bits (no guessable words, unlike a password), and it lets the code be
 * found and used up in one atomic UPDATE instead of checking ten argon2 hashes per attempt.
 */
export function hashRecoveryCode(normalised: string): string {
  return createHash("sha256").update(normalised).digest("hex");
}

/** A six-digit authenticator code as typed ("123 456" is fine), or null when it is not one. */
export function totpCodeShape(typed: string): string | null {
  const digits = typed.replace(/[\s-]+/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}
