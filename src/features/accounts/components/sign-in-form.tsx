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
      <div>
        <label htmlFor="signin-email" className="block font-medium">
          Email
        </label>
        <input
          id="signin-email"
          name="email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={errors.email ? "signin-email-error" : undefined}
          className={inputClass}
        />
        {errors.email ? (
          <p id="signin-email-error" className="mt-1 text-sm font-medium text-danger">
            {errors.email}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor="signin-password" className="block font-medium">
          Password
        </label>
        <input
          id="signin-password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? "signin-password-error" : undefined}
          className={inputClass}
        />
        {errors.password ? (
          <p id="signin-password-error" className="mt-1 text-sm font-medium text-danger">
            {errors.password}
          </p>
        ) : null}
      </div>
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
