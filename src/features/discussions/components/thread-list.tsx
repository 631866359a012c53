import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { groupPath, threadPath } from "@/lib/paths";
import type { ThreadSort } from "../policy";

const SORT_LABELS: Record<ThreadSort, string> = {
  activity: "Latest activity",
  newest: "Newest",
  replies: "Most replies",
};

export function ThreadSortTabs({ basePath, current }: { basePath: string; current: ThreadSort }) {
  return (
    <nav aria-label="Sort threads" className="flex flex-wrap gap-1">
      {(Object.keys(SORT_LABELS) as ThreadSort[]).map((sort) => (
        <Link
          key={sort}
          href={`${basePath}?sort=${sort}`}
          aria-current={current === sort ? "page" : undefined}
          className={`rounded-md px-3 py-1.5 text-sm font-medium ${current === sort ? "bg-accent text-white" : "border border-line bg-white hover:bg-accent-soft"}`}
        >
          {SORT_LABELS[sort]}
        </Link>
      ))}
    </nav>
  );
}

export function ThreadList({
  threads,
}: {
  threads: {
    id: string;
    title: string;
    replies: number;
    lastPostAt: Date;
    pinned: boolean;
    locked: boolean;
    author: { handle: string; displayName: string } | null;
    unread?: number | null;
    /** Set when the list spans several groups (a member's home page). */
    group?: { slug: string; name: string };
  }[];
}) {
  if (threads.length === 0) return <p className="text-muted">No discussions yet.</p>;
  return (
    <ul className="divide-y divide-line rounded-lg border border-line bg-white">
      {threads.map((t) => (
        <li key={t.id} className="flex flex-wrap items-start justify-between gap-2 px-4 py-3">
          <div className="min-w-0">
            <p className="font-semibold">
              {t.pinned ? (
                <span className="mr-1 rounded bg-accent-soft px-1.5 text-xs font-bold text-accent-dark">Pinned</span>
              ) : null}
              {t.locked ? <span className="mr-1 rounded bg-slate-200 px-1.5 text-xs font-bold">Locked</span> : null}
              <Link href={threadPath(t.id)} className="text-accent-dark underline-offset-2 hover:underline">
                <bdi>{t.title}</bdi>
              </Link>
              {t.unread === null ? (
                <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs font-bold text-amber-900">New</span>
              ) : null}
              {t.unread ? (
                <Link
                  href={`${threadPath(t.id)}?page=last`}
                  className="ml-2 rounded bg-amber-100 px-1.5 text-xs font-bold text-amber-900"
                >
                  {t.unread} new
                </Link>
              ) : null}
            </p>
            <p className="text-sm text-muted">
              {t.group ? (
                <>
                  In{" "}
                  <Link href={groupPath(t.group.slug)} className="underline-offset-2 hover:underline">
                    <bdi>{t.group.name}</bdi>
                  </Link>
                  {" · started"}
                </>
              ) : (
                "Started"
              )}{" "}
              by {t.author ? t.author.displayName : "a former member"}
            </p>
          </div>
          <p className="text-sm text-muted">
            {t.replies} {t.replies === 1 ? "reply" : "replies"} · last <RelativeTime date={t.lastPostAt} />
          </p>
        </li>
      ))}
    </ul>
  );
}
