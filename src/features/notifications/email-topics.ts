import type { EmailFrequency, EmailTopic, NotificationKind } from "@/generated/prisma/enums";
import { CATEGORY_OF_KIND, type NotificationCategory } from "./kinds";

// What a member chooses email by: five topics, each immediately, in a daily or weekly digest, or
// off. Every notification category belongs to one topic, so a new kind (placed in kinds.ts) has
// its email settled too.

export type PreferenceTopic = Exclude<EmailTopic, "DIGEST">;

export const TOPICS: readonly PreferenceTopic[] = ["REPLIES", "THREADS", "PAPERS", "GROUPS", "COMMISSIONS"];

export const TOPIC_LABELS: Record<PreferenceTopic, { label: string; hint: string }> = {
  REPLIES: { label: "Replies and mentions", hint: "Someone replies to you or mentions you." },
  THREADS: { label: "Threads you follow", hint: "New posts in discussions you follow." },
  PAPERS: {
    label: "Votes and papers you follow",
    hint: "Proposals opened, votes on yours, votes closing soon, outcomes and publication.",
  },
  GROUPS: {
    label: "Your groups and moderation",
    hint: "Membership requests and decisions, roles, moderation of what you wrote.",
  },
  COMMISSIONS: { label: "Commissions", hint: "Commission deadlines, postings and responses." },
};

export const TOPIC_OF_CATEGORY: Record<NotificationCategory, PreferenceTopic> = {
  conversations: "REPLIES",
  following: "THREADS",
  votes: "PAPERS",
  groups: "GROUPS",
  moderation: "GROUPS",
  commissions: "COMMISSIONS",
};

export const topicOfKind = (kind: NotificationKind): PreferenceTopic => TOPIC_OF_CATEGORY[CATEGORY_OF_KIND[kind]];

/** The Profile column that holds each topic's choice. */
export const TOPIC_COLUMN = {
  REPLIES: "emailReplies",
  THREADS: "emailThreads",
  PAPERS: "emailPapers",
  GROUPS: "emailGroups",
  COMMISSIONS: "emailCommissions",
} as const satisfies Record<PreferenceTopic, string>;

export const FREQUENCIES: readonly EmailFrequency[] = ["IMMEDIATELY", "DAILY", "WEEKLY", "OFF"];

export const FREQUENCY_LABELS: Record<EmailFrequency, string> = {
  IMMEDIATELY: "Immediately",
  DAILY: "Daily digest",
  WEEKLY: "Weekly digest",
  OFF: "Off",
};

/** SQL: the kind's topic column of the row "p" (Profile), for a notification row "n". Our own constants only. */
export function frequencySql(): string {
  const cases = Object.entries(CATEGORY_OF_KIND)
    .map(([kind, category]) => `WHEN '${kind}' THEN p."${TOPIC_COLUMN[TOPIC_OF_CATEGORY[category]]}"`)
    .join(" ");
  return `(CASE n.kind::text ${cases} END)`;
}
