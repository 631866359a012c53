import "server-only";
import type { ModerationActionKind } from "@/generated/prisma/enums";
import { pageCountOf, pageRows } from "@/lib/pages";
import { postPath, threadPath } from "@/lib/paths";
import { loadGroupAccess } from "@/server/authz/authorize";
import type { Actor } from "@/server/authz/permissions";
import { assertCanReadLists } from "@/server/authz/refusals";
import { db } from "@/server/db";
import { describeModerationAction, detailString } from "../describe";
import { getModerationSettings } from "./rights";
import { personOf } from "./shared";

export const LOG_PAGE_SIZE = 30;

export type LogEntry = {
  id: string;
  at: Date;
  /** Who acted. Automatic hides never name the member whose report tipped the balance. */
  actor: { type: "person"; handle: string; displayName: string } | { type: "former" } | { type: "automatic" };
  kind: ModerationActionKind;
  /** The rest of the sentence after who acted, e.g. `locked the thread "Waiting lists"`. */
  sentence: string;
  reason: string;
  /** The post's permalink or the thread's page, while they still exist. */
  href: string | null;
};

/**
 * Every moderation action in a group, newest first, for anyone who can read the group.
 * Shows who, what, when and why; never the text of a post.
 */
export async function getModerationLog(viewer: Actor, groupId: string, page: number) {
  const { group, membership } = await loadGroupAccess(db, viewer, groupId);
  assertCanReadLists(viewer, group, membership, "log");
  const [total, rows, settings] = await Promise.all([
    db.moderationAction.count({ where: { groupId: group.id } }),
    db.moderationAction.findMany({
      where: { groupId: group.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...pageRows(page, LOG_PAGE_SIZE),
      select: {
        id: true,
        kind: true,
        reason: true,
        details: true,
        createdAt: true,
        actor: { select: { handle: true, displayName: true, deletedAt: true } },
        subject: { select: { handle: true, displayName: true, deletedAt: true } },
        post: { select: { id: true, threadId: true } },
        thread: { select: { id: true, title: true } },
      },
    }),
    getModerationSettings(group.id),
  ]);
  const entries: LogEntry[] = rows.map((row) => {
    const actor = personOf(row.actor);
    const subject = personOf(row.subject);
    return {
      id: row.id,
      at: row.createdAt,
      actor:
        row.kind === "AUTO_HIDE_POST"
          ? { type: "automatic" }
          : actor
            ? { type: "person", ...actor }
            : { type: "former" },
      kind: row.kind,
      sentence: describeModerationAction({
        kind: row.kind,
        viewingGroupId: group.id,
        details: row.details,
        subject: subject ? { handle: subject.handle } : null,
        // The title as it was when the action was taken, if recorded.
        threadTitle:
          detailString(row.details, "threadTitle") ?? detailString(row.details, "title") ?? row.thread?.title ?? null,
      }),
      reason: row.reason,
      href: row.post ? postPath(row.post.threadId, row.post.id) : row.thread ? threadPath(row.thread.id) : null,
    };
  });
  return {
    entries,
    total,
    page,
    pageCount: pageCountOf(total, LOG_PAGE_SIZE),
    autoHideReportThreshold: settings.autoHideReportThreshold,
  };
}
