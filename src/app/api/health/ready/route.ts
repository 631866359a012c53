import { buildInfo, READINESS_CHECKS, readiness } from "@/server/health";

// GET /api/health/ready: readiness for a load balancer. 200 when this process can serve (the
// database answers within 2 s with this code's migrations applied, and no shutdown has begun);
// 503 with the failing checks otherwise.
export const dynamic = "force-dynamic";

export async function GET() {
  const { ready, checks } = await readiness(READINESS_CHECKS);
  return Response.json(
    { status: ready ? "ready" : "not ready", checks, ...buildInfo() },
    { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
