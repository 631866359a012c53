import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { getThreadTitleHistory } from "@/features/discussions/queries/title-history";
import { formatDateTime } from "@/lib/dates";
import { personPath, threadPath } from "@/lib/paths";
import { getCurrentUser } from "@/server/auth/current-user";
import { orNotFound } from "@/server/not-found";
import { offerToPageCache } from "@/server/page-cache/offer";
import { threadTag } from "@/server/page-cache/tags";
import { pageParams } from "@/server/route-params";

export const metadata = { title: "Title history" };

/** Every change of a thread's title: who, when, from what to what. */
export default async function ThreadTitleHistoryPage({ params }: { params: Promise<{ threadId: string }> }) {
  const { threadId } = await pageParams(params, { threadId: "uuid" });
  const viewer = await getCurrentUser();
  const { thread, changes } = await orNotFound(getThreadTitleHistory(viewer, threadId));
  await offerToPageCache(viewer, [threadTag(threadId)]);
  return (
    <div className="mx-auto max-w-3xl">
      <Link href={threadPath(thread.id)} className="text-sm font-medium text-accent underline">
        ← Back to “<bdi>{thread.title}</bdi>”
      </Link>
      <PageHeader
        title="Title history"
        intro="Every change to this thread's title, newest first. Changes are public so that discussions stay trustworthy."
      />
      {changes.length === 0 ? (
        <p className="text-muted">The title has not been changed since the thread was started.</p>
      ) : (
        <ol className="space-y-4">
          {changes.map((c) => (
            <li key={c.id} className="rounded-lg border border-line bg-white p-4">
              <p className="text-sm">
                <span className="font-semibold">
                  {c.editor ? (
                    <Link href={personPath(c.editor.handle)} className="underline">
                      <bdi>{c.editor.displayName}</bdi>
                    </Link>
                  ) : (
                    "A former member"
                  )}
                </span>
                {c.byModerator ? " (as a moderator)" : ""} changed the title,{" "}
                <time dateTime={c.createdAt.toISOString()}>{formatDateTime(c.createdAt)}</time>
              </p>
              <dl className="mt-2 grid gap-1 text-sm sm:grid-cols-[6rem_1fr]">
                <dt className="text-muted">From</dt>
                <dd>
                  <del dir="auto">{c.oldTitle}</del>
                </dd>
                <dt className="text-muted">To</dt>
                <dd>
                  <ins dir="auto" className="no-underline">
                    {c.newTitle}
                  </ins>
                </dd>
              </dl>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
