"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { FormMessage } from "@/components/form/form-message";
import { buttonClass } from "@/components/ui/button-class";
import { safeReturnPath } from "@/lib/return-path";

const inputClass =
  "mt-1 block w-full rounded-md border border-line bg-white px-3 py-2 text-base aria-[invalid=true]:border-danger";

/** Signs in through next-auth's credentials provider; its messages (wrong password, rate limit, suspension) are shown as they come. */
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
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const fieldErrors: typeof errors = {};
    if (!email.trim()) fieldErrors.email = "Enter your email address.";
    if (!password) fieldErrors.password = "Enter your password.";
    setErrors(fieldErrors);
    if (Object.keys(fieldErrors).length) {
      setMessage("Please correct the highlighted fields.");
      return;
    }
    setPending(true);
    setMessage(null);
    const result = await signIn("credentials", { email, password, redirect: false });
    setPending(false);
    if (!result || result.error) {
      setMessage(
        result?.error && result.error !== "CredentialsSignin" ? result.error : "The email or password is incorrect.",
      );
      return;
    }
    // Checked again here: the browser must never be sent off the site, whatever reached this prop.
    router.push(safeReturnPath(callbackUrl));
    router.refresh();
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
                onClick={() => signIn(p.id, { callbackUrl })}
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

/** One field of the sign-in form, its error said next to it (the form runs in the browser, not through ActionForm). */
function CredentialField({
  name,
  label,
  type,
  autoComplete,
  value,
  onChange,
  error,
}: {
  name: "email" | "password";
  label: string;
  type: "email" | "password";
  autoComplete: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
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
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={inputClass}
      />
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
