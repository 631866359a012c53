import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass } from "@/components/ui/button-class";
import { Card } from "@/components/ui/card";
import { InvitationJoinForm } from "@/features/commissions/components/invitation-join-form";
import { INVITATION_PROBLEMS } from "@/features/commissions/invitation-schemas";
import { getInvitationLanding } from "@/features/commissions/queries/invitations";
import { formatDate } from "@/lib/dates";
import { groupInvitePath, groupPath, organisationPath, registerPath, signInPath } from "@/lib/paths";
import { getCurrentUser } from "@/server/auth/current-user";
import { pageParams } from "@/server/route-params";

export const metadata = { title: "Invitation to join a group", robots: { index: false } };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await pageParams(params, { token: "token" });
  const viewer = await getCurrentUser();
  const invite = await getInvitationLanding(token, viewer);
  if (!invite) notFound();
  const here = groupInvitePath(token);
  const groupHref = groupPath(invite.group.slug);
  const inviter = invite.organisation?.name ?? "An organisation";
  return (
    <div className="mx-auto max-w-2xl">
      <p className="font-medium text-muted">
        Invited by{" "}
        {invite.organisation ? (
          <Link href={organisationPath(invite.organisation.slug)} className="text-accent underline">
            {invite.organisation.name}
          </Link>
        ) : (
          inviter
        )}
        {invite.organisation?.verified ? " (verified organisation)" : ""}
      </p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight sm:text-3xl">Join {invite.group.name}</h1>
      <p className="mt-3 rounded-md border-l-4 border-accent bg-accent-soft px-4 py-3">
        <span className="block text-sm font-medium text-muted">This invitation is for</span>
        <span className="break-words">{invite.note}</span>
      </p>
      <Card className="mt-6">
        <h2 className="text-lg font-semibold">About the group</h2>
        <p className="mt-2 whitespace-pre-line break-words">{invite.group.description}</p>
        <p className="mt-3 text-sm text-muted">
          {invite.group.memberCount} {invite.group.memberCount === 1 ? "member" : "members"} ·{" "}
          {invite.group.joinPolicy === "OPEN" ? "Anyone may join" : "The group approves new members"}
        </p>
        {invite.commission ? (
          <p className="mt-3 text-sm">
            {inviter} commissioned the group to write “<bdi>{invite.commission.title}</bdi>”. The group&apos;s members
            write the text and decide every change; {inviter} takes part like any member.
          </p>
        ) : null}
      </Card>
      <section aria-labelledby="join" className="mt-6">
        <h2 id="join" className="sr-only">
          Joining
        </h2>
        {invite.state !== "ACTIVE" ? (
          <p role="alert" className="rounded-md border border-danger bg-danger-soft px-4 py-3 text-danger">
            {INVITATION_PROBLEMS[invite.state]} You can still{" "}
            <Link href={groupHref} className="font-medium underline">
              visit the group
            </Link>
            .
          </p>
        ) : invite.viewerStatus === "ACTIVE" ? (
          // Also what someone sees straight after joining: the page re-renders without the form.
          <p role="status" className="rounded-md border border-accent bg-accent-soft px-4 py-3">
            You are a member of <bdi>{invite.group.name}</bdi>.{" "}
            <Link href={groupHref} className="font-medium text-accent underline">
              Go to the group
            </Link>
            .
          </p>
        ) : invite.viewerStatus === "PENDING" ? (
          <p role="status" className="rounded-md border border-accent bg-accent-soft px-4 py-3">
            Your request to join is waiting for the group&apos;s owners and moderators. They can see it came through
            this link.
          </p>
        ) : viewer ? (
          <div className="space-y-3">
            {invite.group.joinPolicy === "APPROVAL" ? (
              <p>The group&apos;s owners and moderators will see your request, and that it came through this link.</p>
            ) : null}
            <InvitationJoinForm token={token} joinPolicy={invite.group.joinPolicy} />
          </div>
        ) : (
          <div className="space-y-3">
            <p>Sign in to join, or create an account: either way you come back to this page.</p>
            <div className="flex flex-wrap gap-3">
              <Link href={signInPath(here)} className={buttonClass("primary")}>
                Sign in
              </Link>
              <Link href={registerPath(here)} className={buttonClass("secondary")}>
                Create an account
              </Link>
            </div>
          </div>
        )}
        {invite.state === "ACTIVE" && invite.expiresAt ? (
          <p className="mt-3 text-sm text-muted">This link works until {formatDate(invite.expiresAt)}.</p>
        ) : null}
      </section>
    </div>
  );
}
