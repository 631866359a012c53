import Link from "next/link";
import { ThreadView } from "@/features/discussions/components/thread-view";
import { markThreadRead } from "@/features/discussions/mutations";
import { getPermalinkWindow } from "@/features/discussions/queries/thread-windows";
import { getThreadHeader } from "@/features/discussions/queries/threads";
import { replyPath, threadPath } from "@/lib/paths";
import { getCurrentUser } from "@/server/auth/current-user";
import { orNotFound } from "@/server/not-found";
import { pageParams } from "@/server/route-params";
import { threadPageExtras } from "../../../thread-extras";

export async function generateMetadata({ params }: { params: Promise<{ threadId: string }> }) {
  const { threadId } = await pageParams(params, { threadId: "uuid" });
  const header = await orNotFound(getThreadHeader(await getCurrentUser(), threadId));
  return { title: header.thread.title };
}

/** A post's permanent address: the thread opened at that post, in any size of thread. */
export default async function PostPermalinkPage({ params }: { params: Promise<{ threadId: string; postId: string }> }) {
  const { threadId, postId } = await pageParams(params, { threadId: "uuid", postId: "uuid" });
  const viewer = await getCurrentUser();
  const header = await orNotFound(getThreadHeader(viewer, threadId));
  const { rootId, window } = await orNotFound(getPermalinkWindow(viewer, threadId, postId));
  await markThreadRead(viewer, header.thread, header.lastReadSeq);
  const extras = threadPageExtras(header, viewer);
  const basePath = rootId ? replyPath(threadId, rootId) : threadPath(threadId);
  return (
    <ThreadView
      header={header}
      window={window}
      basePath={basePath}
      highlightId={postId}
      signedIn={!!viewer}
      slots={extras.slots}
      threadControls={extras.threadControls}
      inlineDepthLimit={rootId ? Number.MAX_SAFE_INTEGER : undefined}
      depthOffset={rootId ? (window.posts[0]?.depth ?? 0) : 0}
      notice={
        <p className="mt-4 text-sm">
          Showing the thread at the linked post.{" "}
          <Link href={threadPath(threadId)} className="font-medium text-accent underline">
            Start of the thread
          </Link>
        </p>
      }
    />
  );
}
