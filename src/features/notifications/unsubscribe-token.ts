import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/server/env";
import { type PreferenceTopic, TOPICS } from "./email-topics";

// The link in every notification email that changes what its reader gets without signing in
// (RFC 8058 one-click unsubscribing needs exactly that). It names the account and what it is
// about (a topic, or a digest), signed with NEXTAUTH_SECRET; it grants nothing else.

export type UnsubscribeScope = PreferenceTopic | "DAILY" | "WEEKLY";
const SCOPES: readonly string[] = [...TOPICS, "DAILY", "WEEKLY"];

function secret(): string {
  const configured = env().NEXTAUTH_SECRET;
  if (configured) return configured;
  // Only tests run without one; npm start and every deployment set it.
  if (process.env.NODE_ENV === "test") return "test-only-unsubscribe-secret";
  throw new Error("NEXTAUTH_SECRET is needed to sign unsubscribe links.");
}

const signatureOf = (payload: string) =>
  createHmac("sha256", secret()).update(`unsubscribe:${payload}`).digest("base64url");

export function unsubscribeToken(userId: string, scope: UnsubscribeScope): string {
  const payload = `${userId}.${scope}`;
  return `${payload}.${signatureOf(payload)}`;
}

/** The account and scope a token names, if it is one of ours; null for anything else. */
export function readUnsubscribeToken(token: unknown): { userId: string; scope: UnsubscribeScope } | null {
  if (typeof token !== "string" || token.length > 200) return null;
  const match = token.match(/^([0-9a-f-]{36})\.([A-Z]+)\.([A-Za-z0-9_-]{43})$/);
  if (!match) return null;
  const [, userId, scope, signature] = match as unknown as [string, string, string, string];
  if (!SCOPES.includes(scope)) return null;
  const expected = Buffer.from(signatureOf(`${userId}.${scope}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { userId, scope: scope as UnsubscribeScope };
}
