import Link from "next/link";
import { groupPapersPath, groupPath, paperPath } from "@/lib/paths";

/** Where a paper page sits: the group, its papers, and (on sub-pages) the paper itself. */
export function PaperBreadcrumb({
  group,
  paper,
}: {
  group: { slug: string; name: string };
  paper?: { slug: string; title: string };
}) {
  const linkClass = "font-medium text-accent underline";
  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      <ol className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <li>
          <Link href={groupPath(group.slug)} className={linkClass}>
            {group.name}
          </Link>
        </li>
        <li aria-hidden="true" className="text-muted">
          ›
        </li>
        <li>
          <Link href={groupPapersPath(group.slug)} className={linkClass}>
            Papers
          </Link>
        </li>
        {paper ? (
          <>
            <li aria-hidden="true" className="text-muted">
              ›
            </li>
            <li className="min-w-0 break-words">
              <Link href={paperPath(group.slug, paper.slug)} className={linkClass}>
                {paper.title}
              </Link>
            </li>
          </>
        ) : null}
      </ol>
    </nav>
  );
}
