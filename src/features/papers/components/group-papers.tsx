import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button-class";
import { groupPapersPath } from "@/lib/paths";
import type { latestGroupPapers } from "../queries/paper-list";
import { PaperList } from "./paper-list";

/** The papers block of a group page: the latest few, a link to all, and "Start a paper" for members. */
export function GroupPapers({
  group,
  latest: { papers, total, canStart },
  credit,
}: {
  group: { id: string; slug: string };
  latest: Awaited<ReturnType<typeof latestGroupPapers>>;
  credit?: (paperId: string) => ReactNode;
}) {
  const base = groupPapersPath(group.slug);
  return (
    <section aria-labelledby="papers-heading" className="mt-8">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 id="papers-heading" className="text-xl font-semibold">
          Policy papers
        </h2>
        {canStart ? (
          <Link href={`${base}/new`} className={buttonClass("primary")}>
            Start a paper
          </Link>
        ) : null}
      </div>
      {papers.length === 0 ? (
        <p className="text-muted">
          No papers yet.{canStart ? " Start one: the group writes it together through proposals and votes." : ""}
        </p>
      ) : (
        <>
          <PaperList groupSlug={group.slug} papers={papers} credit={credit} />
          <p className="mt-2 text-sm">
            <Link href={base} className="font-medium text-accent underline">
              All {total} {total === 1 ? "paper" : "papers"}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
