import { PageHeader } from "@/components/ui/page-header";
import { announcementFor, ExportList, isUnderWay } from "@/features/privacy/data-export/components/export-list";
import { ExportWatcher } from "@/features/privacy/data-export/components/export-watcher";
import { RequestExport } from "@/features/privacy/data-export/components/request-export";
import { listMyExports } from "@/features/privacy/data-export/queries";
import { requirePageUser } from "@/server/auth/page-guard";
import { SettingsNav } from "../settings-nav";

export const metadata = { title: "Your data" };

export default async function DataSettingsPage() {
  const user = await requirePageUser("/settings/data");
  const exports = await listMyExports(user);
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader
        title="Your data"
        intro="Download a copy of what you have written here and of what we store about you."
      />
      <SettingsNav current="data" />
      <ExportWatcher active={exports.some(isUnderWay)} announcement={announcementFor(exports[0])} />
      <RequestExport />
      <ExportList exports={exports} />
    </div>
  );
}
