import { buttonClass } from "@/components/ui/button-class";
import { ParticipationPanel } from "@/components/ui/participation-panel";
import { commissionDashboardPath } from "@/lib/paths";
import type { CommissionDashboard } from "../queries/dashboard";
import { DashboardActivityChart } from "./dashboard-activity-chart";
import { DashboardPostings } from "./dashboard-postings";
import { DashboardProposalCounts } from "./dashboard-proposal-counts";
import { DashboardStatus } from "./dashboard-status";

/** The whole dashboard from its loaded figures; the page only loads and checks. */
export function DashboardView({ dashboard: d }: { dashboard: CommissionDashboard }) {
  return (
    <div className="mx-auto max-w-5xl">
      <DashboardStatus commission={d.commission} now={d.now} />
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <section aria-labelledby="proposals-heading" className="rounded-lg border border-line bg-white p-4">
          <h2 id="proposals-heading" className="text-xl font-semibold">
            Proposals
          </h2>
          <p className="mt-1 mb-3 text-sm text-muted">
            Every group’s proposals, including its vote on taking the commission on. Passed means passed or merged into
            the paper; failed means voted down.
          </p>
          <DashboardProposalCounts counts={d.proposals} size="large" />
        </section>
        <ParticipationPanel
          participation={d.participation}
          title="Who took part, by perspective"
          intro="Distinct people across all the groups who commented, proposed changes and voted. Someone active in two groups counts once here."
          headingId="dashboard-participation-heading"
        />
      </div>
      <DashboardActivityChart weeks={d.activity} />
      <DashboardPostings postings={d.postings} />
      <section aria-labelledby="export-heading" className="mt-10">
        <h2 id="export-heading" className="text-xl font-semibold">
          Download
        </h2>
        <p className="mt-1 mb-3 max-w-prose text-sm text-muted">
          One CSV file with a row per group per week: that week’s comments, proposals and votes, alongside the group’s
          status, proposal counts and participation by perspective.
        </p>
        <a href={`${commissionDashboardPath(d.commission.id)}/csv`} className={buttonClass("secondary")} download>
          Download the figures (CSV)
        </a>
      </section>
    </div>
  );
}
