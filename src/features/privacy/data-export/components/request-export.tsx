import { ActionForm } from "@/components/form/action-form";
import { Card } from "@/components/ui/card";
import { requestDataExportAction } from "../actions";
import { ARCHIVE_DAYS } from "../readme";

export function RequestExport() {
  return (
    <section aria-labelledby="request-heading" className="mb-10">
      <h2 id="request-heading" className="mb-3 text-xl font-semibold">
        Download my data
      </h2>
      <Card>
        <div className="space-y-3">
          <p>You get a ZIP file with a copy of:</p>
          <ul className="list-disc space-y-1 pl-6">
            <li>your profile and account details</li>
            <li>your posts, the discussions you started or follow, and your reactions</li>
            <li>your proposals and votes</li>
            <li>the posts you reported, and what became of each report</li>
            <li>your notifications and group memberships</li>
          </ul>
          <p className="text-sm text-muted">
            Everything comes as JSON, and tables also as CSV for a spreadsheet. It holds nothing private about anyone
            else. We prepare it in the background; it is listed below when ready and kept for {ARCHIVE_DAYS} days. You
            can ask up to 3 times a day.
          </p>
        </div>
        <div className="mt-5">
          <ActionForm
            action={requestDataExportAction}
            submitLabel="Prepare my archive"
            pendingLabel="Asking…"
            ariaLabel="Download my data"
          />
        </div>
      </Card>
    </section>
  );
}
