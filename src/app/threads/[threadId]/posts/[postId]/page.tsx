import Link from "next/link";
import { FocusOnArrival } from "@/features/discussions/components/focus-on-arrival";
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

/**
 * A post's permanent address: the thread opened at that post, in any size of thread. The reply
 * form lands here too ("?posted=1", which only its author is told), scrolled to the new reply by
 * its #anchor.
 */
export default async function PostPermalinkPage({
  params,
  searchParams,
}: {
  params: Promise<{ threadId: string; postId: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { threadId, postId } = await pageParams(params, { threadId: "uuid", postId: "uuid" });
  const posted = (await searchParams).posted === "1";
  const viewer = await getCurrentUser();
  const header = await orNotFound(getThreadHeader(viewer, threadId));
  const { rootId, whole, window } = await orNotFound(getPermalinkWindow(viewer, threadId, postId));
  // Read as far as this page showed, not to the thread's end: a later window may hold new replies.
  await markThreadRead(viewer, header.thread, header.lastReadSeq, window.posts);
  const extras = threadPageExtras(header, viewer);
  // Only to the one who wrote it: the address with "?posted=1" can be copied to anyone.
  const justPosted = posted && window.posts.some((p) => p.id === postId && p.mine);
  const basePath = rootId ? replyPath(threadId, rootId) : threadPath(threadId);
  return (
    <ThreadView
      header={header}
      window={window}
      basePath={basePath}
      highlightId={postId}
      // In the new reply itself, where the page scrolls and the focus goes: at the top of a long
      // thread it would be out of sight.
      highlightNote={
        justPosted ? (
          <p role="status" className="mb-3 rounded-md border border-accent bg-accent-soft px-3 py-2 text-sm">
            Your reply is posted.
            <FocusOnArrival elementId={`post-${postId}`} dropParam="posted" />
          </p>
        ) : undefined
      }
      signedIn={!!viewer}
      slots={extras.slots}
      threadControls={extras.threadControls}
      inlineDepthLimit={rootId ? Number.MAX_SAFE_INTEGER : undefined}
      depthOffset={rootId ? (window.posts[0]?.depth ?? 0) : 0}
      notice={
        <>
          {whole ? null : (
            <p className="mt-4 text-sm">
              Showing the thread at the linked post.{" "}
              <Link href={threadPath(threadId)} className="font-medium text-accent underline">
                Start of the thread
              </Link>
            </p>
          )}
        </>
      }
    />
  );
}
