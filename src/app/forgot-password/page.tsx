import Link from "next/link";
import { ActionForm } from "@/components/form/action-form";
import { TextField } from "@/components/form/fields";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { forgotPasswordAction } from "@/features/accounts/actions";

export const metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto max-w-md">
      <PageHeader
        title="Forgot your password?"
        intro="Enter the address you registered with. We will email you a link to choose a new password."
      />
      <Card>
        <ActionForm
          action={forgotPasswordAction}
          submitLabel="Email me a link"
          pendingLabel="Sending…"
          ariaLabel="Reset password"
        >
          <TextField name="email" label="Email" type="email" autoComplete="email" maxLength={254} />
        </ActionForm>
      </Card>
      <p className="mt-6 text-sm">
        Remembered it?{" "}
        <Link href="/signin" className="font-medium text-accent underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
