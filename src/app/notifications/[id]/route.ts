import { getCurrentUser } from "@/server/auth/current-user";
import { safeReturnPath } from "@/server/auth/page-guard";
import { notificationTarget } from "@/features/notifications/queries";

/** A redirect to a path on this site, as a relative Location: request.url names the host Next listens on, not the one the browser used. */
const goTo = (path: string) => new Response(null, { status: 307, headers: { Location: path, "Cache-Control": "no-store" } });

/**
 * An older link to a notification: goes where it points (on this site only) and, being a GET,
 * changes nothing. Marking it read is the POST behind each item of /notifications.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await getCurrentUser();
  if (!user) return goTo(`/signin?callbackUrl=${encodeURIComponent("/notifications")}`);
  const target = await notificationTarget(user, id);
  return goTo(target ? safeReturnPath(target, "/notifications") : "/notifications");
}
