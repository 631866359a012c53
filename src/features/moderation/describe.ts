// Pure helpers for showing moderation in the open: one plain-English sentence per logged
// action, and short plain-text excerpts of posts for the review queue. No I/O; unit-tested.
import type { ModerationActionKind } from "@/generated/prisma/enums";
import { formatDate } from "@/lib/dates";

export type LogSentenceFacts = {
  kind: ModerationActionKind;
  /** The group whose log is being read (a move reads differently in the two groups). */
  viewingGroupId: string | null;
  details: unknown;
  /** The member acted on; null once their account is gone. */
  subject: { handle: string } | null;
  /** The thread's title now, or the one recorded when the action was taken. */
  threadTitle: string | null;
};

function detail(details: unknown, key: string): unknown {
  return details && typeof details === "object" && !Array.isArray(details)
    ? (details as Record<string, unknown>)[key]
    : undefined;
}

export function detailString(details: unknown, key: string): string | null {
  const value = detail(details, key);
  return typeof value === "string" && value !== "" ? value : null;
}

export function detailNumber(details: unknown, key: string): number | null {
  const value = detail(details, key);
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

export function detailDate(details: unknown, key: string): Date | null {
  const value = detailString(details, key);
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const ROLE_WITH_ARTICLE: Record<string, string> = { OWNER: "an owner", MODERATOR: "a moderator", MEMBER: "a member" };

/**
 * What a logged action did, as the rest of a sentence that starts with who did it:
 * "hid a post in "Waiting lists"", "locked the thread "Waiting lists"", "suspended @ben until 3 Dec 2026".
 * Never quotes the text of a post.
 */
export function describeModerationAction(facts: LogSentenceFacts): string {
  const { kind, details } = facts;
  const title = facts.threadTitle ?? detailString(details, "threadTitle") ?? detailString(details, "title");
  const inThread = title ? ` in "${title}"` : "";
  const theThread = title ? `the thread "${title}"` : "a thread";
  const who = facts.subject ? `@${facts.subject.handle}` : "a former member";
  const whose = facts.subject ? `@${facts.subject.handle}'s` : "a former member's";
  const until = detailDate(details, "until");
  const untilText = until ? ` until ${formatDate(until)}` : "";

  switch (kind) {
    case "HIDE_POST":
      return `hid a post${inThread}`;
    case "REMOVE_POST":
      return `removed a post${inThread}`;
    case "RESTORE_POST":
      return `restored a post${inThread}`;
    case "AUTO_HIDE_POST": {
      const reports = detailNumber(details, "reports");
      return `hid a post${inThread} pending review${reports ? ` after ${plural(reports, "report")} from different members` : ""}`;
    }
    case "FEATURE_POST":
      return `marked a post${inThread} as a key contribution`;
    case "UNFEATURE_POST":
      return `unmarked a key contribution${inThread}`;
    case "DISMISS_REPORT": {
      const reports = detailNumber(details, "reports");
      const restored = detail(details, "restored") === true;
      return `dismissed ${reports ? plural(reports, "report") : "the reports"} about a post${inThread}${restored ? " and showed it again" : ""}`;
    }
    case "LOCK_THREAD":
      return `locked ${theThread}`;
    case "UNLOCK_THREAD":
      return `unlocked ${theThread}`;
    case "PIN_THREAD":
      return `pinned ${theThread}`;
    case "UNPIN_THREAD":
      return `unpinned ${theThread}`;
    case "MOVE_THREAD": {
      const fromId = detailString(details, "fromGroupId");
      const toId = detailString(details, "toGroupId");
      const fromName = detailString(details, "fromGroupName") ?? "another group";
      const toName = detailString(details, "toGroupName") ?? "another group";
      if (facts.viewingGroupId && facts.viewingGroupId === fromId) return `moved ${theThread} to ${toName}`;
      if (facts.viewingGroupId && facts.viewingGroupId === toId) return `moved ${theThread} here from ${fromName}`;
      return `moved ${theThread} from ${fromName} to ${toName}`;
    }
    case "RENAME_THREAD": {
      const from = detailString(details, "oldTitle");
      const to = detailString(details, "newTitle");
      return from && to ? `renamed the thread "${from}" to "${to}"` : `renamed ${theThread}`;
    }
    case "SUSPEND_MEMBER":
      return `suspended ${who} from the group${untilText}`;
    case "UNSUSPEND_MEMBER":
      return `lifted ${whose} suspension from the group`;
    case "SUSPEND_USER":
      return `suspended ${whose} account${untilText}`;
    case "UNSUSPEND_USER":
      return `lifted the suspension of ${whose} account`;
    case "CHANGE_ROLE": {
      const role = ROLE_WITH_ARTICLE[detailString(details, "to") ?? ""];
      return role ? `made ${who} ${role}` : `changed ${whose} role`;
    }
    case "REMOVE_MEMBER":
      return `removed ${who} from the group`;
    case "APPROVE_MEMBER":
      return `approved ${whose} request to join`;
    case "REJECT_MEMBER":
      return `declined ${whose} request to join`;
    case "EDITORIAL_FIX": {
      const paper = detailString(details, "paperTitle");
      const section = detailString(details, "sectionHeading");
      return `made an editorial fix to ${section ? `the section "${section}" of ` : ""}${paper ? `the paper "${paper}"` : "a paper"}`;
    }
    case "CHANGE_PAPER_RULES": {
      const paper = detailString(details, "paperTitle");
      return `changed the decision rules of ${paper ? `the paper "${paper}"` : "a paper"}`;
    }
    case "DECLINE_COMMISSION": {
      const paper = detailString(details, "paperTitle");
      return `declined ${paper ? `the commissioned paper "${paper}"` : "a commissioned paper"}`;
    }
    case "VERIFY_ORGANISATION": {
      const name = detailString(details, "organisationName");
      const organisation = name ? `the organisation "${name}"` : "an organisation";
      return detail(details, "verified") === false
        ? `withdrew the verification of ${organisation}`
        : `verified ${organisation}`;
    }
    default: {
      const unknown: never = kind;
      return `took a moderation action (${String(unknown).toLowerCase().replace(/_/g, " ")})`;
    }
  }
}

/**
 * A short plain-text excerpt of a post's Markdown for the review queue: markup dropped
 * (links keep their text), whitespace collapsed, cut at a word boundary with an ellipsis.
 */
export function markdownExcerpt(markdown: string, maxLength = 280): string {
  const text = markdown
    .replace(/```[^\n]*\n?/g, " ") // code fences (their contents stay)
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1") // images: their alt text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1") // links: their text
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, "") // headings, quotes, list markers
    .replace(/(\*\*|__|~~|`)/g, "")
    .replace(/(^|\s)[*_](\S)/g, "$1$2")
    .replace(/(\S)[*_](?=\s|$|[.,;:!?])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > maxLength * 0.6 ? cut.slice(0, lastSpace) : cut).replace(/[\s.,;:!?-]+$/, "")}…`;
}
