import Link from "next/link";

/** Previous/next links that keep the other query parameters. */
export function Pagination({
  page,
  pageCount,
  basePath,
  params = {},
}: {
  page: number;
  pageCount: number;
  basePath: string;
  params?: Record<string, string>;
}) {
  if (pageCount <= 1) return null;
  const href = (p: number) => {
    const search = new URLSearchParams({ ...params, page: String(p) });
    for (const [k, v] of [...search.entries()]) if (!v) search.delete(k);
    return `${basePath}?${search.toString()}`;
  };
  const linkClass = "rounded-md border border-line bg-white px-3 py-2 text-sm font-medium hover:bg-accent-soft";
  return (
    <nav aria-label="Pages" className="mt-6 flex items-center justify-between gap-4">
      {page > 1 ? (
        <Link href={href(page - 1)} className={linkClass} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-muted">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link href={href(page + 1)} className={linkClass} rel="next">
          Next →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
