import { notFound } from "next/navigation";
import { removeMemberAction } from "@/app/actions/memberships";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { GroupBackLink } from "@/features/groups/components/group-back-link";
import { MemberRow } from "@/features/groups/components/member-row";
import { PendingRequests } from "@/features/groups/components/pending-requests";
import { getGroupPage, listMembers, listPendingRequests } from "@/features/groups/queries";
import { SuspendMemberForm } from "@/features/moderation/components/suspend-member-form";
import { zPage } from "@/lib/form-fields";
import { groupMembersPath } from "@/lib/paths";
import { getCurrentUser } from "@/server/auth/current-user";
import { MEMBERS_ONLY } from "@/server/authz/refusals";
import { pageParams } from "@/server/route-params";

export const metadata = { title: "Members" };

export default async function GroupMembersPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ page?: string }>;
}) {
  const { slug } = await pageParams(params, { slug: "slug" });
  const viewer = await getCurrentUser();
  const page = await getGroupPage(slug, viewer);
  if (!page) notFound();
  const { group, can } = page;
  const back = <GroupBackLink group={group} />;
  if (!page.canRead) {
    return (
      <div>
        {back}
        <PageHeader title="Members" intro={MEMBERS_ONLY.members} />
      </div>
    );
  }
  const pageNumber = zPage.parse((await searchParams).page);
  const [members, pending] = await Promise.all([
    listMembers(viewer, group.id, pageNumber),
    can("members.approve") ? listPendingRequests(viewer, group.id) : Promise.resolve([]),
  ]);
  return (
    <div>
      {back}
      <PageHeader
        title={`Members of ${group.name}`}
        intro={`${members.total} member${members.total === 1 ? "" : "s"}.`}
      />
      {can("members.approve") ? <PendingRequests group={group} requests={pending} /> : null}
      <ul className="divide-y divide-line rounded-lg border border-line bg-white">
        {members.members.map((m) => (
          <MemberRow
            key={m.userId}
            group={group}
            member={m}
            canChangeRole={can("members.changeRole")}
            canRemove={can("members.remove") && m.userId !== viewer?.id}
            suspend={
              can("moderation.suspendMember") ? (
                <SuspendMemberForm groupId={group.id} userId={m.userId} displayName={m.displayName} />
              ) : undefined
            }
            removeAction={removeMemberAction}
          />
        ))}
      </ul>
      <Pagination page={members.page} pageCount={members.pageCount} basePath={groupMembersPath(group.slug)} />
    </div>
  );
}
