import { NextResponse, type NextRequest } from "next/server";
import { getCurrentUser } from "@/server/auth/current-user";
import { safeReturnPath } from "@/server/auth/page-guard";
import { routeParams } from "@/server/route-params";
import { openNotification } from "@/features/notifications/mutations";

/** Following a notification marks it read, then goes where it points (on this site only). */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const valid = await routeParams(params, { id: "uuid" });
  const user = await getCurrentUser();
  if (!user) return NextResponse.redirect(new URL(`/signin?callbackUrl=${encodeURIComponent("/notifications")}`, request.url));
  // A malformed id is a notification that is not there: back to the list, like an unknown one.
  const target = valid ? await openNotification(user, valid.id) : null;
  return NextResponse.redirect(new URL(target ? safeReturnPath(target, "/notifications") : "/notifications", request.url));
}
