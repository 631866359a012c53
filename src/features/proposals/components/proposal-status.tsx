import { RelativeTime } from "@/components/ui/relative-time";
import type { ProposalStatus } from "@/generated/prisma/enums";
import { closesIn, formatDateTime } from "@/lib/dates";

const STYLE: Record<ProposalStatus, string> = {
  OPEN: "border-sky-700 bg-sky-50 text-sky-950",
  PASSED: "border-emerald-700 bg-emerald-50 text-emerald-950",
  MERGED: "border-emerald-700 bg-emerald-50 text-emerald-950",
  REJECTED: "border-rose-700 bg-rose-50 text-rose-950",
  NEEDS_UPDATE: "border-amber-700 bg-warn-soft text-amber-950",
  WITHDRAWN: "border-slate-500 bg-slate-50 text-slate-800",
};

const LABEL: Record<ProposalStatus, string> = {
  OPEN: "Open",
  PASSED: "Passed",
  MERGED: "Merged",
  REJECTED: "Rejected",
  NEEDS_UPDATE: "Needs update",
  WITHDRAWN: "Withdrawn",
};

type Props = {
  status: ProposalStatus;
  statusNote: string | null;
  closesAt: Date;
  closedAt: Date | null;
  mergedRevision: number | null;
  now?: Date;
};

/** The proposal's state in words; the colour only repeats what the label says. */
export function ProposalStatusBadge({
  status,
  statusNote,
  closesAt,
  closedAt,
  mergedRevision,
  now = new Date(),
}: Props) {
  let detail: React.ReactNode = null;
  if (status === "OPEN")
    detail =
      closesAt > now ? (
        <>
          <RelativeTime date={closesAt} now={now}>
            {closesIn(closesAt, now)}
          </RelativeTime>
          , at {formatDateTime(closesAt)}
        </>
      ) : (
        closesIn(closesAt, now)
      );
  else if (status === "MERGED")
    detail = [
      mergedRevision ? `as revision ${mergedRevision}` : null,
      closedAt ? `on ${formatDateTime(closedAt)}` : null,
    ]
      .filter(Boolean)
      .join(" ");
  else if (status === "REJECTED") detail = statusNote;
  // The page explains it in full just below, so the badge stays short.
  else if (status === "NEEDS_UPDATE") detail = "passed, but the text changed meanwhile; see below";
  else if (closedAt) detail = `on ${formatDateTime(closedAt)}`;
  return (
    <p className={`inline-block max-w-full rounded-md border-l-4 px-3 py-1.5 text-sm ${STYLE[status]}`}>
      <strong className="font-semibold">{LABEL[status]}</strong>
      {detail ? (
        <span>
          {status === "MERGED" || status === "WITHDRAWN" ? " " : status === "OPEN" ? " — " : ": "}
          {detail}
        </span>
      ) : null}
    </p>
  );
}
