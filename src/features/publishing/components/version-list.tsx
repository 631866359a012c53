import Link from "next/link";
import { formatDate } from "@/lib/dates";
import { publicationPath } from "@/lib/paths";

type Version = { version: number; publishedAt: Date; correctionNote: string | null };

/** The paper's published versions, newest first, each with its date and what changed. */
export function VersionList({
  groupSlug,
  paperSlug,
  versions,
  current,
}: {
  groupSlug: string;
  paperSlug: string;
  versions: Version[];
  current?: number;
}) {
  return (
    <ol className="space-y-2">
      {versions.map((v) => (
        <li key={v.version} className="text-sm">
          {v.version === current ? (
            <span className="font-semibold" aria-current="page">
              Version {v.version} (this one)
            </span>
          ) : (
            <Link
              href={publicationPath(groupSlug, paperSlug, v.version)}
              className="font-semibold text-accent underline"
            >
              Version {v.version}
            </Link>
          )}{" "}
          <span className="text-muted">· {formatDate(v.publishedAt)}</span>
          {v.correctionNote ? <span className="block break-words text-muted">{v.correctionNote}</span> : null}
        </li>
      ))}
    </ol>
  );
}

/** For the paper page: its published versions, or nothing while there are none. */
export function PublishedVersionsBox({
  groupSlug,
  paperSlug,
  versions,
}: {
  groupSlug: string;
  paperSlug: string;
  versions: Version[];
}) {
  if (versions.length === 0) return null;
  return (
    <section aria-labelledby="pp-versions" className="rounded-lg border border-line bg-white p-4">
      <h2 id="pp-versions" className="text-base font-semibold">
        Published versions
      </h2>
      <p className="mt-1 text-sm text-muted">
        Fixed texts the group voted to publish, free to read and reuse (CC BY 4.0).
      </p>
      <div className="mt-3">
        <VersionList groupSlug={groupSlug} paperSlug={paperSlug} versions={versions} />
      </div>
    </section>
  );
}
