import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { GroupBackLink } from "@/features/groups/components/group-back-link";
import { getGroupPage } from "@/features/groups/queries";
import { ModerationLogList } from "@/features/moderation/components/moderation-log";
import { getModerationLog } from "@/features/moderation/queries/log";
import { zPage } from "@/lib/form-fields";
import { groupLogPath } from "@/lib/paths";
import { getCurrentUser } from "@/server/auth/current-user";
import { MEMBERS_ONLY } from "@/server/authz/refusals";
import { pageParams } from "@/server/route-params";

export const metadata = { title: "Moderation log" };

export default async function GroupModerationLogPage({
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
  const { group } = page;
  const back = <GroupBackLink group={group} />;
  if (!page.canRead) {
    return (
      <div>
        {back}
        <PageHeader title="Moderation in the open" intro={MEMBERS_ONLY.log} />
      </div>
    );
  }
  const log = await getModerationLog(viewer, group.id, zPage.parse((await searchParams).page));
  return (
    <div>
      {back}
      <PageHeader
        title="Moderation in the open"
        intro={
          <>
            <p>
              Every action this group’s moderators take: who, what, when and why. The text of hidden and removed posts
              is never shown here.
            </p>
            <p className="mt-2">
              {log.autoHideReportThreshold
                ? `A post is hidden pending review once ${log.autoHideReportThreshold} different members report it; who reported it is not shown.`
                : "Reported posts stay up until a moderator acts."}
            </p>
          </>
        }
      />
      <ModerationLogList entries={log.entries} />
      <Pagination page={log.page} pageCount={log.pageCount} basePath={groupLogPath(group.slug)} />
    </div>
  );
}
