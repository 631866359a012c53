import { DashboardView } from "@/features/commissions/components/dashboard-view";
import { loadCommissionDashboard } from "@/features/commissions/queries/dashboard";
import { commissionDashboardPath } from "@/lib/paths";
import { requirePageUser } from "@/server/auth/page-guard";
import { orNotFound } from "@/server/not-found";
import { pageParams } from "@/server/route-params";

export const metadata = { title: "Commission dashboard" };

// Signed-out visitors are sent to sign in; anyone without the organisation's permission gets the
// 404 page, so a commission's dashboard does not reveal more than its public page does.
export default async function CommissionDashboardPage({ params }: { params: Promise<{ commissionId: string }> }) {
  const { commissionId } = await pageParams(params, { commissionId: "uuid" });
  const viewer = await requirePageUser(commissionDashboardPath(commissionId));
  const dashboard = await orNotFound(loadCommissionDashboard(viewer, commissionId));
  return <DashboardView dashboard={dashboard} />;
}
