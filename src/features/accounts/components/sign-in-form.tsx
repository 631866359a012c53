"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { FormMessage } from "@/components/form/form-message";
import { buttonClass } from "@/components/ui/button-class";
import { signInContinuePath } from "@/lib/paths";
import { safeReturnPathAfterAuth } from "@/lib/return-path";
import { TWO_STEP_CODE_NEEDED } from "../two-step/schemas";

const inputClass =
  "mt-1 block w-full rounded-md border border-line bg-white px-3 py-2 text-base aria-[invalid=true]:border-danger";

type Errors = { email?: string; password?: string; code?: string };

/**
 * Signs in through next-auth's credentials provider; its messages (wrong password, rate limit,
 * suspension, wrong code) are shown as they come. With two-step sign-in on, the server answers a
 * right password with TWO_STEP_CODE_NEEDED and no session: the form then asks for the code and
 * sends it with the email and password it still holds, so a password alone never signs anyone in.
 */
export function SignInForm({
  callbackUrl,
  oauthProviders,
}: {
  callbackUrl: string;
  oauthProviders: { id: string; name: string }[];
}) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [step, setStep] = useState<"password" | "code">("password");
  const [recoveryMode, setRecoveryMode] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Checked again here: the browser must never be sent off the site, whatever reached this prop.
  const continueTo = signInContinuePath(safeReturnPathAfterAuth(callbackUrl));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const fieldErrors: Errors = {};
    if (step === "password") {
      if (!email.trim()) fieldErrors.email = "Enter your email address.";
      if (!password) fieldErrors.password = "Enter your password.";
    } else if (!code.trim()) {
      fieldErrors.code = recoveryMode ? "Enter one of your recovery codes." : "Enter the 6-digit code from your app.";
    }
    setErrors(fieldErrors);
    if (Object.keys(fieldErrors).length) {
      setMessage("Please correct the highlighted fields.");
      return;
    }
    setPending(true);
    setMessage(null);
    const result = await signIn("credentials", {
      email,
      password,
      ...(step === "code" ? { code } : {}),
      redirect: false,
    });
    setPending(false);
    if (result?.error === TWO_STEP_CODE_NEEDED) {
      setStep("code");
      return;
    }
    if (!result || result.error) {
      const said = result?.error && result.error !== "CredentialsSignin" ? result.error : null;
      setMessage(said ?? (step === "code" ? "That code did not work." : "The email or password is incorrect."));
      return;
    }
    router.push(continueTo);
    router.refresh();
  }

  function startOver() {
    setStep("password");
    setCode("");
    setPassword("");
    setErrors({});
    setMessage(null);
  }

  if (step === "code") {
    return (
      <form onSubmit={onSubmit} className="space-y-5" aria-label="Two-step sign-in" noValidate>
        <CodeStepIntro recoveryMode={recoveryMode} />
        {message ? <FormMessage ok={false} message={message} /> : null}
        <CredentialField
          key={recoveryMode ? "recovery" : "totp"}
          name="code"
          label={recoveryMode ? "Recovery code" : "Code from your app"}
          type="text"
          autoComplete="one-time-code"
          inputMode={recoveryMode ? "text" : "numeric"}
          value={code}
          onChange={setCode}
          error={errors.code}
          autoFocus
        />
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className={buttonClass("primary")} disabled={pending}>
            {pending ? "Checking…" : "Verify and sign in"}
          </button>
          <button
            type="button"
            className="text-sm font-medium text-accent underline"
            onClick={() => {
              setRecoveryMode(!recoveryMode);
              setErrors({});
              setMessage(null);
            }}
          >
            {recoveryMode ? "Use a code from my app instead" : "Use a recovery code instead"}
          </button>
        </div>
        <p className="text-sm text-muted">
          Signing in as {email}.{" "}
          <button type="button" className="font-medium text-accent underline" onClick={startOver}>
            Start over
          </button>
        </p>
      </form>
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5" aria-label="Sign in" noValidate>
      {message ? <FormMessage ok={false} message={message} /> : null}
      <CredentialField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={setEmail}
        error={errors.email}
      />
      <CredentialField
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        error={errors.password}
      />
      <button type="submit" className={buttonClass("primary")} disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
      {oauthProviders.length > 0 ? (
        <div className="border-t border-line pt-4">
          <p className="mb-2 text-sm text-muted">Or continue with</p>
          <div className="flex flex-wrap gap-2">
            {oauthProviders.map((p) => (
              <button
                key={p.id}
                type="button"
                className={buttonClass("secondary")}
                onClick={() => signIn(p.id, { callbackUrl: continueTo })}
              >
                {p.name}
              </button>
            ))}
          </div>
        </div>
      ) : null}
    </form>
  );
}

/** What the code step says; the code field points to it, so screen readers read it with the field. */
function CodeStepIntro({ recoveryMode }: { recoveryMode: boolean }) {
  return (
    <div>
      <h2 className="text-xl font-semibold">Two-step sign-in</h2>
      <p id="signin-code-intro" className="mt-1 text-muted">
        {recoveryMode
          ? "Enter one of the recovery codes you saved when you turned on two-step sign-in. Each works once."
          : "Your password is right. Open your authenticator app and enter the 6-digit code it shows for Policy Commons."}
      </p>
    </div>
  );
}

/** One field of the sign-in form, its error said next to it (the form runs in the browser, not through ActionForm). */
function CredentialField({
  name,
  label,
  type,
  autoComplete,
  inputMode,
  value,
  onChange,
  error,
  autoFocus,
}: {
  name: "email" | "password" | "code";
  label: string;
  type: "email" | "password" | "text";
  autoComplete: string;
  inputMode?: "text" | "numeric";
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  autoFocus?: boolean;
}) {
  const id = `signin-${name}`;
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        inputMode={inputMode}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={
          [name === "code" ? "signin-code-intro" : "", error ? `${id}-error` : ""].join(" ").trim() || undefined
        }
        className={inputClass}
        // biome-ignore lint/a11y/noAutofocus: the code step replaces the form the person just sent, so focus must go somewhere: to the one field it asks for
        autoFocus={autoFocus}
      />
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
