import Link from "next/link";
import type { ReactNode } from "react";
import { formatDate } from "@/lib/dates";
import { paperPath } from "@/lib/paths";
import { PAPER_STATUS_LABELS, plural } from "../labels";
import type { PaperListItem } from "../queries/paper-list";

/**
 * Papers as a list: title, the question it answers, and where it stands. `credit` renders what the
 * page adds under a paper's question (who commissioned it); papers know nothing of commissions.
 */
export function PaperList({
  groupSlug,
  papers,
  headingLevel = 3,
  credit,
}: {
  groupSlug: string;
  papers: PaperListItem[];
  headingLevel?: 2 | 3;
  credit?: (paperId: string) => ReactNode;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="divide-y divide-line rounded-lg border border-line bg-white">
      {papers.map((p) => (
        <li key={p.id} className="px-4 py-3">
          <Heading className="font-semibold">
            <Link href={paperPath(groupSlug, p.slug)} className="text-accent-dark underline-offset-2 hover:underline">
              {p.title}
            </Link>
          </Heading>
          <p className="mt-1 text-sm">{p.question}</p>
          {credit?.(p.id)}
          <p className="mt-1 text-sm text-muted">
            {PAPER_STATUS_LABELS[p.status] ?? p.status} · revision {p.revisionNumber} ·{" "}
            {plural(p.openProposals, "open proposal")} · changed {formatDate(p.updatedAt)}
            {p.startedBy ? ` · started by ${p.startedBy.displayName}` : ""}
          </p>
        </li>
      ))}
    </ul>
  );
}
