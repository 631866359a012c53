import { getCurrentUser } from "@/server/auth/current-user";
import { ActionForm } from "@/components/form/action-form";
import { Hidden, TextArea } from "@/components/form/fields";
import { reportPostAction } from "../actions";

/**
 * A "Report" menu under a post. Render it for members on posts that are not their own;
 * the server refuses everything else with a clear message (non-members, one's own post,
 * a second report). Renders nothing for signed-out visitors.
 */
export async function ReportPostForm({ postId }: { postId: string }) {
  if (!(await getCurrentUser())) return null;
  return (
    <details className="text-sm" data-testid={`report-post-${postId}`}>
      <summary className="cursor-pointer py-1 font-medium text-muted hover:text-ink">Report</summary>
      <ActionForm action={reportPostAction} submitLabel="Send report" pendingLabel="Sending…" buttonVariant="secondary" className="mt-2 space-y-2 rounded-md border border-line bg-white p-3" ariaLabel="Report this post">
        <Hidden name="postId" value={postId} />
        <TextArea
          name="reason"
          label="What is wrong with this post?"
          rows={3}
          maxLength={1000}
          hint="Only the group's moderators see reports and who sent them."
        />
      </ActionForm>
    </details>
  );
}
