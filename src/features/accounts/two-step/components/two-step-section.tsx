import { ActionForm } from "@/components/form/action-form";
import { TextField } from "@/components/form/fields";
import { Card } from "@/components/ui/card";
import { formatDate } from "@/lib/dates";
import { TWO_STEP_REQUIRED_MESSAGE } from "@/server/authz/refusals";
import {
  cancelTwoStepSetupAction,
  confirmTwoStepAction,
  disableTwoStepAction,
  regenerateRecoveryCodesAction,
  startTwoStepSetupAction,
} from "../actions";
import type { TwoStepSettings } from "../queries";
import { CodesShownScope, HiddenOnceCodesShown, RecoveryCodesForm } from "./recovery-codes";

/** Settings → Security: turning two-step sign-in on (scan, confirm, save codes) and off. */
export function TwoStepSection({ settings }: { settings: TwoStepSettings }) {
  return (
    <section aria-labelledby="two-step-heading" className="mb-10" id="two-step">
      <h2 id="two-step-heading" className="mb-3 text-xl font-semibold">
        Two-step sign-in
      </h2>
      {settings.heldBack.map((role) => (
        <p key={role} role="alert" className="mb-4 rounded-md border border-danger bg-danger-soft px-4 py-3 text-sm">
          {TWO_STEP_REQUIRED_MESSAGE[role]}
        </p>
      ))}
      <Card>
        {settings.status === "on" ? (
          <TwoStepOn settings={settings} />
        ) : settings.setup ? (
          <TwoStepSetup setup={settings.setup} />
        ) : (
          <TwoStepOff />
        )}
      </Card>
    </section>
  );
}

function TwoStepOff() {
  return (
    <div className="space-y-4">
      <p>
        <strong>Off.</strong> With two-step sign-in on, signing in needs your password and a 6-digit code from an
        authenticator app on your phone (such as Aegis, Google Authenticator, Microsoft Authenticator or 1Password), so
        a stolen password alone cannot open your account.
      </p>
      <ActionForm
        action={startTwoStepSetupAction}
        submitLabel="Set up two-step sign-in"
        ariaLabel="Set up two-step sign-in"
      />
    </div>
  );
}

function TwoStepSetup({ setup }: { setup: NonNullable<TwoStepSettings["setup"]> }) {
  return (
    <CodesShownScope>
      <div className="space-y-5">
        <HiddenOnceCodesShown>
          <ol className="list-decimal space-y-2 pl-5">
            <li>Open your authenticator app and add an account.</li>
            <li>Scan this QR code, or type the key below into the app.</li>
            <li>Enter the 6-digit code the app shows.</li>
          </ol>
          <div className="flex flex-col items-start gap-4 sm:flex-row">
            <div
              role="img"
              aria-label="QR code for your authenticator app"
              className="h-48 w-48 shrink-0 border border-line bg-white [&>svg]:h-full [&>svg]:w-full"
              // The SVG is drawn on our server by the qrcode library from the otpauth:// address alone.
              // biome-ignore lint/security/noDangerouslySetInnerHtml: our own SVG, with no text from anyone
              dangerouslySetInnerHTML={{ __html: setup.qrSvg }}
            />
            <div className="min-w-0">
              <p className="text-sm text-muted">Can't scan it? Type this key (spaces do not matter):</p>
              <p className="mt-1 font-mono text-lg break-words" data-testid="two-step-secret">
                {setup.secretText}
              </p>
              <p className="mt-2 text-sm text-muted">Time-based, 6 digits, every 30 seconds.</p>
            </div>
          </div>
        </HiddenOnceCodesShown>
        <RecoveryCodesForm
          action={confirmTwoStepAction}
          submitLabel="Turn on two-step sign-in"
          ariaLabel="Confirm two-step sign-in"
        >
          <TextField
            name="code"
            label="Code from your app"
            autoComplete="one-time-code"
            hint="6 digits. A new one appears every 30 seconds."
          />
        </RecoveryCodesForm>
        <HiddenOnceCodesShown>
          <ActionForm
            action={cancelTwoStepSetupAction}
            submitLabel="Cancel setup"
            buttonVariant="secondary"
            ariaLabel="Cancel two-step setup"
          />
        </HiddenOnceCodesShown>
      </div>
    </CodesShownScope>
  );
}

function TwoStepOn({ settings }: { settings: TwoStepSettings }) {
  const proofLabel = settings.hasPassword ? "Your password, or a code from your app" : "A code from your app";
  return (
    <div className="space-y-6">
      <p>
        <strong>On</strong> since {settings.enabledAt ? formatDate(settings.enabledAt) : "now"}. Signing in with your
        password also asks for a code from your app.{" "}
        {settings.recoveryCodesLeft === 1
          ? "You have 1 unused recovery code."
          : `You have ${settings.recoveryCodesLeft} unused recovery codes.`}
      </p>
      {settings.recoveryCodesLeft <= 3 ? (
        <p className="rounded-md border border-line bg-warn-soft px-4 py-3 text-sm">
          You are running out of recovery codes. Make new ones and keep them somewhere safe.
        </p>
      ) : null}
      <div>
        <h3 className="mb-2 text-lg font-semibold">New recovery codes</h3>
        <RecoveryCodesForm
          action={regenerateRecoveryCodesAction}
          submitLabel="Make new recovery codes"
          ariaLabel="Make new recovery codes"
          buttonVariant="secondary"
        >
          <p className="text-sm text-muted">Your old codes stop working, used or not.</p>
          <TextField name="passwordOrCode" label={proofLabel} type="password" autoComplete="current-password" />
        </RecoveryCodesForm>
      </div>
      <div>
        <h3 className="mb-2 text-lg font-semibold">Turn off two-step sign-in</h3>
        <ActionForm
          action={disableTwoStepAction}
          submitLabel="Turn off two-step sign-in"
          buttonVariant="danger"
          ariaLabel="Turn off two-step sign-in"
        >
          <p className="text-sm text-muted">Your password alone will sign you in again.</p>
          <TextField name="passwordOrCode" label={proofLabel} type="password" autoComplete="current-password" />
        </ActionForm>
      </div>
    </div>
  );
}
