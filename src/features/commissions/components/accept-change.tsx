import Link from "next/link";
import { commissionPath, paperPath } from "@/lib/paths";
import type { CreditRef } from "../queries/credit-ref";

/** What a vote on taking a commission on decides, in place of a text diff. */
export function AcceptChange({
  status,
  group,
  paper,
}: {
  status: string;
  group: { slug: string; name: string };
  paper: { slug: string; commission: CreditRef | null };
}) {
  const org = paper.commission?.organisation.name ?? "the organisation";
  return (
    <section aria-labelledby="change-heading" className="space-y-3">
      <h2 id="change-heading" className="text-xl font-semibold">
        What this vote decides
      </h2>
      <p className="max-w-prose">
        {status === "PASSED"
          ? `${group.name} took this commission on.`
          : `If it passes, ${group.name} takes on the report ${org} commissioned, and the paper opens for drafting.`}{" "}
        From then on the text is the group’s: {org} can comment and propose like any member but has no say over votes,
        moderation or publication.
      </p>
      <p className="flex flex-wrap gap-x-4 gap-y-1">
        {paper.commission ? (
          <Link href={commissionPath(paper.commission.commissionId)} className="font-medium text-accent underline">
            Read the commission’s brief and timeline
          </Link>
        ) : null}
        <Link href={paperPath(group.slug, paper.slug)} className="font-medium text-accent underline">
          Read the paper as posted
        </Link>
      </p>
    </section>
  );
}
