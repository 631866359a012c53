import { LinkConfirmation } from "@/app/_components/link-confirmation";
import { confirmEmailAction } from "@/features/accounts/actions";
import { confirmationLinkAddress } from "@/features/accounts/email-confirmation";
import { safeReturnPathAfterAuth } from "@/lib/return-path";

export const metadata = { title: "Confirm your email address", referrer: "no-referrer" };

export default async function ConfirmEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { token, callbackUrl } = await searchParams;
  return (
    <LinkConfirmation
      title="Confirm your email address"
      address={await confirmationLinkAddress(token)}
      explanation="Confirming shows this address is yours. Then you can post, propose changes and vote."
      action={confirmEmailAction}
      submitLabel="Confirm my email address"
      token={token ?? ""}
      returnTo={safeReturnPathAfterAuth(callbackUrl, "") || undefined}
    />
  );
}
