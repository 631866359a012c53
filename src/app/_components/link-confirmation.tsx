import Link from "next/link";
import type { ReactNode } from "react";
import { ActionForm } from "@/components/form/action-form";
import { Hidden } from "@/components/form/fields";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import type { FormState } from "@/server/action";

/** What a link from an email opens when it cannot do what it was for: why, and where to go instead. */
export function DeadLink({ title = "This link no longer works", children }: { title?: string; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title={title} />
      <Card>
        <p>{children}</p>
      </Card>
    </div>
  );
}

/**
 * The page an emailed link opens: one button does what the link is for. Mail scanners fetch links
 * to check them; a GET that changed something would let them confirm for the person.
 */
export function LinkConfirmation({
  title,
  address,
  explanation,
  action,
  submitLabel,
  token,
  returnTo,
}: {
  title: string;
  address: string | null;
  explanation: string;
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  submitLabel: string;
  token: string;
  /** A checked path the person goes back to afterwards, sent along with the token. */
  returnTo?: string;
}) {
  if (!address) {
    return (
      <DeadLink>
        It has been used, it is out of date, or a newer link was sent since. Sign in and ask for a new one under{" "}
        <Link href="/settings/email" className="font-medium text-accent underline">
          Settings → Email address
        </Link>
        .
      </DeadLink>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title={title} />
      <Card>
        <p className="mb-4">
          <span className="font-medium break-all">{address}</span>
        </p>
        <p className="mb-4 text-sm text-muted">{explanation}</p>
        <ActionForm action={action} submitLabel={submitLabel} ariaLabel={title} className="space-y-3">
          <Hidden name="token" value={token} />
          {returnTo ? <Hidden name="callbackUrl" value={returnTo} /> : null}
        </ActionForm>
      </Card>
    </div>
  );
}
