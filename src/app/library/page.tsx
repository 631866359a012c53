import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { SITE_FEED_PATH } from "@/features/library/atom";
import { LibraryFilters } from "@/features/library/components/library-filters";
import { LibraryList } from "@/features/library/components/library-list";
import { listLibrary, listLibraryFilters } from "@/features/library/queries";
import { ZLibraryParams } from "@/features/library/schemas";
import { getCurrentUser } from "@/server/auth/current-user";
import { offerToPageCache } from "@/server/page-cache/offer";
import { ANY_PAPER } from "@/server/page-cache/tags";

export const metadata = {
  title: "Library",
  alternates: { types: { "application/atom+xml": [{ url: SITE_FEED_PATH, title: "New publications" }] } },
};

export default async function LibraryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = ZLibraryParams.parse(await searchParams);
  const [filters, result] = await Promise.all([listLibraryFilters(), listLibrary(params)]);
  await offerToPageCache(await getCurrentUser(), [ANY_PAPER]);
  const filtered = Boolean(params.group || params.field || params.organisation || params.from || params.to);
  return (
    <div>
      <PageHeader
        title="Library"
        intro={
          <>
            Every paper its group voted to publish, newest first, in its latest version. Browse them by the field of the
            group that wrote them, by group, by who commissioned them, or by date.{" "}
            <a href={SITE_FEED_PATH} className="underline">
              Follow new publications (Atom feed)
            </a>
            .
          </>
        }
      />
      <LibraryFilters params={params} groups={filters.groups} organisations={filters.organisations} />
      <p role="status" className="mb-4 text-sm text-muted">
        {result.total === 0
          ? filtered
            ? "No published papers match these filters."
            : "No papers have been published yet."
          : `${result.moreThanCap ? "More than " : ""}${result.total} published paper${result.total === 1 ? "" : "s"}${filtered ? " match" : ""}`}
      </p>
      <LibraryList entries={result.entries} />
      <Pagination
        page={result.page}
        pageCount={result.pageCount}
        basePath="/library"
        params={{ group: params.group, organisation: params.organisation, from: params.from, to: params.to }}
      />
    </div>
  );
}
