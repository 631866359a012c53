import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { RefusalPage } from "@/components/ui/refusal";
import { paperCredits } from "@/features/commissions/components/paper-credits";
import { PaperBreadcrumb } from "@/features/papers/components/paper-breadcrumb";
import { PaperList } from "@/features/papers/components/paper-list";
import { listGroupPapers } from "@/features/papers/queries/paper-list";
import { zPage } from "@/lib/form-fields";
import { groupPapersPath, groupPath, newPaperPath } from "@/lib/paths";
import { getCurrentUser } from "@/server/auth/current-user";
import { loadOrRefuse } from "@/server/not-found";
import { pageParams } from "@/server/route-params";

export const metadata = { title: "Papers" };

export default async function GroupPapersPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ page?: string }>;
}) {
  const { slug } = await pageParams(params, { slug: "slug" });
  const result = await loadOrRefuse(
    listGroupPapers(await getCurrentUser(), slug, zPage.parse((await searchParams).page)),
  );
  if (!result.ok) {
    return (
      <RefusalPage title="Papers" next={{ href: groupPath(slug), label: "Back to the group" }}>
        {result.message}
      </RefusalPage>
    );
  }
  const { group, papers, total, page, pageCount, canStart } = result.data;
  const credit = await paperCredits(papers.map((p) => p.id));
  return (
    <div>
      <PaperBreadcrumb group={group} />
      <div className="mt-2">
        <PageHeader
          title={`Papers in ${group.name}`}
          intro={`${total} ${total === 1 ? "paper" : "papers"}. Each is written together: anyone in the group proposes changes, and the group votes them in.`}
          actions={
            canStart ? (
              <Link href={newPaperPath(group.slug)} className={buttonClass("primary")}>
                Start a paper
              </Link>
            ) : undefined
          }
        />
      </div>
      {papers.length === 0 ? (
        <p className="text-muted">No papers yet.</p>
      ) : (
        <PaperList groupSlug={group.slug} papers={papers} headingLevel={2} credit={credit} />
      )}
      <Pagination page={page} pageCount={pageCount} basePath={groupPapersPath(group.slug)} />
    </div>
  );
}
