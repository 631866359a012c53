import "server-only";
import type { EmailFrequency } from "@/generated/prisma/enums";
import type { Actor } from "@/server/authz/permissions";
import { assertSelf } from "@/server/authz/refusals";
import { db } from "@/server/db";
import { invalid } from "@/server/errors";
import { type PreferenceTopic, TOPIC_COLUMN, TOPIC_LABELS, TOPICS } from "./email-topics";
import type { EmailPreferencesInput } from "./schemas";
import { readUnsubscribeToken, type UnsubscribeScope } from "./unsubscribe-token";

export type EmailPreferences = Record<PreferenceTopic, EmailFrequency>;

const SELECT = Object.fromEntries(Object.values(TOPIC_COLUMN).map((c) => [c, true])) as Record<
  (typeof TOPIC_COLUMN)[PreferenceTopic],
  true
>;

function fromProfile(profile: Record<string, EmailFrequency> | null): EmailPreferences {
  const defaults: EmailPreferences = {
    REPLIES: "IMMEDIATELY",
    THREADS: "DAILY",
    PAPERS: "DAILY",
    GROUPS: "DAILY",
    COMMISSIONS: "DAILY",
  };
  if (!profile) return defaults;
  return Object.fromEntries(TOPICS.map((t) => [t, profile[TOPIC_COLUMN[t]] ?? defaults[t]])) as EmailPreferences;
}

const toColumns = (choices: Partial<EmailPreferences>) =>
  Object.fromEntries(Object.entries(choices).map(([t, f]) => [TOPIC_COLUMN[t as PreferenceTopic], f]));

/** A suspended account may still choose less email: preferences are part of managing its notifications. */
export async function getEmailPreferences(actor: Actor): Promise<EmailPreferences> {
  const me = assertSelf(actor, "notifications.manage");
  return fromProfile(await db.profile.findUnique({ where: { userId: me.id }, select: SELECT }));
}

export async function updateEmailPreferences(actor: Actor, input: EmailPreferencesInput) {
  const me = assertSelf(actor, "notifications.manage");
  const data = toColumns(input);
  await db.profile.upsert({
    where: { userId: me.id },
    create: { userId: me.id, ...data },
    update: data,
    select: { userId: true },
  });
}

/** Which topics a scope covers: one topic, or every topic now sent in that digest. */
function topicsOf(scope: UnsubscribeScope, current: EmailPreferences): PreferenceTopic[] {
  if (scope === "DAILY" || scope === "WEEKLY") return TOPICS.filter((t) => current[t] === scope);
  return [scope];
}

export type UnsubscribeView = {
  scope: UnsubscribeScope;
  /** What the link is about, in words. */
  title: string;
  topics: { topic: PreferenceTopic; label: string; frequency: EmailFrequency }[];
};

/** What an unsubscribe link is about and how things stand, without signing in; null if the link is not ours. */
export async function describeUnsubscribe(token: unknown): Promise<UnsubscribeView | null> {
  const read = readUnsubscribeToken(token);
  if (!read) return null;
  const user = await db.user.findUnique({
    where: { id: read.userId },
    select: { deletedAt: true, profile: { select: SELECT } },
  });
  if (!user || user.deletedAt) return null;
  const current = fromProfile(user.profile);
  const title =
    read.scope === "DAILY"
      ? "Your daily digest"
      : read.scope === "WEEKLY"
        ? "Your weekly digest"
        : TOPIC_LABELS[read.scope].label;
  return {
    scope: read.scope,
    title,
    topics: topicsOf(read.scope, current).map((topic) => ({
      topic,
      label: TOPIC_LABELS[topic].label,
      frequency: current[topic],
    })),
  };
}

/**
 * Sets what an unsubscribe link covers to `frequency` (by default off): the one-click POST of
 * RFC 8058, and the form on the page the link opens. Returns the topics it changed.
 */
export async function applyUnsubscribe(token: unknown, frequency: EmailFrequency = "OFF"): Promise<PreferenceTopic[]> {
  const read = readUnsubscribeToken(token);
  if (!read)
    throw invalid("This unsubscribe link is not valid. Sign in and choose under Settings → Email preferences.");
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: read.userId },
      select: { deletedAt: true, profile: { select: SELECT } },
    });
    if (!user || user.deletedAt) throw invalid("This account no longer exists, so it gets no email.");
    const topics = topicsOf(read.scope, fromProfile(user.profile));
    const data = toColumns(Object.fromEntries(topics.map((t) => [t, frequency])));
    await tx.profile.upsert({
      where: { userId: read.userId },
      create: { userId: read.userId, ...data },
      update: data,
      select: { userId: true },
    });
    return topics;
  });
}
