"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useCallback, useState } from "react";
import { ActionForm } from "@/components/form/action-form";
import { Hidden, TextField } from "@/components/form/fields";
import { safeReturnPathAfterAuth } from "@/lib/return-path";
import type { FormState } from "@/server/action";
import { registerAction } from "../actions";
import { ProfileFields } from "./profile-fields";

/** `callbackUrl` (already checked to be a path on this site) is where the new member lands; without it, their profile. */
export function RegisterForm({ callbackUrl }: { callbackUrl?: string }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [confirmPassword, setConfirmPassword] = useState("");
  const [signInError, setSignInError] = useState<string | null>(null);

  const onResult = useCallback(
    async (state: FormState) => {
      if (!state.ok) return;
      const result = await signIn("credentials", { email, password, redirect: false });
      if (result?.error) {
        setSignInError(`Your account was created, but signing in failed: ${result.error}`);
        return;
      }
      // Checked again here: the browser must never be sent off the site, whatever reached this prop.
      router.push(safeReturnPathAfterAuth(callbackUrl, "/settings/profile?welcome=1"));
      router.refresh();
    },
    [email, password, router, callbackUrl],
  );

  return (
    <>
      {signInError ? (
        <p role="alert" className="mb-4 rounded-md border border-danger bg-danger-soft px-4 py-3 text-sm text-danger">
          {signInError}
        </p>
      ) : null}
      <ActionForm
        action={registerAction}
        submitLabel="Create account"
        pendingLabel="Creating your account…"
        onResult={onResult}
        ariaLabel="Register"
      >
        {/* Rides along to the confirmation link, so confirming leads back here too. */}
        {callbackUrl ? <Hidden name="callbackUrl" value={callbackUrl} /> : null}
        <TextField
          name="email"
          label="Email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={setEmail}
          hint="Used to sign in and for notifications you choose. Never shown to anyone."
        />
        <TextField
          name="handle"
          label="Username"
          autoComplete="username"
          maxLength={30}
          hint="Letters, numbers and underscores. People mention you as @username."
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          hint="At least 10 characters."
        />
        <TextField
          name="confirmPassword"
          label="Repeat password"
          type="password"
          autoComplete="new-password"
          value={confirmPassword}
          onChange={setConfirmPassword}
        />
        <ProfileFields />
      </ActionForm>
    </>
  );
}
