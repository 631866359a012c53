import Link from "next/link";
import { formatDate } from "@/lib/dates";
import { proposalPath } from "@/lib/paths";
import { describeProposal, PROPOSAL_OUTCOME_LABELS } from "../labels";
import type { PaperPage } from "../queries/paper-page";
import { PersonName } from "./person-name";
import { ProposalLine } from "./proposal-line";
import { TallyText } from "./tally-text";

/** Open proposals that are about the whole paper (new sections, new title) rather than one section. */
export function PaperProposals({ proposals, now }: { proposals: PaperPage["paperProposals"]; now: Date }) {
  return (
    <section aria-labelledby="pp-paper-proposals" className="rounded-lg border border-line bg-white p-4">
      <h2 id="pp-paper-proposals" className="text-base font-semibold">
        Other open proposals
      </h2>
      {proposals.length === 0 ? (
        <p className="mt-1 text-sm text-muted">None: no new sections or titles are being voted on.</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {proposals.map((p) => (
            <ProposalLine key={p.id} proposal={p} now={now} showWhat />
          ))}
        </ul>
      )}
    </section>
  );
}

/** The last few proposals decided, with their outcome in words. */
export function RecentlyClosed({
  proposals,
  historyHref,
}: {
  proposals: PaperPage["recentlyClosed"];
  historyHref: string;
}) {
  return (
    <section aria-labelledby="pp-closed" className="rounded-lg border border-line bg-white p-4">
      <h2 id="pp-closed" className="text-base font-semibold">
        Recently decided
      </h2>
      {proposals.length === 0 ? (
        <p className="mt-1 text-sm text-muted">No proposal has closed yet.</p>
      ) : (
        <ul className="mt-2 space-y-3 text-sm">
          {proposals.map((p) => (
            <li key={p.id}>
              <Link href={proposalPath(p.id)} className="font-semibold text-accent underline">
                #{p.number} {describeProposal(p)}
              </Link>
              <p>
                <strong>{PROPOSAL_OUTCOME_LABELS[p.status] ?? p.status}</strong>
                {p.closedAt ? ` on ${formatDate(p.closedAt)}` : ""} · <TallyText tally={p.tally} />
              </p>
              <p className="text-muted">
                by <PersonName person={p.author} />
              </p>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-3 text-sm">
        <Link href={historyHref} className="font-medium text-accent underline">
          Every change to the paper
        </Link>
      </p>
    </section>
  );
}
