import Link from "next/link";
import { CommissionCredit } from "@/components/ui/commission-credit";
import { Pagination } from "@/components/ui/pagination";
import { formatDate } from "@/lib/dates";
import type { SearchResult } from "../queries";
import { QUERY_MESSAGES } from "../query";
import type { SearchParams } from "../schemas";
import { Snippet } from "./snippet";

export function SearchResults({ result, params }: { result: SearchResult; params: SearchParams }) {
  if (!result.ok) {
    return (
      <p role="status" className="rounded-md border border-line bg-white px-4 py-3">
        {QUERY_MESSAGES[result.reason]}
      </p>
    );
  }
  const count = result.capped
    ? `The ${result.total} best matches`
    : `${result.total} result${result.total === 1 ? "" : "s"}`;
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading" className="text-lg font-semibold">
        Results
      </h2>
      <p role="status" className="mb-4 text-sm text-muted">
        {result.total === 0
          ? "Nothing matches that search. Try other words, or fewer of them."
          : `${count}, best first.`}
      </p>
      <ol className="grid grid-cols-1 gap-4">
        {result.hits.map((hit) => (
          <li key={`${hit.kind}-${hit.id}`} className="rounded-md border border-line bg-white p-4">
            <p className="text-sm font-medium text-muted">
              {hit.kind === "paper" ? `Published paper, version ${hit.version}` : "Discussion"} ·{" "}
              <bdi>{hit.groupName}</bdi> · {formatDate(hit.date)}
            </p>
            <h3 className="mt-1 text-lg font-semibold">
              <Link href={hit.href} dir="auto" className="text-accent-dark underline-offset-2 hover:underline">
                <Snippet headline={hit.title} />
              </Link>
            </h3>
            {hit.kind === "paper" && hit.commission ? (
              <CommissionCredit
                organisation={hit.commission.organisation}
                commissionId={hit.commission.commissionId}
                className="mt-1 text-sm"
              />
            ) : null}
            {hit.snippet ? (
              <p className="mt-2 break-words">
                <Snippet headline={hit.snippet} />
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      <Pagination
        page={result.page}
        pageCount={result.pageCount}
        basePath="/search"
        params={{ q: params.q, type: params.type === "all" ? "" : params.type, group: params.group }}
      />
    </section>
  );
}
