import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass } from "@/components/ui/button-class";
import { Pagination } from "@/components/ui/pagination";
import { VerifiedBadge } from "@/components/ui/verified-badge";
import { VerifyForm } from "@/features/organisations/components/verify-form";
import { getOrganisationPage } from "@/features/organisations/queries";
import { ORGANISATION_KIND_LABELS } from "@/features/organisations/schemas";
import { formatDate } from "@/lib/dates";
import { zPage } from "@/lib/form-fields";
import { commissionPath, newCommissionPath, organisationPath, organisationSettingsPath, personPath } from "@/lib/paths";
import { getCurrentUser } from "@/server/auth/current-user";
import { pageParams } from "@/server/route-params";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await pageParams(params, { slug: "slug" });
  const page = await getOrganisationPage(slug, null);
  return {
    title: page?.organisation.name ?? "Organisation not found",
    description: page?.organisation.description.slice(0, 160),
  };
}

const FLASH: Record<string, string> = {
  created: "Your organisation is registered. You are its admin.",
  joined: "You are now an admin of this organisation.",
  left: "You are no longer an admin of this organisation.",
};

export default async function OrganisationPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { slug } = await pageParams(params, { slug: "slug" });
  const query = await searchParams;
  const viewer = await getCurrentUser();
  const page = await getOrganisationPage(slug, viewer, { commissionPage: zPage.parse(query.page) });
  if (!page) notFound();
  const { organisation, admins, commissions } = page;
  const flash = Object.keys(FLASH).find((key) => query[key]);
  return (
    <div>
      {flash ? (
        <p role="status" className="mb-6 rounded-md border border-accent bg-accent-soft px-4 py-3">
          {FLASH[flash]}
        </p>
      ) : null}
      <div className="grid gap-8 md:grid-cols-[1fr_18rem]">
        <div className="min-w-0">
          <p className="text-sm font-medium text-muted">{ORGANISATION_KIND_LABELS[organisation.kind]}</p>
          <h1 className="mt-1 text-3xl font-bold tracking-tight break-words">{organisation.name}</h1>
          <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
            {organisation.verifiedAt ? (
              <>
                <VerifiedBadge />
                <span className="text-muted">
                  Checked by the site&apos;s admins on {formatDate(organisation.verifiedAt)}
                </span>
              </>
            ) : (
              <span className="text-muted">Not verified</span>
            )}
          </p>
          {organisation.website ? (
            <p className="mt-3 text-sm">
              <a href={organisation.website} rel="nofollow ugc noopener" className="break-all text-accent underline">
                {organisation.website}
              </a>
            </p>
          ) : null}
          {organisation.description ? (
            <div
              className="post-body mt-4 max-w-prose"
              // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by rehype-sanitize when it was rendered (renderedHtmlOf, src/server/markdown/)
              dangerouslySetInnerHTML={{ __html: organisation.descriptionHtml }}
            />
          ) : null}

          <section aria-labelledby="commissions-heading" className="mt-8">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <h2 id="commissions-heading" className="text-xl font-semibold">
                Commissions
              </h2>
              {page.can("commission.create") ? (
                <Link href={newCommissionPath(organisation.slug)} className={buttonClass("primary")}>
                  New commission
                </Link>
              ) : null}
            </div>
            {commissions.length === 0 ? (
              <p className="mt-2 text-muted">No commissions yet.</p>
            ) : (
              <ul className="mt-3 divide-y divide-line rounded-lg border border-line bg-white">
                {commissions.map((c) => (
                  <li key={c.id} className="px-4 py-3">
                    <Link href={commissionPath(c.id)} className="font-medium text-accent underline">
                      {c.title}
                    </Link>
                    <p className="text-sm text-muted">
                      Deadline {formatDate(c.deadlineAt)} · posted to {c.postingCount} group
                      {c.postingCount === 1 ? "" : "s"}
                    </p>
                  </li>
                ))}
              </ul>
            )}
            <Pagination
              page={page.commissionPage}
              pageCount={page.commissionPageCount}
              basePath={organisationPath(organisation.slug)}
            />
          </section>
        </div>

        <aside className="space-y-4" aria-label="About this organisation">
          <section aria-labelledby="admins-heading" className="rounded-lg border border-line bg-white p-5">
            <h2 id="admins-heading" className="text-lg font-semibold">
              Admins
            </h2>
            <ul className="mt-2 space-y-1 text-sm">
              {admins.map((a) => (
                <li key={a.userId}>
                  <Link href={personPath(a.handle)} className="text-accent underline">
                    {a.displayName}
                  </Link>
                </li>
              ))}
            </ul>
            <p className="mt-3 text-sm text-muted">
              Admins speak for the organisation. In the groups they have no more say than any other member.
            </p>
            {page.can("organisation.update") ? (
              <Link href={organisationSettingsPath(organisation.slug)} className={`${buttonClass("secondary")} mt-3`}>
                Settings and admins
              </Link>
            ) : null}
          </section>
          {page.canVerify ? <VerifyForm organisation={organisation} /> : null}
        </aside>
      </div>
    </div>
  );
}
