import Link from "next/link";
import { PerspectiveBadge } from "@/components/ui/perspective-badge";
import { personPath } from "@/lib/paths";
import { plural } from "@/lib/words";
import type { Contributors } from "../published";

/**
 * The people whose words are in the version: pseudonymous names, never anonymous in origin.
 * A commissioned paper was started by the organisation's admin posting its brief: say so, so
 * the credit is not read as the organisation having written the report.
 */
export function ContributorsList({
  contributors,
  commissionedBy,
}: {
  contributors: Contributors;
  commissionedBy?: string;
}) {
  const started = commissionedBy ? `posted ${commissionedBy}’s brief` : "started the paper";
  return (
    <section aria-labelledby="contributors-heading">
      <h2 id="contributors-heading" className="text-xl font-semibold">
        Who wrote it
      </h2>
      <ul className="mt-3 divide-y divide-line rounded-lg border border-line bg-white">
        {contributors.people.map((c, i) => (
          <li key={c.userId ?? `former-${i}`} className="flex flex-wrap items-center gap-x-2 gap-y-1 px-4 py-2 text-sm">
            {c.handle ? (
              <Link href={personPath(c.handle)} className="font-semibold text-accent underline">
                {c.displayName}
              </Link>
            ) : (
              <span className="font-semibold">Former member</span>
            )}
            <PerspectiveBadge perspective={c.perspective} />
            <span className="text-muted">
              {[
                c.startedPaper ? started : null,
                c.mergedProposals > 0 ? `${plural(c.mergedProposals, "proposal")} merged` : null,
              ]
                .filter(Boolean)
                .join(" · ")}
            </span>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm text-muted">
        Also: {plural(contributors.commenters, "member")} took part in the discussions and{" "}
        {plural(contributors.voters, "member")} voted.
      </p>
    </section>
  );
}
