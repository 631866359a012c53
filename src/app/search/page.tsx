import { PageHeader } from "@/components/ui/page-header";
import { SearchForm } from "@/features/search/components/search-form";
import { SearchResults } from "@/features/search/components/search-results";
import { listSearchGroups } from "@/features/search/groups";
import { searchPublic } from "@/features/search/queries";
import { ZSearchParams } from "@/features/search/schemas";
import { getCurrentUser } from "@/server/auth/current-user";
import { offerToPageCache } from "@/server/page-cache/offer";
import { ANY_PAPER, ANY_THREAD } from "@/server/page-cache/tags";

export const metadata = { title: "Search" };

export default async function SearchPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = ZSearchParams.parse(await searchParams);
  const [groups, result] = await Promise.all([listSearchGroups(), params.q.trim() ? searchPublic(params) : null]);
  await offerToPageCache(await getCurrentUser(), [ANY_THREAD, ANY_PAPER]);
  return (
    <div>
      <PageHeader
        title="Search"
        intro="Search published papers and the discussions of open groups. Discussions in groups whose members join by approval are never searched, even for their members."
      />
      <SearchForm params={params} groups={groups} />
      {result ? <SearchResults result={result} params={params} /> : null}
    </div>
  );
}
