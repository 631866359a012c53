import { NextResponse, type NextRequest } from "next/server";
import { getCurrentUser } from "@/server/auth/current-user";
import { safeReturnPath } from "@/server/auth/page-guard";
import { notificationTarget } from "@/features/notifications/queries";

/**
 * An older link to a notification: goes where it points (on this site only) and, being a GET,
 * changes nothing. Marking it read is the POST behind each item of /notifications.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await getCurrentUser();
  if (!user) return NextResponse.redirect(new URL(`/signin?callbackUrl=${encodeURIComponent("/notifications")}`, request.url));
  const target = await notificationTarget(user, id);
  return NextResponse.redirect(new URL(target ? safeReturnPath(target, "/notifications") : "/notifications", request.url));
}
