import Link from "next/link";
import { formatDate } from "@/lib/dates";
import type { DashboardPosting } from "../queries/dashboard";
import { DashboardParticipationTable } from "./dashboard-participation-table";
import { DashboardProposalCounts } from "./dashboard-proposal-counts";
import { PostingBadge } from "./phase-badge";

function decision(p: DashboardPosting) {
  if (!p.decidedAt) return "Not yet decided";
  return `${p.state === "DECLINED" ? "Declined" : "Taken on"} ${formatDate(p.decidedAt)}`;
}

/** One card per group the commission was posted to: its paper, decision, proposals and people. */
export function DashboardPostings({ postings }: { postings: DashboardPosting[] }) {
  return (
    <section aria-labelledby="groups-heading" className="mt-10">
      <h2 id="groups-heading" className="text-xl font-semibold">
        Groups
      </h2>
      <p className="mt-1 text-sm text-muted">
        Each group writes its own paper from the brief. Figures cover the paper, its sections’ and its proposals’
        discussions.
      </p>
      <ul className="mt-4 grid grid-cols-1 gap-4 lg:grid-cols-2">
        {postings.map((p) => (
          <li key={p.paperId} className="min-w-0">
            <section
              aria-labelledby={`posting-${p.paperId}`}
              className="h-full rounded-lg border border-line bg-white p-3 sm:p-4"
            >
              <div className="flex flex-wrap items-start justify-between gap-2">
                <h3 id={`posting-${p.paperId}`} className="min-w-0 text-lg font-semibold break-words">
                  {p.group.name}
                </h3>
                <PostingBadge state={p.state} />
              </div>
              <dl className="mt-2 space-y-1 text-sm">
                <div>
                  <dt className="inline font-semibold">Paper: </dt>
                  <dd className="inline break-words">
                    <Link href={p.paper.path} className="text-accent underline">
                      {p.paper.title}
                    </Link>
                  </dd>
                </div>
                <div>
                  <dt className="inline font-semibold">Decision: </dt>
                  <dd className="inline">{decision(p)}</dd>
                </div>
                <div>
                  <dt className="inline font-semibold">Latest published version: </dt>
                  <dd className="inline">
                    {p.latestVersion ? (
                      <Link href={p.latestVersion.path} className="text-accent underline">
                        Version {p.latestVersion.version}, {formatDate(p.latestVersion.publishedAt)}
                      </Link>
                    ) : (
                      "None yet"
                    )}
                  </dd>
                </div>
              </dl>
              <h4 className="mt-4 mb-2 text-sm font-semibold">Proposals</h4>
              <DashboardProposalCounts counts={p.proposals} />
              <div className="mt-4">
                <DashboardParticipationTable participation={p.participation} caption="People who took part" />
              </div>
            </section>
          </li>
        ))}
      </ul>
    </section>
  );
}
