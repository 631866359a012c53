import "server-only";
import { postPath, threadPath } from "@/lib/paths";
import { db } from "@/server/db";
import { afterId, groupOf, oldestFirst, section } from "../section";

// Parts of a member's archive (see ../sections.ts for what may go in one, and the list of files).
// Moderation is in the open: each action is in its group's log, which members read. The archive
// gives the member's own side of it: what they did as a moderator, and what was done about them
// (without the moderator's name, which the group's log shows to its members).

const actionSelect = {
  id: true,
  kind: true,
  reason: true,
  details: true,
  postId: true,
  threadId: true,
  createdAt: true,
  post: { select: { threadId: true } },
  group: { select: { slug: true, name: true } },
} as const;

type ActionRow = {
  id: string;
  kind: string;
  reason: string;
  details: unknown;
  postId: string | null;
  threadId: string | null;
  createdAt: Date;
  post: { threadId: string } | null;
  group: { slug: string; name: string } | null;
};

const actionRecord = (a: ActionRow) => ({
  id: a.id,
  kind: a.kind,
  group: a.group ? groupOf(a.group) : "site-wide",
  reason: a.reason,
  details: a.details,
  post: a.postId && a.post ? postPath(a.post.threadId, a.postId) : null,
  thread: a.threadId ? threadPath(a.threadId) : null,
  at: a.createdAt,
});

export const moderationTaken = section({
  covers: ["ModerationAction.actor"],
  count: (userId) => db.moderationAction.count({ where: { actorId: userId } }),
  batch: (userId, after, take) =>
    db.moderationAction.findMany({
      where: { actorId: userId, ...afterId(after) },
      orderBy: oldestFirst,
      take,
      select: actionSelect,
    }),
  cursorOf: (a) => ({ at: a.createdAt, key: a.id }),
  record: actionRecord,
});

export const moderationAboutYou = section({
  covers: ["ModerationAction.subject"],
  count: (userId) => db.moderationAction.count({ where: { subjectId: userId } }),
  batch: (userId, after, take) =>
    db.moderationAction.findMany({
      where: { subjectId: userId, ...afterId(after) },
      orderBy: oldestFirst,
      take,
      select: actionSelect,
    }),
  cursorOf: (a) => ({ at: a.createdAt, key: a.id }),
  record: actionRecord,
});

/** Reports the member closed as a moderator: their decision, never the reporter or the report's words. */
export const reportsResolved = section({
  covers: ["Report.resolvedBy"],
  count: (userId) => db.report.count({ where: { resolvedById: userId } }),
  batch: (userId, after, take) =>
    db.report.findMany({
      where: { resolvedById: userId, ...afterId(after) },
      orderBy: oldestFirst,
      take,
      select: {
        id: true,
        status: true,
        resolution: true,
        resolvedAt: true,
        createdAt: true,
        postId: true,
        post: { select: { threadId: true } },
        group: { select: { slug: true, name: true } },
      },
    }),
  cursorOf: (r) => ({ at: r.createdAt, key: r.id }),
  record: (r) => ({
    id: r.id,
    post: postPath(r.post.threadId, r.postId),
    group: groupOf(r.group),
    status: r.status,
    yourResolution: r.resolution,
    resolvedAt: r.resolvedAt,
  }),
});
