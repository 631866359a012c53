import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { ProfileForm } from "@/features/accounts/components/profile-form";
import { getOwnAccount } from "@/features/accounts/queries";
import { personPath } from "@/lib/paths";
import { safeReturnPathAfterAuth } from "@/lib/return-path";
import { requirePageUser } from "@/server/auth/page-guard";
import { SettingsNav } from "../settings-nav";

export const metadata = { title: "Your profile" };

export default async function ProfileSettingsPage({
  searchParams,
}: {
  searchParams: Promise<{ welcome?: string; confirmed?: string; callbackUrl?: string }>;
}) {
  const user = await requirePageUser("/settings/profile");
  const account = await getOwnAccount(user);
  const { welcome, confirmed, callbackUrl } = await searchParams;
  // The page they registered from, carried through the confirmation link.
  const back = safeReturnPathAfterAuth(callbackUrl, "");
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader
        title="Your profile"
        intro={
          <>
            Signed in as {account.email ?? "an account without email"} (only you see this). Your public page:{" "}
            <Link href={personPath(account.handle)} className="font-medium text-accent underline">
              @{account.handle}
            </Link>
          </>
        }
      />
      {welcome ? (
        <p role="status" className="mb-6 rounded-md border border-accent bg-accent-soft px-4 py-3">
          Welcome, {account.displayName}!{" "}
          {user.unconfirmed
            ? `We have emailed ${account.email ?? "you"} a link: follow it to confirm your address, and you can post, propose and vote. Meanwhile, add`
            : "Add"}{" "}
          a few words about yourself, then{" "}
          <Link href="/groups" className="font-medium underline">
            find a group
          </Link>
          .
        </p>
      ) : null}
      {confirmed ? (
        <p role="status" className="mb-6 rounded-md border border-accent bg-accent-soft px-4 py-3">
          Your email address is confirmed. You can now post, propose changes and vote.
          {back ? (
            <>
              {" "}
              <Link href={back} className="font-medium underline">
                Go back to the page you came from
              </Link>
              .
            </>
          ) : null}
        </p>
      ) : null}
      <SettingsNav current="profile" />
      <ProfileForm
        defaults={{
          displayName: account.displayName,
          perspective: account.profile?.perspective ?? "OTHER",
          sector: account.profile?.sector ?? "OTHER",
          fieldDetail: account.profile?.fieldDetail ?? "",
          organisationName: account.profile?.organisationName ?? "",
          bio: account.profile?.bio ?? "",
          hideOrganisation: account.profile?.hideOrganisation ?? false,
          hideSector: account.profile?.hideSector ?? false,
          hideGroups: account.profile?.hideGroups ?? false,
        }}
      />
    </div>
  );
}
