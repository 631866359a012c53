import { formatExactTime, relativeTime } from "@/lib/dates";

/**
 * A moment as words relative to `now` ("in 2 days", "3 hours ago"), with the exact time in the
 * tooltip and in `dateTime` for machines. A server component: it is rendered once, so server and
 * browser never disagree about "now". A cached signed-out page keeps its words for at most
 * PAGE_CACHE_TTL_SECONDS (a minute by default), less than the smallest unit shown.
 * `children` replaces the words when the caller words it itself (e.g. "closes in 2 days").
 */
export function RelativeTime({
  date,
  now = new Date(),
  children,
  className,
}: {
  date: Date;
  now?: Date;
  children?: React.ReactNode;
  className?: string;
}) {
  return (
    <time dateTime={date.toISOString()} title={formatExactTime(date)} className={className}>
      {children ?? relativeTime(date, now)}
    </time>
  );
}
