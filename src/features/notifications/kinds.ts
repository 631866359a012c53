import type { NotificationKind } from "@/generated/prisma/enums";

/**
 * Every kind of notification belongs to one category. Per-category preferences (in-app, email,
 * digest) are to be chosen by category, so a new kind must be placed here; the notifications page
 * shows the category's label with each notification.
 */
export const NOTIFICATION_CATEGORIES = {
  conversations: "Replies and mentions",
  following: "Threads you follow",
  votes: "Votes and proposals",
  groups: "Your groups",
  commissions: "Commissions",
  moderation: "Moderation",
} as const;

export type NotificationCategory = keyof typeof NOTIFICATION_CATEGORIES;

export const CATEGORY_OF_KIND: Record<NotificationKind, NotificationCategory> = {
  REPLY: "conversations",
  MENTION: "conversations",
  FOLLOWED_THREAD: "following",
  MEMBERSHIP_REQUEST: "groups",
  MEMBERSHIP_APPROVED: "groups",
  ROLE_CHANGED: "groups",
  PROPOSAL_OPENED: "votes",
  PROPOSAL_CLOSING: "votes",
  PROPOSAL_VOTES: "votes",
  PROPOSAL_NEEDS_UPDATE: "votes",
  PROPOSAL_CHANGED: "votes",
  PROPOSAL_CLOSED: "votes",
  PAPER_PUBLISHED: "votes",
  COMMISSION_DEADLINE: "commissions",
  COMMISSION_POSTED: "commissions",
  COMMISSION_DECIDED: "commissions",
  COMMISSION_RESPONSE: "commissions",
  ORGANISATION_INVITATION: "commissions",
  MODERATION: "moderation",
};

export function categoryLabel(kind: NotificationKind): string {
  return NOTIFICATION_CATEGORIES[CATEGORY_OF_KIND[kind]];
}
