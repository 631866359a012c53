import Link from "next/link";
import { DeadLink } from "@/app/_components/link-confirmation";
import { ActionForm } from "@/components/form/action-form";
import { Hidden } from "@/components/form/fields";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { resetPasswordAction } from "@/features/accounts/actions";
import { NewPasswordFields } from "@/features/accounts/components/new-password-fields";
import { resetLinkWorks } from "@/features/accounts/password-reset";
import { FORGOT_PASSWORD_PATH } from "@/lib/paths";

export const metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { token } = await searchParams;
  if (!(await resetLinkWorks(token))) {
    return (
      <DeadLink>
        Reset links work once, for one hour, and only the newest one you asked for works.{" "}
        <Link href={FORGOT_PASSWORD_PATH} className="font-medium text-accent underline">
          Ask for a new link
        </Link>
        .
      </DeadLink>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <PageHeader
        title="Choose a new password"
        intro="Every browser signed in to your account will be signed out. Then sign in with the new password."
      />
      <Card>
        <ActionForm action={resetPasswordAction} submitLabel="Set my new password" ariaLabel="Choose a new password">
          <Hidden name="token" value={token ?? ""} />
          <NewPasswordFields hint="At least 10 characters." />
        </ActionForm>
      </Card>
    </div>
  );
}
