import { ActionForm } from "@/components/form/action-form";
import { TextField } from "@/components/form/fields";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { changeEmailAction, resendConfirmationAction } from "@/features/accounts/actions";
import { getOwnEmailSettings } from "@/features/accounts/queries";
import { formatDate } from "@/lib/dates";
import { requirePageUser } from "@/server/auth/page-guard";
import { SettingsNav } from "../settings-nav";

export const metadata = { title: "Email address" };

const NOTICES: Record<string, string> = {
  changed: "Your email address is changed and confirmed. We have told your old address.",
};

export default async function EmailSettingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const user = await requirePageUser("/settings/email");
  const settings = await getOwnEmailSettings(user);
  const params = await searchParams;
  const notice = params.changed ? NOTICES.changed : undefined;
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader
        title="Email address"
        intro="Where we send confirmation, password reset and notification emails. Nobody else sees it."
      />
      <SettingsNav current="email" />
      {notice ? (
        <p role="status" className="mb-6 rounded-md border border-accent bg-accent-soft px-4 py-3 text-sm">
          {notice}
        </p>
      ) : null}
      <section aria-labelledby="current-heading" className="mb-10">
        <h2 id="current-heading" className="mb-3 text-xl font-semibold">
          Your address
        </h2>
        <Card>
          <p className="font-medium break-all">{settings.email ?? "No address"}</p>
          {settings.confirmedAt ? (
            <p className="mt-1 text-sm text-muted">Confirmed on {formatDate(settings.confirmedAt)}.</p>
          ) : (
            <div className="mt-3 space-y-3">
              <p className="text-sm">
                <strong>Not confirmed yet.</strong> Until you follow the link we emailed, you can read, join groups and
                set up your profile, but not post, propose or vote.
              </p>
              {settings.email ? (
                <ActionForm
                  action={resendConfirmationAction}
                  submitLabel="Send the link again"
                  buttonVariant="secondary"
                  ariaLabel="Send the confirmation link again"
                  className="space-y-3"
                />
              ) : null}
            </div>
          )}
        </Card>
      </section>
      <section aria-labelledby="change-heading">
        <h2 id="change-heading" className="mb-3 text-xl font-semibold">
          Change your address
        </h2>
        <Card>
          <ActionForm
            action={changeEmailAction}
            submitLabel="Send a confirmation link"
            ariaLabel="Change email address"
          >
            <TextField
              name="newEmail"
              label="New email address"
              type="email"
              autoComplete="email"
              maxLength={254}
              hint="We send a link there. Nothing changes until you follow it, and we tell your current address."
            />
            {settings.hasPassword ? (
              <TextField
                name="currentPassword"
                label="Current password"
                type="password"
                autoComplete="current-password"
              />
            ) : null}
          </ActionForm>
        </Card>
      </section>
    </div>
  );
}
