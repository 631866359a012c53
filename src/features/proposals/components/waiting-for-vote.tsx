import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { describeProposal } from "@/features/papers/labels";
import { closesIn, formatDateTime } from "@/lib/dates";
import { proposalPath } from "@/lib/paths";
import type { WaitingProposal } from "../queries/waiting-for-vote";

/**
 * "Waiting for your vote": open proposals the person may vote on and has not, soonest closing
 * first. Shown only to signed-in members (never on a page the signed-out cache keeps).
 */
export function WaitingForVote({
  items,
  total,
  seeAllHref,
  showGroup,
  now = new Date(),
}: {
  items: WaitingProposal[];
  total: number;
  seeAllHref: string;
  showGroup: boolean;
  now?: Date;
}) {
  return (
    <section aria-labelledby="waiting-heading" className="rounded-lg border border-line bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id="waiting-heading" className="text-xl font-semibold">
          Waiting for your vote{total > 0 ? <span className="text-muted"> ({total})</span> : null}
        </h2>
        {total > items.length ? (
          <Link href={seeAllHref} className="text-sm font-medium text-accent underline">
            See all {total}
          </Link>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-muted">
          Nothing is waiting for your vote. You have voted on every open proposal.
        </p>
      ) : (
        <WaitingList items={items} showGroup={showGroup} now={now} />
      )}
    </section>
  );
}

export function WaitingList({ items, showGroup, now }: { items: WaitingProposal[]; showGroup: boolean; now: Date }) {
  return (
    <ol className="mt-3 divide-y divide-line" aria-label="Proposals waiting for your vote, soonest closing first">
      {items.map((p) => {
        const soon = p.closesAt.getTime() - now.getTime() < 24 * 3_600_000;
        return (
          <li key={p.id} className="py-3 first:pt-0 last:pb-0">
            <Link href={proposalPath(p.id)} className="font-medium break-words text-accent underline">
              #{p.number} {describeProposal(p)}
            </Link>
            <p className="mt-0.5 text-sm break-words">
              on “{p.paperTitle}”{showGroup ? <span className="text-muted"> · {p.groupName}</span> : null}
            </p>
            <p className={`mt-0.5 text-sm ${soon ? "font-semibold text-danger" : "text-muted"}`}>
              Voting{" "}
              <RelativeTime date={p.closesAt} now={now}>
                {closesIn(p.closesAt, now)}
              </RelativeTime>{" "}
              <span className="sr-only">({formatDateTime(p.closesAt)})</span>
            </p>
          </li>
        );
      })}
    </ol>
  );
}
