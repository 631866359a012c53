import { notFound } from "next/navigation";
import { ActionForm } from "@/components/form/action-form";
import { Hidden } from "@/components/form/fields";
import { PageHeader } from "@/components/ui/page-header";
import { InvitationGroupSection } from "@/features/commissions/components/invitation-group-section";
import { updateGroupAction } from "@/features/groups/actions";
import { GroupBackLink } from "@/features/groups/components/group-back-link";
import { GroupFormFields } from "@/features/groups/components/group-form-fields";
import { getGroupPage } from "@/features/groups/queries";
import { getModerationSettings } from "@/features/moderation/queries/rights";
import { zPage } from "@/lib/form-fields";
import { groupSettingsPath } from "@/lib/paths";
import { requirePageUser } from "@/server/auth/page-guard";
import { pageParams } from "@/server/route-params";

export const metadata = { title: "Group settings" };

export default async function GroupSettingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ page?: string }>;
}) {
  const { slug } = await pageParams(params, { slug: "slug" });
  const viewer = await requirePageUser(groupSettingsPath(slug));
  const page = await getGroupPage(slug, viewer);
  if (!page?.can("group.update")) notFound();
  const { group } = page;
  const { autoHideReportThreshold } = await getModerationSettings(group.id);
  return (
    <div className="mx-auto max-w-2xl">
      <GroupBackLink group={group} />
      <PageHeader title="Group settings" intro="Only owners can change these." />
      <ActionForm action={updateGroupAction} submitLabel="Save settings" ariaLabel="Group settings">
        <Hidden name="groupId" value={group.id} />
        <Hidden name="slug" value={group.slug} />
        <GroupFormFields
          withSlug={false}
          withAutoHide
          defaults={{
            name: group.name,
            description: group.description,
            joinPolicy: group.joinPolicy,
            sector: group.sector,
            autoHideReportThreshold,
          }}
        />
      </ActionForm>
      {page.can("invitations.revoke") ? (
        <InvitationGroupSection viewer={viewer} group={group} page={zPage.parse((await searchParams).page)} />
      ) : null}
    </div>
  );
}
