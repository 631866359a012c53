import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatDate } from "@/lib/dates";
import { personPath } from "@/lib/paths";
import type { QueueItem } from "../queries/review-queue";
import { PostActionForms } from "./post-action-forms";

const STATUS_LABELS: Record<QueueItem["status"], { label: string; className: string }> = {
  VISIBLE: { label: "Visible", className: "bg-accent-soft text-accent-dark" },
  HIDDEN: { label: "Hidden", className: "bg-warn-soft text-ink" },
  REMOVED: { label: "Removed", className: "bg-danger-soft text-danger" },
  DELETED: { label: "Deleted by its author", className: "bg-slate-100 text-slate-800" },
};

/** One reported post in the review queue: what was said, by whom, why it was reported, and what to do. */
export function ReviewQueueItem({ item }: { item: QueueItem }) {
  const status = STATUS_LABELS[item.status];
  return (
    <article
      className="rounded-lg border border-line bg-white p-5 shadow-sm"
      aria-labelledby={`queue-${item.postId}`}
      data-testid={`queue-item-${item.postId}`}
    >
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`queue-${item.postId}`} className="font-semibold">
          <Link href={item.permalink} className="text-accent underline">
            A post in “<bdi>{item.threadTitle}</bdi>”
          </Link>
        </h2>
        <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${status.className}`}>{status.label}</span>
      </header>
      <p className="mt-1 text-sm text-muted">
        By{" "}
        {item.author ? (
          <Link href={personPath(item.author.handle)} className="underline">
            {item.author.displayName}
          </Link>
        ) : (
          "a former member"
        )}
        {" · "}posted {formatDate(item.postedAt)}
      </p>
      {item.statusReason ? (
        <p className="mt-2 text-sm">
          <span className="font-medium">Shown in its place:</span> {item.statusReason}
        </p>
      ) : null}
      {item.excerpt !== null ? (
        <blockquote className="mt-3 border-l-4 border-line pl-3 text-sm whitespace-pre-line">
          {item.excerpt || "(empty)"}
        </blockquote>
      ) : (
        <p className="mt-3 text-sm text-muted">The text of a removed post is not shown.</p>
      )}
      <section className="mt-4" aria-label="Reports">
        <h3 className="text-sm font-semibold">
          {item.openReports} open report{item.openReports === 1 ? "" : "s"}, the first on{" "}
          {formatDate(item.firstReportedAt)}
        </h3>
        <ul className="mt-2 space-y-2 text-sm">
          {item.reasons.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the queue's reasons carry no id (moderation/queries.ts selects none) and this read-only list is never reordered
            <li key={i} className="rounded-md bg-paper px-3 py-2">
              <p className="whitespace-pre-line">{r.reason}</p>
              <p className="mt-1 text-muted">
                —{" "}
                {r.reporterHandle ? (
                  <Link href={personPath(r.reporterHandle)} className="underline">
                    {r.reporter}
                  </Link>
                ) : (
                  r.reporter
                )}
                , <RelativeTime date={r.at} />
              </p>
            </li>
          ))}
        </ul>
        {item.openReports > item.reasons.length ? (
          <p className="mt-1 text-sm text-muted">and {item.openReports - item.reasons.length} more.</p>
        ) : null}
      </section>
      <div className="mt-4 border-t border-line pt-4">
        <PostActionForms post={{ id: item.postId, status: item.status, featured: item.featured }} inQueue />
      </div>
    </article>
  );
}
