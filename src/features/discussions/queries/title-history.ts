import "server-only";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { authorMayRetitle } from "../policy";
import { threadAccess } from "./thread-access";

/** Every change of a thread's title, newest first: public to whoever may read the thread. */
export async function getThreadTitleHistory(viewer: Actor, threadId: string) {
  const { thread } = await threadAccess(viewer, threadId);
  const rows = await db.threadTitleChange.findMany({
    where: { threadId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    select: {
      id: true,
      oldTitle: true,
      newTitle: true,
      byModerator: true,
      createdAt: true,
      editor: { select: { handle: true, displayName: true, deletedAt: true } },
    },
  });
  return {
    thread: { id: thread.id, title: thread.title },
    changes: rows.map(({ editor, ...change }) => ({
      ...change,
      editor: editor && !editor.deletedAt ? { handle: editor.handle, displayName: editor.displayName } : null,
    })),
  };
}

/**
 * Whether this viewer may change the title now, and as whom: the author within their rules, or a
 * moderator. Only decides what the page offers; editThreadTitle checks again. `othersReplied`
 * (whether anyone else has posted) comes with the access lookup, asked only of the author.
 */
export function titleEditingFor(
  viewer: Actor,
  thread: { subject: string; lockedAt: Date | null; createdAt: Date; authorId: string | null; othersReplied: boolean },
  can: (permission: string) => boolean,
): "author" | "moderator" | null {
  if (!viewer || thread.subject !== "GROUP") return null;
  if (thread.authorId === viewer.id && can("thread.editTitle") && !thread.lockedAt) {
    if (authorMayRetitle({ createdAt: thread.createdAt, othersReplied: thread.othersReplied })) return "author";
  }
  return can("moderation.actOnThread") ? "moderator" : null;
}
