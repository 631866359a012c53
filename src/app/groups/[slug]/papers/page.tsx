import Link from "next/link";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/server/auth/current-user";
import { isAppError } from "@/server/errors";
import { pageParams } from "@/server/route-params";
import { listGroupPapers } from "@/features/papers/queries/paper-list";
import { PaperBreadcrumb } from "@/features/papers/components/paper-breadcrumb";
import { PaperList } from "@/features/papers/components/paper-list";
import { paperCredits } from "@/features/commissions/components/paper-credits";
import { buttonClass } from "@/components/ui/button-class";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { zPage } from "@/lib/form-fields";
import { groupPapersPath, groupPath, newPaperPath } from "@/lib/paths";

export const metadata = { title: "Papers" };

async function load(slug: string, page: number) {
  try {
    return { ok: true as const, list: await listGroupPapers(await getCurrentUser(), slug, page) };
  } catch (error) {
    if (isAppError(error) && error.code === "FORBIDDEN") return { ok: false as const, message: error.message };
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export default async function GroupPapersPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: string }> }) {
  const { slug } = await pageParams(params, { slug: "slug" });
  const result = await load(slug, zPage.parse((await searchParams).page));
  if (!result.ok) {
    return (
      <div>
        <PageHeader title="Papers" intro={result.message} />
        <Link href={groupPath(slug)} className="font-medium text-accent underline">Back to the group</Link>
      </div>
    );
  }
  const { group, papers, total, page, pageCount, canStart } = result.list;
  const credit = await paperCredits(papers.map((p) => p.id));
  return (
    <div>
      <PaperBreadcrumb group={group} />
      <div className="mt-2">
        <PageHeader
          title={`Papers in ${group.name}`}
          intro={`${total} ${total === 1 ? "paper" : "papers"}. Each is written together: anyone in the group proposes changes, and the group votes them in.`}
          actions={canStart ? <Link href={newPaperPath(group.slug)} className={buttonClass("primary")}>Start a paper</Link> : undefined}
        />
      </div>
      {papers.length === 0 ? <p className="text-muted">No papers yet.</p> : <PaperList groupSlug={group.slug} papers={papers} headingLevel={2} credit={credit} />}
      <Pagination page={page} pageCount={pageCount} basePath={groupPapersPath(group.slug)} />
    </div>
  );
}
