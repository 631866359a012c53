import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// Secrets the server must read back (a TOTP secret) are stored encrypted with AES-256-GCM under a
// key derived from NEXTAUTH_SECRET with HKDF, so a copy of the database alone (a backup, a leaked
// dump) does not hold them. Rotating NEXTAUTH_SECRET makes them unreadable: people then sign in
// with a recovery code and set two-step sign-in up again (README, "Two-step sign-in").

const VERSION = "v1";

/** A fixed key for development and tests, where NEXTAUTH_SECRET may be unset; never in production. */
const DEVELOPMENT_SECRET = "policy-commons-development-only-secret";

let cachedKey: { secret: string; key: Buffer } | undefined;

function key(): Buffer {
  const secret = process.env.NEXTAUTH_SECRET || (process.env.NODE_ENV === "production" ? "" : DEVELOPMENT_SECRET);
  if (!secret) throw new Error("NEXTAUTH_SECRET must be set to store two-step sign-in secrets.");
  if (cachedKey?.secret !== secret) {
    const derived = Buffer.from(hkdfSync("sha256", secret, "policy-commons", "two-step-secret-box", 32));
    cachedKey = { secret, key: derived };
  }
  return cachedKey.key;
}

export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/** The plain secret, or null when it was sealed under another key (NEXTAUTH_SECRET changed) or is damaged. */
export function openSecret(sealed: string): string | null {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
