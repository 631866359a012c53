import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { personPath } from "@/lib/paths";
import type { LogEntry } from "../queries/log";

function Actor({ actor }: { actor: LogEntry["actor"] }) {
  if (actor.type === "automatic") return <span className="font-medium">The group’s automatic rule</span>;
  if (actor.type === "former") return <span className="font-medium">A former member</span>;
  return (
    <>
      <Link href={personPath(actor.handle)} className="font-medium text-accent underline">
        {actor.displayName}
      </Link>{" "}
      <span className="text-muted">@{actor.handle}</span>
    </>
  );
}

/** Moderation in the open: who did what, when and why. Never the text of a post. */
export function ModerationLogList({ entries }: { entries: LogEntry[] }) {
  if (entries.length === 0) return <p className="text-muted">No moderation actions yet.</p>;
  return (
    <ol className="divide-y divide-line rounded-lg border border-line bg-white">
      {entries.map((e) => (
        <li key={e.id} className="px-4 py-3" data-testid="log-entry">
          <p>
            <Actor actor={e.actor} /> {e.sentence}.
            {e.href ? (
              <>
                {" "}
                <Link href={e.href} className="text-sm text-accent underline">
                  View
                </Link>
              </>
            ) : null}
          </p>
          {e.reason ? (
            <p className="mt-1 text-sm">
              <span className="font-medium">Why:</span> {e.reason}
            </p>
          ) : null}
          <p className="mt-1 text-sm text-muted">
            <RelativeTime date={e.at} />
          </p>
        </li>
      ))}
    </ol>
  );
}
