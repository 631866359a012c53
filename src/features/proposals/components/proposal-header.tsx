import Link from "next/link";
import type { ReactNode } from "react";
import { PerspectiveBadge } from "@/components/ui/perspective-badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { ProposalKind } from "@/generated/prisma/enums";
import { groupPath, paperPath, personPath, publicationPath } from "@/lib/paths";
import type { PerspectiveValue } from "@/lib/perspectives";
import { ProposalStatusBadge } from "./proposal-status";

/** What a proposal does, in words: "Amend the section “Eligibility”". */
export function describeProposal(
  kind: ProposalKind,
  headings: { base: string | null; proposed: string | null },
  publish?: { revision: number; version: number } | null,
): string {
  switch (kind) {
    case "AMEND_SECTION":
      return `Amend the section “${headings.base ?? headings.proposed ?? ""}”`;
    case "ADD_SECTION":
      return `Add a section “${headings.proposed ?? ""}”`;
    case "REMOVE_SECTION":
      return `Remove the section “${headings.base ?? ""}”`;
    case "RETITLE":
      return "New title, question and summary";
    case "PUBLISH":
      return publish ? `Publish revision ${publish.revision} as version ${publish.version}` : "Publish the paper";
    case "ACCEPT_COMMISSION":
      return "Take on the commissioned paper";
  }
}

export function ProposalBreadcrumb({
  group,
  paper,
  last,
}: {
  group: { slug: string; name: string };
  paper: { slug: string; title: string };
  last: { label: string; href?: string };
}) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      <ol className="flex flex-wrap items-center gap-x-2 gap-y-1 text-muted">
        <li>
          <Link href={groupPath(group.slug)} className="font-medium text-accent underline">
            <bdi>{group.name}</bdi>
          </Link>
        </li>
        <li aria-hidden="true">›</li>
        <li className="min-w-0 break-words">
          <Link href={paperPath(group.slug, paper.slug)} className="font-medium text-accent underline">
            <bdi>{paper.title}</bdi>
          </Link>
        </li>
        <li aria-hidden="true">›</li>
        <li>
          {last.href ? (
            <Link href={last.href} className="font-medium text-accent underline">
              {last.label}
            </Link>
          ) : (
            <span aria-current="page">{last.label}</span>
          )}
        </li>
      </ol>
    </nav>
  );
}

type Props = {
  group: { slug: string; name: string };
  paper: { slug: string; title: string };
  /** Who commissioned the paper, composed in by the page (proposals know nothing of commissions). */
  credit?: ReactNode;
  proposal: {
    number: number;
    kind: ProposalKind;
    status: Parameters<typeof ProposalStatusBadge>[0]["status"];
    statusNote: string | null;
    version: number;
    closesAt: Date;
    closedAt: Date | null;
    createdAt: Date;
    mergedRevision: number | null;
    baseRevisionNumber: number;
    publish: { version: number; published: boolean } | null;
    base: { heading: string | null };
    proposed: { heading: string | null };
    author: { handle: string; displayName: string; perspective: PerspectiveValue } | null;
  };
};

export function ProposalHeader({ group, paper, proposal: p, credit }: Props) {
  return (
    <header className="mb-6 space-y-3">
      <ProposalBreadcrumb group={group} paper={paper} last={{ label: `Proposal #${p.number}` }} />
      {credit}
      <h1 className="break-words text-2xl font-bold tracking-tight sm:text-3xl">
        <span className="block text-base font-semibold text-muted">Proposal #{p.number}</span>
        {describeProposal(
          p.kind,
          { base: p.base.heading, proposed: p.proposed.heading },
          p.publish ? { revision: p.baseRevisionNumber, version: p.publish.version } : null,
        )}
      </h1>
      <ProposalStatusBadge
        status={p.status}
        statusNote={p.statusNote}
        closesAt={p.closesAt}
        closedAt={p.closedAt}
        mergedRevision={p.mergedRevision}
      />
      {p.publish?.published ? (
        <p className="text-base">
          <strong>Published as version {p.publish.version}.</strong>{" "}
          <Link
            href={publicationPath(group.slug, paper.slug, p.publish.version)}
            className="font-medium text-accent underline"
          >
            Read version {p.publish.version}
          </Link>
        </p>
      ) : null}
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted">
        <span>Proposed by</span>
        {p.author ? (
          <>
            <Link
              href={personPath(p.author.handle)}
              className="font-semibold text-ink underline-offset-2 hover:underline"
            >
              {p.author.displayName}
            </Link>
            <PerspectiveBadge perspective={p.author.perspective} />
          </>
        ) : (
          <span className="font-semibold text-ink">a former member</span>
        )}
        <span>
          <RelativeTime date={p.createdAt} />
        </span>
        {p.version > 1 ? <span>· text edited since, now version {p.version}</span> : null}
      </p>
    </header>
  );
}
