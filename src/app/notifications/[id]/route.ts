import { notificationTarget } from "@/features/notifications/queries";
import { signInPath } from "@/lib/paths";
import { getCurrentUser } from "@/server/auth/current-user";
import { safeReturnPath } from "@/server/auth/page-guard";
import { routeParams } from "@/server/route-params";

/** A redirect to a path on this site, as a relative Location: request.url names the host Next listens on, not the one the browser used. */
const goTo = (path: string) =>
  new Response(null, { status: 307, headers: { Location: path, "Cache-Control": "no-store" } });

/**
 * An older link to a notification: goes where it points (on this site only) and, being a GET,
 * changes nothing. Marking it read is the POST behind each item of /notifications.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const valid = await routeParams(params, { id: "uuid" });
  const user = await getCurrentUser();
  if (!user) return goTo(signInPath("/notifications"));
  // A malformed id is a notification that is not there: back to the list, like an unknown one.
  const target = valid ? await notificationTarget(user, valid.id) : null;
  return goTo(target ? safeReturnPath(target, "/notifications") : "/notifications");
}
