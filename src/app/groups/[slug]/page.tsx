import Link from "next/link";
import { notFound } from "next/navigation";
import { leaveGroupAction } from "@/app/actions/memberships";
import { Card } from "@/components/ui/card";
import { Refusal } from "@/components/ui/refusal";
import { paperCredits } from "@/features/commissions/components/paper-credits";
import { GroupDiscussions } from "@/features/discussions/components/group-discussions";
import { ZThreadListQuery } from "@/features/discussions/schemas";
import { MembershipPanel } from "@/features/groups/components/membership-panel";
import { PerspectiveCountsPanel } from "@/features/groups/components/perspective-counts";
import { getGroupPage } from "@/features/groups/queries";
import { GroupPapers } from "@/features/papers/components/group-papers";
import { latestGroupPapers } from "@/features/papers/queries/paper-list";
import { WaitingForVote } from "@/features/proposals/components/waiting-for-vote";
import { waitingForVote } from "@/features/proposals/queries/waiting-for-vote";
import {
  groupFeedPath,
  groupLogPath,
  groupMembersPath,
  groupModerationPath,
  groupSettingsPath,
  personPath,
  waitingVotesPath,
} from "@/lib/paths";
import { safeReturnPath } from "@/lib/return-path";
import { getCurrentUser } from "@/server/auth/current-user";
import { MEMBERS_ONLY } from "@/server/authz/refusals";
import { offerToPageCache } from "@/server/page-cache/offer";
import { ANY_PAPER, ANY_THREAD } from "@/server/page-cache/tags";
import { pageParams } from "@/server/route-params";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await pageParams(params, { slug: "slug" });
  const page = await getGroupPage(slug, null);
  return {
    title: page?.group.name ?? "Group not found",
    description: page?.group.description.slice(0, 160),
    alternates: page
      ? {
          types: {
            "application/atom+xml": [
              { url: groupFeedPath(page.group.slug), title: `${page.group.name}: new publications` },
            ],
          },
        }
      : undefined,
  };
}

export default async function GroupPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { slug } = await pageParams(params, { slug: "slug" });
  const viewer = await getCurrentUser();
  const page = await getGroupPage(slug, viewer);
  if (!page) notFound();
  const { group, counts, stewards, membership, can, pendingCount } = page;
  const query = await searchParams;
  const { created } = query;
  // Set when a member deleted the only post of a thread, which took the thread with it.
  const threadDeleted = query["thread-deleted"] === "1";
  // Sent here to join from a proposal or a thread: only a path on this site, or nothing.
  const returnTo = safeReturnPath(query.returnTo, "") || undefined;
  const { sort, page: threadPage } = ZThreadListQuery.parse(query);
  // The latest papers, with who commissioned them composed in here (papers know nothing of commissions).
  const latest = page.canRead ? await latestGroupPapers(viewer, group.id) : null;
  const credit = latest ? await paperCredits(latest.papers.map((p) => p.id)) : undefined;
  // Members only, so never on the signed-out page the page cache keeps.
  const waiting =
    viewer && membership?.status === "ACTIVE" ? await waitingForVote(viewer, { groupId: group.id }) : null;
  if (page.canRead) await offerToPageCache(viewer, [ANY_THREAD, ANY_PAPER]);
  return (
    <div>
      {created ? (
        <p role="status" className="mb-6 rounded-md border border-accent bg-accent-soft px-4 py-3">
          Your group is ready. You are its owner.
        </p>
      ) : null}
      {threadDeleted ? (
        <p role="status" className="mb-6 rounded-md border border-accent bg-accent-soft px-4 py-3">
          Your post is deleted. Nobody had replied to it, so its thread is deleted too.
        </p>
      ) : null}
      <div className="grid gap-8 md:grid-cols-[1fr_18rem]">
        <div className="min-w-0">
          <p className="text-sm font-medium text-muted">
            {group.joinPolicy === "OPEN" ? "Open group" : "Members join by approval"}
          </p>
          <h1 className="mt-1 text-3xl font-bold tracking-tight">{group.name}</h1>
          <p className="mt-4 max-w-prose whitespace-pre-line">{group.description}</p>
          <nav aria-label="Group" className="mt-6 flex flex-wrap gap-2">
            <Link
              href={groupMembersPath(group.slug)}
              className="rounded-md border border-line bg-white px-3 py-2 text-sm font-medium hover:bg-accent-soft"
            >
              Members{pendingCount > 0 ? ` (${pendingCount} waiting)` : ""}
            </Link>
            {page.canRead ? (
              <Link
                href={groupLogPath(group.slug)}
                className="rounded-md border border-line bg-white px-3 py-2 text-sm font-medium hover:bg-accent-soft"
              >
                Moderation log
              </Link>
            ) : null}
            {can("moderation.viewQueue") ? (
              <Link
                href={groupModerationPath(group.slug)}
                className="rounded-md border border-line bg-white px-3 py-2 text-sm font-medium hover:bg-accent-soft"
              >
                Review queue{page.openReports > 0 ? ` (${page.openReports} open)` : ""}
              </Link>
            ) : null}
            {can("group.update") ? (
              <Link
                href={groupSettingsPath(group.slug)}
                className="rounded-md border border-line bg-white px-3 py-2 text-sm font-medium hover:bg-accent-soft"
              >
                Settings
              </Link>
            ) : null}
          </nav>
          {waiting ? (
            <div className="mt-6">
              <WaitingForVote
                items={waiting.items}
                total={waiting.total}
                seeAllHref={waitingVotesPath(group.slug)}
                showGroup={false}
              />
            </div>
          ) : null}
          {latest ? <GroupPapers group={group} latest={latest} credit={credit} /> : null}
          {page.canRead ? (
            <GroupDiscussions
              viewer={viewer}
              group={group}
              sort={sort}
              page={threadPage}
              canStart={can("thread.create")}
            />
          ) : (
            <Refusal className="mt-6 text-sm">{MEMBERS_ONLY.group}</Refusal>
          )}
        </div>
        <aside className="space-y-4" aria-label="About this group">
          <Card>
            <MembershipPanel
              group={group}
              membership={membership}
              signedIn={!!viewer}
              returnTo={returnTo}
              leaveAction={leaveGroupAction}
            />
          </Card>
          <PerspectiveCountsPanel counts={counts} memberCount={group.memberCount} />
          <section aria-labelledby="stewards-heading" className="rounded-lg border border-line bg-white p-5">
            <h2 id="stewards-heading" className="text-lg font-semibold">
              Owners and moderators
            </h2>
            <ul className="mt-2 space-y-1 text-sm">
              {stewards.map((s) => (
                <li key={s.handle}>
                  <Link href={personPath(s.handle)} className="text-accent underline">
                    {s.displayName}
                  </Link>{" "}
                  <span className="text-muted">{s.role === "OWNER" ? "owner" : "moderator"}</span>
                </li>
              ))}
            </ul>
          </section>
        </aside>
      </div>
    </div>
  );
}
