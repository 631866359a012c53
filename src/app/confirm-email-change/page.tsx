import { LinkConfirmation } from "@/app/_components/link-confirmation";
import { confirmEmailChangeAction } from "@/features/accounts/actions";
import { emailChangeLinkAddress } from "@/features/accounts/email-change";

export const metadata = { title: "Confirm your new email address", referrer: "no-referrer" };

export default async function ConfirmEmailChangePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { token } = await searchParams;
  return (
    <LinkConfirmation
      title="Use this address for your account"
      address={await emailChangeLinkAddress(token)}
      explanation="Your account will use this address from now on, and we will tell your old address that it changed."
      action={confirmEmailChangeAction}
      submitLabel="Use this address"
      token={token ?? ""}
    />
  );
}
