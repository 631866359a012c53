import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { GroupBackLink } from "@/features/groups/components/group-back-link";
import { getGroupPage } from "@/features/groups/queries";
import { ReviewQueueItem } from "@/features/moderation/components/review-queue";
import { LiftSuspensionForm } from "@/features/moderation/components/suspend-member-form";
import { getReviewQueue } from "@/features/moderation/queries/review-queue";
import { getModerationSettings } from "@/features/moderation/queries/rights";
import { listSuspensions } from "@/features/moderation/queries/suspensions";
import { QUEUE_OUTCOMES } from "@/features/moderation/schemas";
import { formatDate } from "@/lib/dates";
import { zPage } from "@/lib/form-fields";
import { groupLogPath, groupModerationPath, groupSettingsPath, personPath } from "@/lib/paths";
import { requirePageUser } from "@/server/auth/page-guard";
import { pageParams } from "@/server/route-params";

export const metadata = { title: "Review queue" };

export default async function GroupModerationPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ page?: string; done?: string }>;
}) {
  const { slug } = await pageParams(params, { slug: "slug" });
  const viewer = await requirePageUser(groupModerationPath(slug));
  const page = await getGroupPage(slug, viewer);
  if (!page?.can("moderation.viewQueue")) notFound();
  const { group, can } = page;
  const query = await searchParams;
  const pageNumber = zPage.parse(query.page);
  const done =
    query.done && Object.hasOwn(QUEUE_OUTCOMES, query.done)
      ? QUEUE_OUTCOMES[query.done as keyof typeof QUEUE_OUTCOMES]
      : null;
  const [queue, suspensions, settings] = await Promise.all([
    getReviewQueue(viewer, group.id, pageNumber),
    can("moderation.suspendMember") ? listSuspensions(viewer, group.id) : Promise.resolve([]),
    getModerationSettings(group.id),
  ]);
  return (
    <div>
      <GroupBackLink group={group} />
      <PageHeader
        title="Review queue"
        intro={
          <>
            <p>
              Reported posts, the longest-waiting first. Every action is recorded with your reason in the{" "}
              <Link href={groupLogPath(group.slug)} className="text-accent underline">
                moderation log
              </Link>
              , which members can read.
            </p>
            <p className="mt-2">
              {settings.autoHideReportThreshold
                ? `A post is hidden pending review once ${settings.autoHideReportThreshold} different members report it.`
                : "Reported posts stay up until a moderator acts."}{" "}
              {can("group.update") ? (
                <Link href={groupSettingsPath(group.slug)} className="text-accent underline">
                  Change this in the settings.
                </Link>
              ) : null}
            </p>
          </>
        }
      />
      {done ? (
        <p
          role="status"
          className="mb-4 rounded-md border border-accent bg-accent-soft px-4 py-3 text-sm text-accent-dark"
        >
          {done}
        </p>
      ) : null}
      <section aria-label="Reported posts">
        {queue.items.length === 0 ? (
          <p className="rounded-lg border border-line bg-white p-5 text-muted">Nothing is waiting for review.</p>
        ) : (
          <div className="space-y-4">
            <p className="text-sm text-muted">
              {queue.total} reported post{queue.total === 1 ? "" : "s"} waiting.
            </p>
            {queue.items.map((item) => (
              <ReviewQueueItem key={item.postId} item={item} />
            ))}
          </div>
        )}
        <Pagination page={queue.page} pageCount={queue.pageCount} basePath={groupModerationPath(group.slug)} />
      </section>
      {can("moderation.suspendMember") ? (
        <section aria-labelledby="suspensions-heading" className="mt-10">
          <h2 id="suspensions-heading" className="mb-3 text-xl font-semibold">
            Suspensions in force
          </h2>
          {suspensions.length === 0 ? (
            <p className="text-muted">No one is suspended. Suspend a member from the members page.</p>
          ) : (
            <ul className="divide-y divide-line rounded-lg border border-line bg-white">
              {suspensions.map((s) => (
                <li key={s.userId} className="flex flex-wrap items-start justify-between gap-3 px-4 py-3">
                  <div className="min-w-0">
                    {s.person ? (
                      <Link href={personPath(s.person.handle)} className="font-medium text-accent underline">
                        {s.person.displayName}
                      </Link>
                    ) : (
                      <span className="font-medium">A former member</span>
                    )}
                    <p className="text-sm text-muted">
                      Until {formatDate(s.until)}
                      {s.isMember ? "" : " · left the group, and cannot rejoin until then"}
                    </p>
                    {s.reason ? <p className="mt-1 text-sm">{s.reason}</p> : null}
                  </div>
                  <LiftSuspensionForm
                    groupId={group.id}
                    userId={s.userId}
                    displayName={s.person?.displayName ?? "this person"}
                  />
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
