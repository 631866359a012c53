import { getCurrentUser } from "@/server/auth/current-user";
import { ReportPostDisclosure } from "./report-post-disclosure";

/**
 * A "Report" menu under a post. Render it for members on posts that are not their own;
 * the server refuses everything else with a clear message (non-members, one's own post,
 * a second report). Renders nothing for signed-out visitors.
 */
export async function ReportPostForm({ postId }: { postId: string }) {
  if (!(await getCurrentUser())) return null;
  return <ReportPostDisclosure postId={postId} />;
}
