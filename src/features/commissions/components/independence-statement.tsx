import { CommissionCredit } from "@/components/ui/commission-credit";
import type { CommissionCredit as Credit } from "@/features/publishing/commission-credit";

/**
 * Near the top of a published commissioned report: who commissioned it, what they provided and
 * the independence statement, all from the snapshot taken at publication.
 */
export function CommissionDisclosure({
  credit,
  disclosureHtml,
  hasResponse = false,
}: {
  credit: Credit;
  disclosureHtml: string;
  hasResponse?: boolean;
}) {
  const org = credit.organisation.name;
  return (
    <section
      aria-labelledby="commission-heading"
      className="mt-4 max-w-prose rounded-md border border-line border-l-4 border-l-accent bg-white px-4 py-3"
    >
      <h2 id="commission-heading" className="text-base font-semibold">
        A commissioned report
      </h2>
      <CommissionCredit
        organisation={credit.organisation}
        commissionId={credit.commissionId}
        className="mt-1 text-sm"
      />
      <h3 className="mt-3 text-sm font-semibold">What {org} provided</h3>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by rehype-sanitize when it was rendered (renderedHtml, src/server/markdown/) */}
      <div className="post-body mt-1 text-sm break-words" dangerouslySetInnerHTML={{ __html: disclosureHtml }} />
      <h3 className="mt-3 text-sm font-semibold">Independence</h3>
      <p className="mt-1 text-sm">{credit.independence}</p>
      {hasResponse ? (
        <p className="mt-2 text-sm">
          <a href="#commission-response" className="font-medium text-accent underline">
            Read {org}&rsquo;s signed response
          </a>
          , after the report.
        </p>
      ) : null}
    </section>
  );
}
