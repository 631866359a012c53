import Link from "next/link";
import { formatDate } from "@/lib/dates";
import { groupPath, paperPath, publicationPath } from "@/lib/paths";
import type { CommissionPage } from "../queries/commission";
import { PostingBadge } from "./phase-badge";

/** Each group the commission was posted to, and where that group stands. */
export function PostingsTable({ postings }: { postings: CommissionPage["postings"] }) {
  if (postings.length === 0) return <p className="text-muted">Not posted to any group yet.</p>;
  return (
    <ul className="divide-y divide-line rounded-lg border border-line bg-white">
      {postings.map((p) => (
        <li key={p.group.slug} className="flex flex-wrap items-start justify-between gap-2 p-4">
          <div className="min-w-0">
            <p className="font-semibold">
              <Link href={groupPath(p.group.slug)} className="text-accent underline">
                <bdi>{p.group.name}</bdi>
              </Link>
            </p>
            <p className="text-sm">
              {p.canReadPaper ? (
                <Link href={paperPath(p.group.slug, p.paper.slug)} className="underline">
                  The group’s paper: <bdi>{p.paper.title}</bdi>
                </Link>
              ) : (
                <span className="text-muted">The paper is visible to the group’s members.</span>
              )}
              {p.latestVersion ? (
                <>
                  {" · "}
                  <Link
                    href={publicationPath(p.group.slug, p.paper.slug, p.latestVersion)}
                    className="font-medium text-accent underline"
                  >
                    Read version {p.latestVersion}
                  </Link>
                </>
              ) : null}
            </p>
            {p.decidedAt ? <p className="text-xs text-muted">Decided {formatDate(p.decidedAt)}</p> : null}
          </div>
          <PostingBadge state={p.state} />
        </li>
      ))}
    </ul>
  );
}
