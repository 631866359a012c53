import Link from "next/link";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { RegisterForm } from "@/features/accounts/components/register-form";
import { signInPath } from "@/lib/paths";
import { safeReturnPathAfterAuth } from "@/lib/return-path";
import { getCurrentUser } from "@/server/auth/current-user";

export const metadata = { title: "Register" };

export default async function RegisterPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Someone who came from an invitation or from "sign in to vote" goes back there afterwards.
  const callbackUrl = safeReturnPathAfterAuth((await searchParams).callbackUrl, "");
  if (await getCurrentUser()) redirect(callbackUrl || "/");
  const signInHref = callbackUrl ? signInPath(callbackUrl) : "/signin";
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader
        title="Join Policy Commons"
        intro={
          <>
            Tell us how you take part so readers can see who shaped each paper. Only your display name and the parts of
            your profile you choose to show are public. Already registered?{" "}
            <Link href={signInHref} className="font-medium text-accent underline">
              Sign in
            </Link>
            .{callbackUrl ? " Once your account is ready you go back to the page you came from." : null}
          </>
        }
      />
      <RegisterForm callbackUrl={callbackUrl || undefined} />
    </div>
  );
}
