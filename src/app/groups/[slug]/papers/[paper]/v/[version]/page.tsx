import type { Metadata } from "next";
import Link from "next/link";
import { ParticipationPanel } from "@/components/ui/participation-panel";
import { CommissionResponses } from "@/features/commissions/components/commission-response";
import { CommissionDisclosure } from "@/features/commissions/components/independence-statement";
import { canRespondTo, listPublicationResponses } from "@/features/commissions/queries/responses";
import { PaperBreadcrumb } from "@/features/papers/components/paper-breadcrumb";
import { collectiveAuthor, LICENCE_NAME, LICENCE_URL, SITE_NAME } from "@/features/publishing/components/citation";
import { CiteBlock } from "@/features/publishing/components/cite-block";
import { ContributorsList } from "@/features/publishing/components/contributors-list";
import { PublicationDownloads } from "@/features/publishing/components/download-list";
import { PublishedSectionView } from "@/features/publishing/components/published-section";
import { VersionList } from "@/features/publishing/components/version-list";
import { getPublicationPage } from "@/features/publishing/queries/publication-page";
import { formatDate } from "@/lib/dates";
import { paperPath, publicationDownloadPath, publicationPath, publishedSectionPath } from "@/lib/paths";
import { getCurrentUser } from "@/server/auth/current-user";
import { orNotFound } from "@/server/not-found";
import { offerToPageCache } from "@/server/page-cache/offer";
import { paperTag } from "@/server/page-cache/tags";
import { pageParams } from "@/server/route-params";
import { siteOrigin } from "@/server/site-origin";

type Params = { params: Promise<{ slug: string; paper: string; version: string }> };

const ymd = (d: Date, sep: string) => d.toISOString().slice(0, 10).replaceAll("-", sep);

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug, paper, version } = await pageParams(params, { slug: "slug", paper: "slug", version: "version" });
  const { publication: p } = await orNotFound(getPublicationPage(slug, paper, version));
  const origin = await siteOrigin();
  const url = origin + publicationPath(p.paper.group.slug, p.paper.slug, p.version);
  const title = `${p.title} (version ${p.version})`;
  const description = p.question.slice(0, 200);
  return {
    title,
    description,
    alternates: { canonical: url },
    openGraph: {
      type: "article",
      title,
      description,
      url,
      siteName: SITE_NAME,
      publishedTime: p.publishedAt.toISOString(),
      authors: [collectiveAuthor(p.paper.group.name)],
    },
    // Highwire Press tags, read by Google Scholar and reference managers.
    other: {
      citation_title: p.title,
      citation_author: collectiveAuthor(p.paper.group.name),
      citation_publication_date: ymd(p.publishedAt, "/"),
      citation_public_url: url,
      citation_pdf_url: origin + publicationDownloadPath(p.paper.group.slug, p.paper.slug, p.version, "pdf"),
    },
  };
}

export default async function PublishedVersionPage({ params }: Params) {
  const { slug, paper, version } = await pageParams(params, { slug: "slug", paper: "slug", version: "version" });
  const {
    publication: p,
    sectionHtml,
    versions,
    latest,
    newer,
    commission,
  } = await orNotFound(getPublicationPage(slug, paper, version));
  const group = p.paper.group;
  const origin = await siteOrigin();
  const here = publicationPath(group.slug, p.paper.slug, p.version);
  // Responses are read outside the publication's cache: one may be posted at any time after publication.
  const responses = commission ? await listPublicationResponses(p.id) : [];
  const viewer = await getCurrentUser();
  const mayRespond = commission ? await canRespondTo(viewer, p.id, responses) : false;
  await offerToPageCache(viewer, [paperTag(p.paper.id)]);

  return (
    <div>
      <PaperBreadcrumb group={group} />
      {newer ? (
        <p role="status" className="mt-4 rounded-md border border-amber-700 border-l-4 bg-warn-soft px-4 py-3">
          <strong>A newer version exists.</strong> This is version {p.version}; the latest is{" "}
          <Link href={publicationPath(group.slug, p.paper.slug, latest)} className="font-medium underline">
            version {latest}
          </Link>
          .
        </p>
      ) : null}

      <header className="mt-4">
        <p className="text-sm font-medium text-muted">
          Published policy paper · {group.name} · <span className="font-semibold text-ink">Version {p.version}</span>,
          published {formatDate(p.publishedAt)}
        </p>
        <h1 className="mt-2 text-3xl font-bold tracking-tight break-words">{p.title}</h1>
        <p className="mt-3 max-w-prose text-lg">
          <span className="font-semibold">The question: </span>
          {p.question}
        </p>
        <p className="mt-3 max-w-prose whitespace-pre-line">{p.summary}</p>
        {commission ? (
          <CommissionDisclosure
            credit={commission.credit}
            disclosureHtml={commission.disclosureHtml}
            hasResponse={responses.length > 0}
          />
        ) : null}
        {p.correctionNote ? (
          <div className="mt-4 max-w-prose rounded-md border border-line border-l-4 border-l-sky-700 bg-white px-4 py-3">
            <h2 className="text-sm font-semibold">What changed since version {p.version - 1}</h2>
            <p className="mt-1 whitespace-pre-line break-words">{p.correctionNote}</p>
          </div>
        ) : null}
        <p className="mt-4 text-sm">
          Licence:{" "}
          <a href={LICENCE_URL} rel="license" className="font-medium text-accent underline">
            {LICENCE_NAME}
          </a>
          . You may share and adapt it if you credit {group.name} and link here.
        </p>
      </header>

      <div className="mt-8 grid gap-8 lg:grid-cols-[minmax(0,1fr)_19rem]">
        <div className="min-w-0 space-y-10">
          {p.sections.length === 0 ? <p className="text-muted">This version has no sections.</p> : null}
          {p.sections.map((s, i) => (
            <PublishedSectionView
              key={s.id}
              section={s}
              html={sectionHtml[i]}
              provenanceHref={publishedSectionPath(group.slug, p.paper.slug, p.version, s.anchor)}
            />
          ))}
          {commission ? (
            <CommissionResponses
              organisationName={commission.credit.organisation.name}
              responses={responses}
              respondHref={mayRespond ? `${here}/respond` : null}
            />
          ) : null}
          <ContributorsList contributors={p.contributors} commissionedBy={commission?.credit.organisation.name} />
          <ParticipationPanel participation={p.participation} />
        </div>
        <aside aria-label="About this version" className="min-w-0 space-y-4">
          {/* The download routes and their buttons are the exports' (components/download-*). */}
          <PublicationDownloads groupSlug={group.slug} paperSlug={p.paper.slug} version={p.version} />
          <CiteBlock
            facts={{
              groupName: group.name,
              title: p.title,
              version: p.version,
              publishedAt: p.publishedAt,
              url: origin + here,
            }}
            citeKey={`${p.paper.slug.slice(0, 40)}-v${p.version}`}
          />
          <section aria-labelledby="versions-heading" className="rounded-lg border border-line bg-white p-4">
            <h2 id="versions-heading" className="text-lg font-semibold">
              All versions
            </h2>
            <div className="mt-2">
              <VersionList groupSlug={group.slug} paperSlug={p.paper.slug} versions={versions} current={p.version} />
            </div>
            <p className="mt-3 text-sm">
              <Link href={paperPath(group.slug, p.paper.slug)} className="font-medium text-accent underline">
                The working draft
              </Link>
              <span className="text-muted"> (members of {group.name} may still be changing it)</span>
            </p>
          </section>
        </aside>
      </div>
    </div>
  );
}
