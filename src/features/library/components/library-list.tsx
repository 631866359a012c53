import Link from "next/link";
import { CommissionCredit } from "@/components/ui/commission-credit";
import { formatDate } from "@/lib/dates";
import { groupPath, publicationPath } from "@/lib/paths";
import { SECTOR_LABELS } from "@/lib/perspectives";
import type { LibraryEntry } from "../queries";

export function LibraryList({ entries }: { entries: LibraryEntry[] }) {
  return (
    <ol className="grid gap-4">
      {entries.map((e) => (
        <li key={e.id} className="rounded-md border border-line bg-white p-4">
          <h2 className="text-lg font-semibold">
            <Link
              href={publicationPath(e.groupSlug, e.paperSlug, e.version)}
              className="text-accent-dark underline-offset-2 hover:underline"
            >
              <bdi>{e.title}</bdi>
            </Link>
          </h2>
          <p className="mt-1 break-words">{e.question}</p>
          {e.commission ? (
            <CommissionCredit
              organisation={e.commission.organisation}
              commissionId={e.commission.commissionId}
              className="mt-2 text-sm"
            />
          ) : null}
          <dl className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-muted">
            <div>
              <dt className="inline">Group: </dt>
              <dd className="inline">
                <Link href={groupPath(e.groupSlug)} className="underline">
                  <bdi>{e.groupName}</bdi>
                </Link>
              </dd>
            </div>
            <div>
              <dt className="inline">Field: </dt>
              <dd className="inline">{SECTOR_LABELS[e.groupSector]}</dd>
            </div>
            <div>
              <dt className="inline">Version </dt>
              <dd className="inline">{e.version}</dd>
            </div>
            <div>
              <dt className="inline">Published </dt>
              <dd className="inline">{formatDate(e.publishedAt)}</dd>
            </div>
            <div>
              <dt className="inline">Contributors: </dt>
              <dd className="inline">{e.contributorCount}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ol>
  );
}
