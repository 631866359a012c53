import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { proposalPath } from "@/lib/paths";
import type { HistoryEntry } from "../queries/history";
import { PersonName } from "./person-name";
import { TallyText } from "./tally-text";

/** What a revision changed, in words; the first draft needs none. */
function whatChanged(r: HistoryEntry): string {
  const p = r.proposal;
  if (r.kind === "EDITORIAL")
    return r.sectionsFixed.length > 0
      ? `Corrected the section ${r.sectionsFixed.map((h) => `“${h}”`).join(", ")}.`
      : "";
  if (r.kind !== "PROPOSAL" || !p) return "";
  switch (p.kind) {
    case "AMEND_SECTION":
      return p.baseHeading && p.proposedHeading && p.baseHeading !== p.proposedHeading
        ? `Changed the section “${p.baseHeading}” and renamed it “${p.proposedHeading}”.`
        : `Changed the section “${p.proposedHeading ?? p.baseHeading}”.`;
    case "ADD_SECTION":
      return `Added the section “${p.proposedHeading}”.`;
    case "REMOVE_SECTION":
      return `Removed the section “${p.baseHeading}”.`;
    case "RETITLE":
      return "Changed the title, question or summary.";
    default:
      return "";
  }
}

function HowMade({ r }: { r: HistoryEntry }) {
  if (r.kind === "INITIAL") {
    return (
      <>
        First draft by <PersonName person={r.author} />
      </>
    );
  }
  if (r.kind === "EDITORIAL") {
    return (
      <>
        Editorial fix by <PersonName person={r.author} />: {r.reason}
      </>
    );
  }
  if (!r.proposal) return <>A proposal that is no longer on record</>;
  return (
    <>
      <Link href={proposalPath(r.proposal.id)} className="font-medium text-accent underline">
        Proposal #{r.proposal.number}
      </Link>{" "}
      by <PersonName person={r.proposal.author} /> — <TallyText tally={r.proposal.tally} />
    </>
  );
}

/** The revisions of one page of history, newest first. */
export function HistoryList({ revisions, compareBase }: { revisions: HistoryEntry[]; compareBase: string }) {
  return (
    <ol className="divide-y divide-line rounded-lg border border-line bg-white" aria-label="Revisions, newest first">
      {revisions.map((r) => (
        <li key={r.number} className="grid gap-1 px-4 py-3 sm:grid-cols-[7rem_minmax(0,1fr)] sm:gap-4">
          <div>
            <p className="font-semibold">Revision {r.number}</p>
            <p className="text-sm text-muted">
              <RelativeTime date={r.createdAt} />
            </p>
          </div>
          <div className="min-w-0 text-sm">
            <p className="break-words">
              <HowMade r={r} />
            </p>
            {whatChanged(r) ? <p className="mt-1 text-muted">{whatChanged(r)}</p> : null}
            {r.number > 1 ? (
              <p className="mt-1">
                <Link href={`${compareBase}?from=${r.number - 1}&to=${r.number}`} className="text-accent underline">
                  See what changed<span className="sr-only"> in revision {r.number}</span>
                </Link>
              </p>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
