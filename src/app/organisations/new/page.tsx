import { ActionForm } from "@/components/form/action-form";
import { PageHeader } from "@/components/ui/page-header";
import { createOrganisationAction } from "@/features/organisations/actions";
import { OrganisationFormFields } from "@/features/organisations/components/organisation-form-fields";
import { requirePageUser } from "@/server/auth/page-guard";

export const metadata = { title: "Register an organisation" };

export default async function NewOrganisationPage() {
  await requirePageUser("/organisations/new");
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader
        title="Register an organisation"
        intro="You will be its first admin and can invite colleagues. The site's admins may mark it as verified once they have checked who you are."
      />
      <ActionForm
        action={createOrganisationAction}
        submitLabel="Register organisation"
        pendingLabel="Registering…"
        ariaLabel="Register an organisation"
      >
        <OrganisationFormFields />
      </ActionForm>
    </div>
  );
}
