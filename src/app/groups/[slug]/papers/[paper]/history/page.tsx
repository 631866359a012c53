import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { closeDueProposalsOfPaper } from "@/composition/decisions";
import { CompareForm } from "@/features/papers/components/compare-form";
import { HistoryList } from "@/features/papers/components/history-list";
import { PaperBreadcrumb } from "@/features/papers/components/paper-breadcrumb";
import { getPaperHistory } from "@/features/papers/queries/history";
import { zPage } from "@/lib/form-fields";
import { historyPath, paperPath } from "@/lib/paths";
import { getCurrentUser } from "@/server/auth/current-user";
import { orNotFound } from "@/server/not-found";
import { pageParams } from "@/server/route-params";

type Params = { params: Promise<{ slug: string; paper: string }> };

type Search = { searchParams: Promise<{ page?: string }> };

export async function generateMetadata({ params, searchParams }: Params & Search) {
  const { slug, paper } = await pageParams(params, { slug: "slug", paper: "slug" });
  // The same arguments as the page's call, so the cached result is shared.
  const viewer = await getCurrentUser();
  await closeDueProposalsOfPaper(viewer, slug, paper);
  const history = await orNotFound(getPaperHistory(viewer, slug, paper, zPage.parse((await searchParams).page)));
  return { title: `History: ${history.paper.title}` };
}

export default async function PaperHistoryPage({ params, searchParams }: Params & Search) {
  const { slug, paper } = await pageParams(params, { slug: "slug", paper: "slug" });
  const viewer = await getCurrentUser();
  await closeDueProposalsOfPaper(viewer, slug, paper);
  const history = await orNotFound(getPaperHistory(viewer, slug, paper, zPage.parse((await searchParams).page)));
  const { group, paper: p } = history;
  const base = historyPath(group.slug, p.slug);
  const compare = `${paperPath(group.slug, p.slug)}/compare`;
  return (
    <div>
      <PaperBreadcrumb group={group} paper={p} />
      <div className="mt-2">
        <PageHeader
          title={`History of “${p.title}”`}
          intro={`Every change to the paper is a revision: the first draft, each proposal the group voted through, and each editorial fix. ${p.latest} ${p.latest === 1 ? "revision" : "revisions"} so far.`}
        />
      </div>
      {p.latest > 1 ? (
        <section aria-labelledby="compare-heading" className="mb-6">
          <h2 id="compare-heading" className="mb-2 text-lg font-semibold">
            Compare two revisions
          </h2>
          <CompareForm action={compare} latest={p.latest} />
        </section>
      ) : null}
      <h2 className="mb-2 text-lg font-semibold">Revisions, newest first</h2>
      <HistoryList revisions={history.revisions} compareBase={compare} />
      <Pagination page={history.page} pageCount={history.pageCount} basePath={base} />
    </div>
  );
}
