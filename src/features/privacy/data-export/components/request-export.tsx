import { ActionForm } from "@/components/form/action-form";
import { Card } from "@/components/ui/card";
import { requestDataExportAction } from "../actions";
import { ARCHIVE_DAYS } from "../readme";
import { EXPORT_FILES } from "../sections";

function FileNames({ names }: { names: string[] }) {
  return <span className="text-sm text-muted">({names.join(", ")})</span>;
}

export function RequestExport() {
  return (
    <section aria-labelledby="request-heading" className="mb-10">
      <h2 id="request-heading" className="mb-3 text-xl font-semibold">
        Download my data
      </h2>
      <Card>
        <div className="space-y-3">
          <p>You get a ZIP file with a copy of:</p>
          {/* Read from the archive's own list of files, so the page cannot fall behind what the archive holds. */}
          <ul className="list-disc space-y-1 pl-6">
            <li>
              your account and profile <FileNames names={["profile.json"]} />
            </li>
            {EXPORT_FILES.map((file) => (
              <li key={file.json}>
                {file.describe} <FileNames names={file.csv ? [file.json, file.csv] : [file.json]} />
              </li>
            ))}
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
