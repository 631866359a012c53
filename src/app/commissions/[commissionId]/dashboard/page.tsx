import { requirePageUser } from "@/server/auth/page-guard";
import { orNotFound } from "@/server/not-found";
import { pageParams } from "@/server/route-params";
import { commissionDashboardPath } from "@/features/commissions/paths";
import { loadCommissionDashboard } from "@/features/commissions/queries/dashboard";
import { DashboardView } from "@/features/commissions/components/dashboard-view";
import { ParticipationPanel } from "@/features/publishing/components/participation-panel";

export const metadata = { title: "Commission dashboard" };

// Signed-out visitors are sent to sign in; anyone without the organisation's permission gets the
// 404 page, so a commission's dashboard does not reveal more than its public page does.
export default async function CommissionDashboardPage({ params }: { params: Promise<{ commissionId: string }> }) {
  const { commissionId } = await pageParams(params, { commissionId: "uuid" });
  const viewer = await requirePageUser(commissionDashboardPath(commissionId));
  const dashboard = await orNotFound(loadCommissionDashboard(viewer, commissionId));
  return (
    <DashboardView
      dashboard={dashboard}
      participation={
        <ParticipationPanel
          participation={dashboard.participation}
          title="Who took part, by perspective"
          intro="Distinct people across all the groups who commented, proposed changes and voted. Someone active in two groups counts once here."
          headingId="dashboard-participation-heading"
        />
      }
    />
  );
}
