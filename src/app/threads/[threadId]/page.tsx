import { ThreadView } from "@/features/discussions/components/thread-view";
import { markThreadRead } from "@/features/discussions/mutations";
import { getKeyContributions, getThreadWindow } from "@/features/discussions/queries/thread-windows";
import { getThreadHeader } from "@/features/discussions/queries/threads";
import { ZWindowQuery } from "@/features/discussions/schemas";
import { threadPath } from "@/lib/paths";
import { getCurrentUser } from "@/server/auth/current-user";
import { orNotFound } from "@/server/not-found";
import { offerToPageCache } from "@/server/page-cache/offer";
import { ANY_PAPER, threadTag } from "@/server/page-cache/tags";
import { pageParams } from "@/server/route-params";
import { threadPageExtras } from "../thread-extras";

export async function generateMetadata({ params }: { params: Promise<{ threadId: string }> }) {
  const { threadId } = await pageParams(params, { threadId: "uuid" });
  const header = await orNotFound(getThreadHeader(await getCurrentUser(), threadId));
  return { title: header.thread.title };
}

export default async function ThreadPage({
  params,
  searchParams,
}: {
  params: Promise<{ threadId: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { threadId } = await pageParams(params, { threadId: "uuid" });
  const query = ZWindowQuery.parse(await searchParams);
  const viewer = await getCurrentUser();
  const header = await orNotFound(getThreadHeader(viewer, threadId));
  const extras = threadPageExtras(header, viewer);

  if (query.view === "key") {
    const posts = await getKeyContributions(viewer, threadId);
    return (
      <ThreadView
        header={header}
        window={{ posts, hasPrevious: false, hasNext: false, firstKey: null, lastKey: null }}
        basePath={threadPath(threadId)}
        signedIn={!!viewer}
        slots={extras.slots}
        notice={
          <p role="status" className="mt-4 rounded-md border border-accent bg-accent-soft px-4 py-3 text-sm">
            {posts.length === 0
              ? "No key contributions yet. Moderators mark posts that move the discussion forward; papers draw on them."
              : `Key contributions: ${posts.length} ${posts.length === 1 ? "post" : "posts"} marked by the moderators as moving the discussion forward.`}{" "}
            <a href={threadPath(threadId)} className="font-medium underline">
              Show all posts
            </a>
          </p>
        }
      />
    );
  }

  const window = await getThreadWindow(viewer, threadId, {
    after: query.after,
    before: query.before,
    last: query.page === "last",
  });
  // Read as far as this page showed, not to the thread's end: a later window may hold new replies.
  await markThreadRead(viewer, header.thread, header.lastReadSeq, window.posts);
  // A thread may be a paper's or a proposal's discussion, and show its title.
  await offerToPageCache(viewer, [threadTag(threadId), ANY_PAPER]);
  return (
    <ThreadView
      header={header}
      window={window}
      basePath={threadPath(threadId)}
      signedIn={!!viewer}
      threadControls={extras.threadControls}
      slots={extras.slots}
    />
  );
}
