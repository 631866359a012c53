// GET /api/health: liveness. Answers at once without touching the database, so that an outage of
// PostgreSQL does not make an orchestrator restart every replica. Readiness: ./ready/route.ts.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
