import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { WaitingList } from "@/features/proposals/components/waiting-for-vote";
import { WAITING_PAGE_SIZE, waitingForVote } from "@/features/proposals/queries/waiting-for-vote";
import { zPage } from "@/lib/form-fields";
import { groupPath, waitingVotesPath } from "@/lib/paths";
import { isParamOfShape } from "@/lib/route-params";
import { requirePageUser } from "@/server/auth/page-guard";

export const metadata = { title: "Waiting for your vote" };

export default async function WaitingVotesPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string; group?: string }>;
}) {
  const query = await searchParams;
  // A group that is not a slug names nothing: the whole list, rather than an error.
  const groupSlug =
    typeof query.group === "string" && isParamOfShape("slug", query.group) ? query.group.toLowerCase() : undefined;
  const user = await requirePageUser(waitingVotesPath(groupSlug));
  const page = zPage.parse(query.page);
  const now = new Date();
  const { items, total } = await waitingForVote(user, {
    groupSlug,
    limit: WAITING_PAGE_SIZE,
    offset: (page - 1) * WAITING_PAGE_SIZE,
    now,
  });
  const groupName = groupSlug ? items[0]?.groupName : undefined;
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader
        title="Waiting for your vote"
        intro={`Open proposals${groupName ? ` in ${groupName}` : " in your groups"} that you may vote on and have not, soonest closing first.`}
      />
      {groupSlug ? (
        <p className="mb-4 text-sm">
          <Link href={groupPath(groupSlug)} className="text-accent underline">
            Back to the group
          </Link>{" "}
          ·{" "}
          <Link href={waitingVotesPath()} className="text-accent underline">
            All your groups
          </Link>
        </p>
      ) : null}
      <div className="rounded-lg border border-line bg-white p-5">
        {items.length === 0 ? (
          <p className="text-muted">Nothing is waiting for your vote.</p>
        ) : (
          <WaitingList items={items} showGroup={!groupSlug} now={now} />
        )}
      </div>
      <Pagination
        page={page}
        pageCount={Math.max(1, Math.ceil(total / WAITING_PAGE_SIZE))}
        basePath="/votes"
        params={groupSlug ? { group: groupSlug } : {}}
      />
    </div>
  );
}
