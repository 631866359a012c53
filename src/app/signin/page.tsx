import Link from "next/link";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { SignInForm } from "@/features/accounts/components/sign-in-form";
import { FORGOT_PASSWORD_PATH, registerLinkPath } from "@/lib/paths";
import { safeReturnPathAfterAuth } from "@/lib/return-path";
import { getCurrentUser } from "@/server/auth/current-user";
import { enabledOAuthProviders } from "@/server/auth/options";

export const metadata = { title: "Sign in" };

const NOTICES: Record<string, string> = {
  everywhere: "You are signed out on every device.",
  reset:
    "Your password is changed, and every browser that was signed in is signed out. Sign in with your new password.",
  confirmed: "Your email address is confirmed. Sign in to take part.",
  "email-changed": "Your email address is changed. Sign in with the new one.",
};

// next-auth sends OAuth failures here as ?error=<code>. Only known codes are shown, in our words:
// the page never repeats text from its address, which anyone could write into a link.
const ERRORS: Record<string, string> = {
  OAuthSignin: "Signing in with that provider could not start. Please try again.",
  OAuthCallback: "The provider did not confirm who you are. Please try again.",
  OAuthCreateAccount: "We could not create an account from that provider. Please try again or register with email.",
  OAuthAccountNotLinked: "That email already has an account here. Sign in with your password instead.",
  Callback: "Signing in could not finish. Please try again.",
  AccessDenied: "You cannot sign in with that account.",
  SessionRequired: "Please sign in to continue.",
};
const GENERIC_ERROR = "Signing in did not work. Please try again.";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeReturnPathAfterAuth(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const noticeKey = params.signedOut ?? params.notice ?? "";
  // Only our own notices, never a property every object has ("constructor").
  const notice = Object.hasOwn(NOTICES, noticeKey) ? NOTICES[noticeKey] : undefined;
  const error =
    params.error && params.error !== "CredentialsSignin" ? (ERRORS[params.error] ?? GENERIC_ERROR) : undefined;
  const registerHref = registerLinkPath(callbackUrl);
  return (
    <div className="mx-auto max-w-md">
      <PageHeader
        title="Sign in"
        intro={
          <>
            New here?{" "}
            <Link href={registerHref} className="font-medium text-accent underline">
              Create an account
            </Link>
            .
          </>
        }
      />
      {notice ? (
        <p role="status" className="mb-4 rounded-md border border-accent bg-accent-soft px-4 py-3 text-sm">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="mb-4 rounded-md border border-danger bg-danger-soft px-4 py-3 text-sm text-danger">
          {error}
        </p>
      ) : null}
      <SignInForm callbackUrl={callbackUrl} oauthProviders={enabledOAuthProviders()} />
      <p className="mt-6 text-sm">
        <Link href={FORGOT_PASSWORD_PATH} className="font-medium text-accent underline">
          Forgot your password?
        </Link>
      </p>
    </div>
  );
}
