import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/form/action-form";
import { Hidden } from "@/components/form/fields";
import { PageHeader } from "@/components/ui/page-header";
import { updateOrganisationAction } from "@/features/organisations/actions";
import { AdminList } from "@/features/organisations/components/admin-list";
import { InvitationsPanel } from "@/features/organisations/components/invitations-panel";
import { OrganisationFormFields } from "@/features/organisations/components/organisation-form-fields";
import { getOrganisationPage } from "@/features/organisations/queries";
import { organisationPath, organisationSettingsPath } from "@/lib/paths";
import { requirePageUser } from "@/server/auth/page-guard";
import { pageParams } from "@/server/route-params";

export const metadata = { title: "Organisation settings" };

export default async function OrganisationSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await pageParams(params, { slug: "slug" });
  const viewer = await requirePageUser(organisationSettingsPath(slug));
  const page = await getOrganisationPage(slug, viewer);
  if (!page?.can("organisation.update")) notFound();
  const { organisation } = page;
  return (
    <div className="mx-auto max-w-2xl">
      <Link href={organisationPath(organisation.slug)} className="text-sm font-medium text-accent underline">
        ← <bdi>{organisation.name}</bdi>
      </Link>
      <PageHeader title="Organisation settings" intro="Only the organisation's admins can see this page." />
      <section aria-labelledby="details-heading">
        <h2 id="details-heading" className="mb-3 text-xl font-semibold">
          Details
        </h2>
        <ActionForm action={updateOrganisationAction} submitLabel="Save details" ariaLabel="Organisation details">
          <Hidden name="organisationId" value={organisation.id} />
          <Hidden name="slug" value={organisation.slug} />
          <OrganisationFormFields defaults={organisation} />
        </ActionForm>
      </section>
      <section aria-labelledby="admins-heading" className="mt-10">
        <h2 id="admins-heading" className="mb-1 text-xl font-semibold">
          Admins
        </h2>
        <p className="mb-3 text-sm text-muted">
          An organisation always keeps at least one admin
          {page.admins.length === 1 ? ": invite another before you can leave" : ""}.
        </p>
        <AdminList
          organisation={organisation}
          admins={page.admins}
          viewerId={viewer.id}
          manage={page.can("organisation.manageAdmins")}
        />
      </section>
      {page.can("organisation.manageAdmins") ? (
        <section aria-labelledby="invite-heading" className="mt-10">
          <h2 id="invite-heading" className="mb-3 text-xl font-semibold">
            Invite an admin
          </h2>
          <InvitationsPanel organisation={organisation} pending={page.pendingInvitations} />
        </section>
      ) : null}
    </div>
  );
}
