"use client";

import { useState } from "react";
import { ActionForm } from "@/components/form/action-form";
import { Hidden, TextArea } from "@/components/form/fields";
import { reportPostAction } from "../actions";

/**
 * "Report" under a post. The form is built only when opened, so a page of thirty posts
 * does not carry thirty report forms.
 */
export function ReportPostDisclosure({ postId }: { postId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="text-sm" data-testid={`report-post-${postId}`} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer py-1 font-medium text-muted hover:text-ink">Report</summary>
      {open ? (
        <ActionForm
          action={reportPostAction}
          submitLabel="Send report"
          pendingLabel="Sending…"
          buttonVariant="secondary"
          className="mt-2 space-y-2 rounded-md border border-line bg-white p-3"
          ariaLabel="Report this post"
          draftName={`Report post ${postId}`}
        >
          <Hidden name="postId" value={postId} />
          <TextArea
            name="reason"
            label="What is wrong with this post?"
            rows={3}
            maxLength={1000}
            hint="Only the group's moderators see reports and who sent them."
          />
        </ActionForm>
      ) : null}
    </details>
  );
}
