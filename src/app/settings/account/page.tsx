import Link from "next/link";
import { deleteAccountAction, deleteAccountWithPasswordAction } from "@/app/actions/memberships";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { DeleteAccountForm, DeleteAccountWithPasswordForm } from "@/features/accounts/components/delete-account-form";
import { getAccountDeletionFacts } from "@/features/accounts/queries";
import { groupMembersPath } from "@/lib/paths";
import { getCurrentUser } from "@/server/auth/current-user";
import { SettingsNav } from "../settings-nav";

export const metadata = { title: "Delete your account" };

const link = "font-medium text-accent underline";

function WhatHappens() {
  return (
    <section aria-labelledby="what-happens-heading" className="mb-8">
      <h2 id="what-happens-heading" className="mb-3 text-xl font-semibold">
        What deleting your account does
      </h2>
      <ul className="list-disc space-y-2 pl-6">
        <li>
          Your email address, password and profile are erased, and every browser signed in to your account is signed
          out. No one can sign in to it again.
        </li>
        <li>
          You leave all your groups. Your notifications, the discussions you follow and any data downloads are removed.
        </li>
        <li>
          Your votes on decided proposals stay counted in the results, but nothing links them to you any more. Your
          votes on proposals still open are withdrawn, as when anyone leaves a group.
        </li>
        <li>
          Proposals and changes you made to papers stay, shown as by “Former member”. Published papers are never
          changed.
        </li>
        <li>Your posts stay or lose their text: you choose below.</li>
      </ul>
      <p className="mt-3 font-medium">This cannot be undone. We cannot bring your account back.</p>
    </section>
  );
}

export default async function DeleteAccountPage() {
  const user = await getCurrentUser();

  if (!user) {
    return (
      <div className="mx-auto max-w-2xl">
        <PageHeader
          title="Delete your account"
          intro={
            <>
              <Link href="/signin?callbackUrl=%2Fsettings%2Faccount" className={link}>
                Sign in
              </Link>{" "}
              to delete your account.
            </>
          }
        />
        <WhatHappens />
        <section aria-labelledby="cannot-sign-in-heading">
          <h2 id="cannot-sign-in-heading" className="mb-2 text-xl font-semibold">
            Without signing in
          </h2>
          <p className="mb-4 text-muted">
            You can also delete an account here with its email and password, suspended or not, without signing in on
            this browser.
          </p>
          <Card>
            <DeleteAccountWithPasswordForm action={deleteAccountWithPasswordAction} />
          </Card>
        </section>
      </div>
    );
  }

  const facts = await getAccountDeletionFacts(user);
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader
        title="Delete your account"
        intro={
          <>
            Want a copy of what you wrote first?{" "}
            <Link href="/settings/data" className={link}>
              Download your data
            </Link>{" "}
            before you delete your account.
          </>
        }
      />
      <SettingsNav current="account" />
      <WhatHappens />
      {facts.onlyOwnerOf.length > 0 ? (
        <section
          aria-labelledby="owner-heading"
          className="mb-8 rounded-md border border-danger bg-danger-soft px-4 py-3"
        >
          <h2 id="owner-heading" className="font-semibold">
            First, hand over your groups
          </h2>
          <p className="mt-1">
            You are the only owner of {facts.onlyOwnerOf.length === 1 ? "this group" : "these groups"}. A group always
            needs an owner, so make another member an owner on its Members page before you delete your account.
          </p>
          <ul className="mt-2 list-disc pl-6">
            {facts.onlyOwnerOf.map((g) => (
              <li key={g.slug}>
                <Link href={groupMembersPath(g.slug)} className={link}>
                  {g.name}: members
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading" className="mb-3 text-xl font-semibold">
          Choose, then confirm
        </h2>
        <Card>
          {facts.hasPassword ? null : (
            <p className="mb-4 text-sm text-muted">
              You sign in through another service. After deleting, signing in with it again would start a new, empty
              account.
            </p>
          )}
          <DeleteAccountForm handle={facts.handle} hasPassword={facts.hasPassword} action={deleteAccountAction} />
        </Card>
      </section>
    </div>
  );
}
