import Link from "next/link";
import { ThreadView } from "@/features/discussions/components/thread-view";
import { markThreadRead } from "@/features/discussions/mutations";
import { getSubtreeWindow } from "@/features/discussions/queries/thread-windows";
import { getThreadHeader } from "@/features/discussions/queries/threads";
import { ZWindowQuery } from "@/features/discussions/schemas";
import { postPath, replyPath } from "@/lib/paths";
import { getCurrentUser } from "@/server/auth/current-user";
import { orNotFound } from "@/server/not-found";
import { pageParams } from "@/server/route-params";
import { threadPageExtras } from "../../../thread-extras";

export const metadata = { title: "Continued thread" };

/** "Continue this thread": one post and all its replies, however deep. */
export default async function SubtreePage({
  params,
  searchParams,
}: {
  params: Promise<{ threadId: string; postId: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { threadId, postId } = await pageParams(params, { threadId: "uuid", postId: "uuid" });
  const query = ZWindowQuery.parse(await searchParams);
  const viewer = await getCurrentUser();
  const header = await orNotFound(getThreadHeader(viewer, threadId));
  const { rootDepth, window } = await orNotFound(
    getSubtreeWindow(viewer, threadId, postId, {
      after: query.after,
      before: query.before,
      last: query.page === "last",
    }),
  );
  // Replies deeper than the thread page draws are read here.
  await markThreadRead(viewer, header.thread, header.lastReadSeq, window.posts);
  const extras = threadPageExtras(header, viewer);
  return (
    <ThreadView
      header={header}
      window={window}
      basePath={replyPath(threadId, postId)}
      signedIn={!!viewer}
      slots={extras.slots}
      depthOffset={rootDepth}
      inlineDepthLimit={Number.MAX_SAFE_INTEGER}
      notice={
        <p className="mt-4 text-sm">
          A conversation continued from deeper in the thread.{" "}
          <Link href={postPath(threadId, postId)} className="font-medium text-accent underline">
            Back to where it branched
          </Link>
        </p>
      }
    />
  );
}
