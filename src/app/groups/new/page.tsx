import { ActionForm } from "@/components/form/action-form";
import { PageHeader } from "@/components/ui/page-header";
import { createGroupAction } from "@/features/groups/actions";
import { GroupFormFields } from "@/features/groups/components/group-form-fields";
import { requirePageUser } from "@/server/auth/page-guard";

export const metadata = { title: "Start a group" };

export default async function NewGroupPage() {
  await requirePageUser("/groups/new");
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader
        title="Start a topic group"
        intro="You will be its first owner. You can invite moderators once people have joined."
      />
      <ActionForm
        action={createGroupAction}
        submitLabel="Create group"
        pendingLabel="Creating…"
        ariaLabel="Start a group"
      >
        <GroupFormFields withSlug />
      </ActionForm>
    </div>
  );
}
