import { Pagination } from "@/components/ui/pagination";
import { groupSettingsPath } from "@/lib/paths";
import type { Actor } from "@/server/authz/permissions";
import { getGroupInvitations } from "../queries/invitations";
import { InvitationLinkList } from "./invitation-link-list";

/**
 * On the group's settings page: the links organisations made into this group. The owners can
 * revoke any of them; the group, not the organisation, decides who belongs.
 */
export async function InvitationGroupSection({
  viewer,
  group,
  page,
}: {
  viewer: Actor;
  group: { id: string; slug: string };
  page: number;
}) {
  const data = await getGroupInvitations(viewer, group.id, page);
  const from = groupSettingsPath(group.slug);
  return (
    <section aria-labelledby="invitation-links" className="mt-10">
      <h2 id="invitation-links" className="text-xl font-bold">
        Invitation links
      </h2>
      <p className="mt-1 mb-4 text-muted">
        Links organisations made to invite people to this group for a commission it took on. Revoke any you do not want.
      </p>
      <InvitationLinkList
        links={data.links}
        from={from}
        showGroup={false}
        empty="No organisation has made an invitation link to this group."
      />
      <Pagination page={data.page} pageCount={data.pageCount} basePath={from} params={{}} />
    </section>
  );
}
