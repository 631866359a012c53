import type { ReactNode } from "react";
import type { PostSlots } from "@/features/discussions/components/thread-view";
import type { getThreadHeader } from "@/features/discussions/queries/threads";
import { PostModerationControls } from "@/features/moderation/components/post-moderation-controls";
import { ReportPostForm } from "@/features/moderation/components/report-post-form";
import { ThreadModerationControls } from "@/features/moderation/components/thread-moderation-controls";
import type { CurrentUser } from "@/server/auth/session-store";

type Header = Awaited<ReturnType<typeof getThreadHeader>>;

/**
 * What the moderation feature adds to a thread page, for this viewer only: a report menu on
 * other people's posts for members, and moderation menus for moderators. Decided from the
 * permissions the page already loaded, so it adds no queries for everyone else.
 */
export function threadPageExtras(
  header: Header,
  viewer: CurrentUser | null,
): { slots: PostSlots; threadControls?: ReactNode } {
  const { thread, can } = header;
  const mayReport = !!viewer && can("post.report");
  const mayModerate = can("moderation.actOnPost");
  return {
    threadControls:
      viewer && can("moderation.actOnThread") ? (
        <ThreadModerationControls
          thread={{
            id: thread.id,
            groupId: thread.groupId,
            locked: !!thread.lockedAt,
            pinned: !!thread.pinnedAt,
            subject: thread.subject,
          }}
          viewerId={viewer.id}
        />
      ) : undefined,
    slots: (post) => ({
      report: mayReport && !post.mine && post.status === "VISIBLE" ? <ReportPostForm postId={post.id} /> : undefined,
      moderation: mayModerate ? (
        <PostModerationControls
          post={{ id: post.id, status: post.status, featured: post.featured }}
          threadId={thread.id}
        />
      ) : undefined,
    }),
  };
}
