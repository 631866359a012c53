import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { GroupCard } from "@/features/groups/components/group-card";
import { listGroups } from "@/features/groups/queries";
import { ZGroupListQuery } from "@/features/groups/schemas";
import { getCurrentUser } from "@/server/auth/current-user";

export const metadata = { title: "Topic groups" };

export default async function GroupsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const viewer = await getCurrentUser();
  const { q, page } = ZGroupListQuery.parse(await searchParams);
  const result = await listGroups(viewer, { q, page });
  return (
    <div>
      <PageHeader
        title="Topic groups"
        intro="Each group brings together people who run a service and people who use it, to work out what should change."
        actions={
          viewer ? (
            <Link href="/groups/new" className={buttonClass("primary")}>
              Start a group
            </Link>
          ) : null
        }
      />
      {/* biome-ignore lint/a11y/useSemanticElements: <form role="search"> is the ARIA search landmark every browser and screen reader knows; <search> would need a wrapper element and is unknown to pre-2023 browsers */}
      <form role="search" action="/groups" className="mb-6 flex max-w-lg gap-2">
        <label htmlFor="group-search" className="sr-only">
          Search groups
        </label>
        <input
          id="group-search"
          type="search"
          name="q"
          defaultValue={q}
          maxLength={100}
          placeholder="Search groups, e.g. housing"
          className="w-full rounded-md border border-line bg-white px-3 py-2"
        />
        <button type="submit" className={buttonClass("secondary")}>
          Search
        </button>
      </form>
      <p className="mb-4 text-sm text-muted" role="status">
        {result.total === 0
          ? q
            ? `No groups match “${q}”.`
            : "No groups yet."
          : `${result.total} group${result.total === 1 ? "" : "s"}${q ? ` matching “${q}”` : ""}`}
      </p>
      <ul className="grid gap-4 sm:grid-cols-2">
        {result.groups.map((g) => (
          <li key={g.id}>
            <GroupCard group={g} />
          </li>
        ))}
      </ul>
      <Pagination page={result.page} pageCount={result.pageCount} basePath="/groups" params={{ q }} />
    </div>
  );
}
