import Link from "next/link";
import { OrganisationName } from "@/components/ui/organisation-name";
import { formatDate } from "@/lib/dates";
import type { PublicationResponse } from "../queries/responses";

/**
 * The commissioning organisation's signed response, shown with the report it answers; for that
 * organisation's admins, a link to respond while none exists.
 */
export function CommissionResponses({
  organisationName,
  responses,
  respondHref,
}: {
  organisationName: string;
  responses: PublicationResponse[];
  respondHref: string | null;
}) {
  if (responses.length === 0 && !respondHref) return null;
  return (
    <section id="commission-response" aria-labelledby="commission-response-heading" className="scroll-mt-4 space-y-4">
      <h2 id="commission-response-heading" className="text-2xl font-semibold">
        Response from {organisationName}
      </h2>
      {responses.length === 0 ? (
        <p>
          {organisationName} has not responded to this version.{" "}
          {respondHref ? (
            <Link href={respondHref} className="font-medium text-accent underline">
              Write {organisationName}&rsquo;s signed response
            </Link>
          ) : null}
        </p>
      ) : null}
      {responses.map((r) => (
        <article
          key={r.id}
          aria-label={`Response from ${r.organisation.name}`}
          className="rounded-md border border-line bg-white px-4 py-3"
        >
          <p className="text-sm text-muted">
            Signed by <span className="font-semibold text-ink">{r.signatoryName}</span> for{" "}
            <OrganisationName
              slug={r.organisation.slug}
              name={r.organisation.name}
              verified={r.organisation.verified}
            />{" "}
            on <time dateTime={r.createdAt.toISOString()}>{formatDate(r.createdAt)}</time>
          </p>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by rehype-sanitize when it was rendered (renderedHtml, src/server/markdown/) */}
          <div className="post-body mt-2 break-words" dangerouslySetInnerHTML={{ __html: r.bodyHtml }} />
          <p className="mt-2 text-sm text-muted">
            The organisation&rsquo;s statement, not the group&rsquo;s: the group did not write or vote on it.
          </p>
        </article>
      ))}
    </section>
  );
}
