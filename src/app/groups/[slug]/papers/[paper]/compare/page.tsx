import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { CompareForm } from "@/features/papers/components/compare-form";
import { ComparisonView } from "@/features/papers/components/comparison-view";
import { PaperBreadcrumb } from "@/features/papers/components/paper-breadcrumb";
import { PersonName } from "@/features/papers/components/person-name";
import { compareRevisions } from "@/features/papers/queries/history";
import { ZCompareQuery } from "@/features/papers/schemas";
import { formatDateTime } from "@/lib/dates";
import { historyPath, paperPath, proposalPath } from "@/lib/paths";
import { getCurrentUser } from "@/server/auth/current-user";
import { orNotFound } from "@/server/not-found";
import { pageParams } from "@/server/route-params";

export const metadata = { title: "Compare revisions" };

type Side = {
  number: number;
  kind: string;
  reason: string;
  createdAt: Date;
  author: { handle: string; displayName: string } | null;
  proposal: { id: string; number: number } | null;
};

function SideLabel({ side }: { side: Side }) {
  return (
    <>
      <strong>Revision {side.number}</strong> ({formatDateTime(side.createdAt)}):{" "}
      {side.kind === "INITIAL" ? (
        <>
          first draft by <PersonName person={side.author} />
        </>
      ) : side.kind === "EDITORIAL" ? (
        <>
          editorial fix by <PersonName person={side.author} />: {side.reason}
        </>
      ) : side.proposal ? (
        <>
          <Link href={proposalPath(side.proposal.id)} className="text-accent underline">
            proposal #{side.proposal.number}
          </Link>{" "}
          by <PersonName person={side.author} />
        </>
      ) : (
        <>a proposal</>
      )}
    </>
  );
}

export default async function CompareRevisionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; paper: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { slug, paper } = await pageParams(params, { slug: "slug", paper: "slug" });
  const query = ZCompareQuery.parse(await searchParams);
  const {
    group,
    paper: p,
    result,
  } = await orNotFound(compareRevisions(await getCurrentUser(), slug, paper, query.from, query.to));
  const action = `${paperPath(group.slug, p.slug)}/compare`;
  return (
    <div>
      <PaperBreadcrumb group={group} paper={p} />
      <div className="mt-2">
        <PageHeader
          title="Compare revisions"
          intro={
            <>
              Word by word, between two revisions of “<bdi>{p.title}</bdi>”.{" "}
              <Link href={historyPath(group.slug, p.slug)} className="font-medium text-accent underline">
                All revisions
              </Link>
            </>
          }
        />
      </div>
      {p.latest > 1 ? (
        <CompareForm
          action={action}
          latest={p.latest}
          from={query.from && query.from <= p.latest ? query.from : undefined}
          to={query.to && query.to <= p.latest ? query.to : undefined}
        />
      ) : null}
      {result.ok ? (
        <div className="mt-6 space-y-6">
          <ul className="space-y-1 text-sm">
            <li>
              From <SideLabel side={result.from} />
            </li>
            <li>
              To <SideLabel side={result.to} />
            </li>
          </ul>
          <ComparisonView comparison={result.comparison} />
        </div>
      ) : (
        <p role="status" className="mt-6 rounded-md border border-line bg-warn-soft px-4 py-3">
          {result.message}
        </p>
      )}
    </div>
  );
}
