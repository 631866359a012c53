import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { PaperBreadcrumb } from "@/features/papers/components/paper-breadcrumb";
import { ProvenanceView } from "@/features/papers/components/provenance-view";
import { getPublishedSectionProvenance } from "@/features/publishing/queries/publication-page";
import { formatDate } from "@/lib/dates";
import { publicationPath } from "@/lib/paths";
import { orNotFound } from "@/server/not-found";
import { pageParams } from "@/server/route-params";

type Params = { params: Promise<{ slug: string; paper: string; version: string; anchor: string }> };

/** The published section, for the metadata and the page alike; 404 for an unknown one. */
async function loadSection(params: Params["params"]) {
  const { slug, paper, version, anchor } = await pageParams(params, {
    slug: "slug",
    paper: "slug",
    version: "version",
    anchor: "slug",
  });
  return orNotFound(getPublishedSectionProvenance(slug, paper, version, anchor));
}

export async function generateMetadata({ params }: Params) {
  const { provenance, publication } = await loadSection(params);
  return {
    title: `How “${provenance.section.heading}” was decided (version ${publication.version})`,
    robots: { index: false },
  };
}

/** Public: for readers of a published version, who wrote each passage of a section and how members voted on it. */
export default async function PublishedSectionProvenancePage({ params }: Params) {
  const { provenance, publication } = await loadSection(params);
  const { group, paper: p, section } = provenance;
  const back = publicationPath(group.slug, p.slug, publication.version);
  return (
    <div>
      <PaperBreadcrumb group={group} />
      <div className="mt-2">
        <PageHeader
          title={`How “${section.heading}” was decided`}
          intro={
            <>
              <p>
                The section as published in version {publication.version} of “<bdi>{publication.title}</bdi>” (
                {formatDate(publication.publishedAt)}), passage by passage: the first draft, proposal or editorial fix
                that wrote each passage, who made it, and how members voted.
              </p>
              <p className="mt-2">
                <Link href={`${back}#${section.anchor}`} className="font-medium text-accent underline">
                  Back to the section in version {publication.version}
                </Link>
              </p>
            </>
          }
        />
      </div>
      <ProvenanceView data={provenance} />
    </div>
  );
}
