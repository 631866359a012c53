import { dashboardCsv, dashboardCsvFilename } from "@/features/commissions/dashboard-csv";
import { loadCommissionDashboard } from "@/features/commissions/queries/dashboard";
import { commissionCsvPath, signInPath } from "@/lib/paths";
import { getCurrentUser } from "@/server/auth/current-user";
import { isAppError } from "@/server/errors";
import { logError } from "@/server/log";
import { routeParams } from "@/server/route-params";

// GET /commissions/{id}/dashboard/csv: the dashboard's figures as one CSV file, for the same
// people as the page (the check is in loadCommissionDashboard). Private and never cached.

const plain = (message: string, status: number) =>
  new Response(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
  });

export async function GET(_request: Request, { params }: { params: Promise<{ commissionId: string }> }) {
  const valid = await routeParams(params, { commissionId: "uuid" });
  if (!valid) return plain("That commission was not found.", 404);
  const { commissionId } = valid;
  try {
    const viewer = await getCurrentUser();
    // A download link followed while signed out: sign in, then come back for the file.
    if (!viewer) {
      return new Response(null, {
        status: 307,
        headers: { Location: signInPath(commissionCsvPath(commissionId)), "Cache-Control": "no-store" },
      });
    }
    const dashboard = await loadCommissionDashboard(viewer, commissionId);
    return new Response(dashboardCsv(dashboard), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${dashboardCsvFilename(dashboard)}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (isAppError(error)) return plain(error.message, error.status);
    logError("commission dashboard CSV failed", error);
    return plain("Something went wrong on our side while making the file; please try again.", 500);
  }
}
