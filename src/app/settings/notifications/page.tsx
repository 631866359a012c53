import { PageHeader } from "@/components/ui/page-header";
import { EmailPreferencesForm } from "@/features/notifications/components/email-preferences-form";
import { getEmailPreferences } from "@/features/notifications/preferences";
import { requirePageUser } from "@/server/auth/page-guard";
import { emailEnabled } from "@/server/email/transport";
import { SettingsNav } from "../settings-nav";

export const metadata = { title: "Email preferences" };

export default async function EmailPreferencesPage() {
  const user = await requirePageUser("/settings/notifications");
  const current = await getEmailPreferences(user);
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader
        title="Email preferences"
        intro="Everything always appears under Notifications. Choose what is also emailed to you: at once, gathered in one daily or weekly digest (sent only when there is something new), or not at all. Every email has a link to change this without signing in."
      />
      <SettingsNav current="notifications" />
      {emailEnabled() ? null : (
        <p role="note" className="mb-6 rounded-md border border-line bg-paper px-4 py-3 text-sm">
          This site does not send email yet. Your choices are kept and apply as soon as it does; meanwhile everything
          appears under Notifications.
        </p>
      )}
      <EmailPreferencesForm current={current} />
    </div>
  );
}
