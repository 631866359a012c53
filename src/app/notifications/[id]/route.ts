import { NextResponse, type NextRequest } from "next/server";
import { getCurrentUser } from "@/server/auth/current-user";
import { safeReturnPath } from "@/server/auth/page-guard";
import { routeParams } from "@/server/route-params";
import { openNotification } from "@/features/notifications/mutations";

/** Following a notification marks it read, then goes where it points (on this site only). */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const valid = await routeParams(params, { id: "uuid" });
  if (!valid) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  const { id } = valid;
  const user = await getCurrentUser();
  if (!user) return NextResponse.redirect(new URL(`/signin?callbackUrl=${encodeURIComponent("/notifications")}`, request.url));
  const target = await openNotification(user, id);
  return NextResponse.redirect(new URL(target ? safeReturnPath(target, "/notifications") : "/notifications", request.url));
}
