import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { OrganisationName } from "@/components/ui/organisation-name";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { OrganisationCard } from "@/features/organisations/components/organisation-card";
import { listMyInvitations, listMyOrganisations, listOrganisations } from "@/features/organisations/queries";
import { ZOrganisationListQuery } from "@/features/organisations/schemas";
import { invitationPath, organisationSettingsPath } from "@/lib/paths";
import { getCurrentUser } from "@/server/auth/current-user";

export const metadata = { title: "Organisations" };

export default async function OrganisationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const viewer = await getCurrentUser();
  const query = await searchParams;
  const { page } = ZOrganisationListQuery.parse(query);
  const [result, mine, invitations] = await Promise.all([
    listOrganisations({ page }),
    listMyOrganisations(viewer),
    listMyInvitations(viewer),
  ]);
  return (
    <div>
      <PageHeader
        title="Organisations"
        intro="Charities, public bodies and social enterprises bring questions to the groups here. The groups decide whether to take them on, and write the reports independently."
        actions={
          viewer ? (
            <Link href="/organisations/new" className={buttonClass("primary")}>
              Register an organisation
            </Link>
          ) : null
        }
      />
      {query.declined ? (
        <p role="status" className="mb-6 rounded-md border border-line bg-white px-4 py-3">
          You declined the invitation.
        </p>
      ) : null}
      {invitations.length > 0 ? (
        <section
          aria-labelledby="invitations-heading"
          className="mb-8 rounded-lg border border-accent bg-accent-soft p-5"
        >
          <h2 id="invitations-heading" className="text-lg font-semibold">
            Invitations for you
          </h2>
          <ul className="mt-2 space-y-1">
            {invitations.map((i) => (
              <li key={i.id}>
                <Link href={invitationPath(i.id)} className="font-medium text-accent-dark underline">
                  Become an admin of {i.organisation.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {mine.length > 0 ? (
        <section aria-labelledby="mine-heading" className="mb-8">
          <h2 id="mine-heading" className="text-lg font-semibold">
            Your organisations
          </h2>
          <ul className="mt-2 space-y-1">
            {mine.map((o) => (
              <li key={o.id} className="flex flex-wrap items-center gap-x-3">
                <OrganisationName slug={o.slug} name={o.name} verified={o.verified} />
                <Link href={organisationSettingsPath(o.slug)} className="text-sm text-muted underline">
                  Settings
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2 className="sr-only">All organisations</h2>
      <p className="mb-4 text-sm text-muted" role="status">
        {result.total === 0
          ? "No organisations yet."
          : `${result.total} organisation${result.total === 1 ? "" : "s"}, verified ones first`}
      </p>
      <ul className="grid gap-4 sm:grid-cols-2">
        {result.organisations.map((o) => (
          <li key={o.id}>
            <OrganisationCard organisation={o} />
          </li>
        ))}
      </ul>
      <Pagination page={result.page} pageCount={result.pageCount} basePath="/organisations" />
    </div>
  );
}
