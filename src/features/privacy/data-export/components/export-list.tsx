import { buttonClass } from "@/components/ui/button-class";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/dates";
import { dataExportPath } from "@/lib/paths";
import type { DataExportSummary } from "../queries";

export const isUnderWay = (e: DataExportSummary) => e.status === "QUEUED" || e.status === "RUNNING";

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** What a screen reader hears about the newest request; progress in quarters, not every percent. */
export function announcementFor(newest: DataExportSummary | undefined): string {
  if (!newest) return "";
  switch (newest.status) {
    case "QUEUED":
      return "Your archive is waiting to start.";
    case "RUNNING": {
      const quarter = Math.floor(newest.progress / 25) * 25;
      return quarter === 0 ? "Preparing your archive." : `Preparing your archive: ${quarter}% done.`;
    }
    case "READY":
      return "Your archive is ready to download.";
    case "FAILED":
      return "Your archive could not be prepared.";
  }
}

function ProgressBar({ progress, labelledBy }: { progress: number; labelledBy: string }) {
  return (
    <div
      role="progressbar"
      aria-labelledby={labelledBy}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={progress}
      aria-valuetext={`${progress}%`}
      className="mt-3 h-3 w-full overflow-hidden rounded-full border border-line bg-slate-100"
    >
      <div
        className="h-full rounded-full bg-accent motion-safe:transition-[width] motion-safe:duration-700"
        style={{ width: `${progress}%` }}
      />
    </div>
  );
}

function ExportItem({ item }: { item: DataExportSummary }) {
  const headingId = `export-${item.id}`;
  const requested = formatDateTime(item.createdAt);
  return (
    <li>
      <Card>
        <h3 id={headingId} className="font-semibold">
          Archive requested {requested}
        </h3>
        {item.status === "QUEUED" ? (
          <>
            <p className="mt-1 text-sm text-muted">
              Waiting to start. This usually takes a few seconds; you can leave this page.
            </p>
            <ProgressBar progress={0} labelledBy={headingId} />
          </>
        ) : null}
        {item.status === "RUNNING" ? (
          <>
            <p className="mt-1 text-sm text-muted">
              Preparing: {item.progress}% done. You can leave this page and come back.
            </p>
            <ProgressBar progress={item.progress} labelledBy={headingId} />
          </>
        ) : null}
        {item.status === "READY" ? (
          <div className="mt-1 flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-muted">
              Ready{item.completedAt ? ` since ${formatDateTime(item.completedAt)}` : ""}.{" "}
              {item.expiresAt ? <>Available until {formatDateTime(item.expiresAt)}.</> : null}
            </p>
            {/* A plain link: a ZIP is not a page to prefetch. */}
            <a href={dataExportPath(item.id)} download className={buttonClass("primary")}>
              Download<span className="sr-only"> the archive requested {requested}</span>&nbsp;(ZIP
              {item.size !== null ? `, ${formatSize(item.size)}` : ""})
            </a>
          </div>
        ) : null}
        {item.status === "FAILED" ? (
          <p className="mt-1 text-sm font-medium text-danger">
            {item.error ?? "This archive could not be prepared. Please ask for a new one."}
          </p>
        ) : null}
      </Card>
    </li>
  );
}

export function ExportList({ exports }: { exports: DataExportSummary[] }) {
  return (
    <section aria-labelledby="archives-heading">
      <h2 id="archives-heading" className="mb-3 text-xl font-semibold">
        Your archives
      </h2>
      {exports.length === 0 ? (
        <p className="text-muted">
          You have no archives at the moment. Archives are deleted 7 days after they are prepared.
        </p>
      ) : (
        <ul className="space-y-3">
          {exports.map((item) => (
            <ExportItem key={item.id} item={item} />
          ))}
        </ul>
      )}
    </section>
  );
}
