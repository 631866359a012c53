import { NextResponse, type NextRequest } from "next/server";
import { getCurrentUser } from "@/server/auth/current-user";
import { safeReturnPath } from "@/server/auth/page-guard";
import { openNotification } from "@/features/notifications/mutations";

/** Following a notification marks it read, then goes where it points (on this site only). */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await getCurrentUser();
  if (!user) return NextResponse.redirect(new URL(`/signin?callbackUrl=${encodeURIComponent("/notifications")}`, request.url));
  const target = await openNotification(user, id);
  return NextResponse.redirect(new URL(target ? safeReturnPath(target, "/notifications") : "/notifications", request.url));
}
