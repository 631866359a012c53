import Link from "next/link";
import { Pagination } from "@/components/ui/pagination";
import { PerspectiveBadge } from "@/components/ui/perspective-badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { personPath } from "@/lib/paths";
import { plural } from "@/lib/words";
import type { VotesList } from "../queries/votes-list";
import { CHOICE_LABEL } from "./vote-form";

const CHOICE_STYLE = {
  SUPPORT: "border-emerald-700 text-emerald-900",
  OPPOSE: "border-rose-700 text-rose-900",
  ABSTAIN: "border-slate-500 text-slate-800",
} as const;

/** Who voted what on the current version, with their reasons; one page of 50 at a time. */
export function VoteList({ list, basePath }: { list: VotesList; basePath: string }) {
  const earlier =
    list.earlier === 0
      ? ""
      : list.earlier === 1
        ? " 1 vote on an earlier version no longer counts and is not shown."
        : ` ${plural(list.earlier, "vote")} on earlier versions no longer count and are not shown.`;
  if (list.total === 0) return <p className="text-sm text-muted">No votes on this version yet.{earlier}</p>;
  return (
    <div>
      <p className="text-sm text-muted">
        {plural(list.total, "vote")} on version {list.version}.{earlier}
      </p>
      <ul className="mt-3 divide-y divide-line rounded-lg border border-line bg-white">
        {list.votes.map((v) => (
          <li key={v.id} className="px-4 py-3">
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
              <span
                className={`rounded border px-1.5 py-0.5 text-xs font-bold uppercase tracking-wide ${CHOICE_STYLE[v.choice]}`}
              >
                {CHOICE_LABEL[v.choice]}
              </span>
              {v.voter ? (
                <Link href={personPath(v.voter.handle)} className="font-semibold underline-offset-2 hover:underline">
                  {v.voter.displayName}
                </Link>
              ) : (
                <span className="font-semibold">Former member</span>
              )}
              <PerspectiveBadge perspective={v.perspective} />
              <RelativeTime date={v.at} className="text-muted" />
            </div>
            {v.reason ? <p className="mt-1 whitespace-pre-wrap break-words text-sm">{v.reason}</p> : null}
          </li>
        ))}
      </ul>
      <Pagination page={list.page} pageCount={list.pageCount} basePath={basePath} />
    </div>
  );
}
