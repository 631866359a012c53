import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { Pagination } from "@/components/ui/pagination";
import { groupPath } from "@/lib/paths";
import type { Actor } from "@/server/authz/permissions";
import type { ThreadSort } from "../policy";
import { listGroupThreads } from "../queries/threads";
import { ThreadList, ThreadSortTabs } from "./thread-list";

/** The discussions section of a group page. */
export async function GroupDiscussions({
  viewer,
  group,
  sort,
  page,
  canStart,
}: {
  viewer: Actor;
  group: { id: string; slug: string };
  sort: ThreadSort;
  page: number;
  canStart: boolean;
}) {
  const result = await listGroupThreads(viewer, group.id, { sort, page });
  const basePath = groupPath(group.slug);
  return (
    <section aria-labelledby="discussions-heading" className="mt-8">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 id="discussions-heading" className="text-xl font-semibold">
          Discussions
        </h2>
        {canStart ? (
          <Link href={`${basePath}/threads/new`} className={buttonClass("primary")}>
            Start a discussion
          </Link>
        ) : null}
      </div>
      <div className="mb-3">
        <ThreadSortTabs basePath={basePath} current={sort} />
      </div>
      <ThreadList threads={result.threads} />
      <Pagination page={result.page} pageCount={result.pageCount} basePath={basePath} params={{ sort }} />
    </section>
  );
}
