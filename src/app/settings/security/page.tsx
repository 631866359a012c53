import { ActionForm } from "@/components/form/action-form";
import { TextField } from "@/components/form/fields";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { changePasswordAction, signOutEverywhereAction } from "@/features/accounts/actions";
import { NewPasswordFields } from "@/features/accounts/components/new-password-fields";
import { SessionList } from "@/features/accounts/components/session-list";
import { listOwnSessions } from "@/features/accounts/queries";
import { TwoStepSection } from "@/features/accounts/two-step/components/two-step-section";
import { twoStepSettings } from "@/features/accounts/two-step/queries";
import { requirePageUser } from "@/server/auth/page-guard";
import { SettingsNav } from "../settings-nav";

export const metadata = { title: "Security" };

export default async function SecuritySettingsPage() {
  const user = await requirePageUser("/settings/security");
  const [sessions, twoStep] = await Promise.all([listOwnSessions(user), twoStepSettings(user)]);
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title="Security" />
      <SettingsNav current="security" />
      <section aria-labelledby="password-heading" className="mb-10">
        <h2 id="password-heading" className="mb-3 text-xl font-semibold">
          Change password
        </h2>
        <Card>
          <ActionForm action={changePasswordAction} submitLabel="Change password" ariaLabel="Change password">
            <TextField
              name="currentPassword"
              label="Current password"
              type="password"
              autoComplete="current-password"
            />
            <NewPasswordFields hint="At least 10 characters. Every other signed-in browser will be signed out." />
          </ActionForm>
        </Card>
      </section>
      <TwoStepSection settings={twoStep} />
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" className="mb-3 text-xl font-semibold">
          Where you are signed in
        </h2>
        <SessionList sessions={sessions} currentId={user.sessionId} />
        <div className="mt-6">
          <ActionForm
            action={signOutEverywhereAction}
            submitLabel="Sign out everywhere"
            buttonVariant="danger"
            ariaLabel="Sign out everywhere"
          >
            <p className="text-sm text-muted">
              Ends every session, this one included. Use it if you signed in on a shared or lost device.
            </p>
          </ActionForm>
        </div>
      </section>
    </div>
  );
}
