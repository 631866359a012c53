import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/form/action-form";
import { Hidden } from "@/components/form/fields";
import { Card } from "@/components/ui/card";
import { OrganisationName } from "@/components/ui/organisation-name";
import { PageHeader } from "@/components/ui/page-header";
import { acceptInvitationAction, declineInvitationAction } from "@/features/organisations/actions";
import { getInvitationForInvitee } from "@/features/organisations/queries";
import { ORGANISATION_KIND_LABELS } from "@/features/organisations/schemas";
import { formatDate } from "@/lib/dates";
import { invitationPath, organisationPath } from "@/lib/paths";
import { requirePageUser } from "@/server/auth/page-guard";
import { pageParams } from "@/server/route-params";

export const metadata = { title: "Invitation to be an organisation admin" };

export default async function InvitationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await pageParams(params, { id: "uuid" });
  const viewer = await requirePageUser(invitationPath(id));
  const invitation = await getInvitationForInvitee(viewer, id);
  if (!invitation) notFound();
  const { organisation } = invitation;
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title={`Become an admin of ${organisation.name}?`} />
      <Card>
        <p className="flex flex-wrap items-center gap-x-2">
          <OrganisationName slug={organisation.slug} name={organisation.name} verified={organisation.verified} />
          <span className="text-sm text-muted">{ORGANISATION_KIND_LABELS[organisation.kind]}</span>
        </p>
        <p className="mt-2 text-sm text-muted">
          {invitation.inviter ? `${invitation.inviter.displayName} invited you` : "You were invited"} on{" "}
          {formatDate(invitation.createdAt)}.
        </p>
        {invitation.acceptedAt ? (
          <p className="mt-4">
            You accepted this invitation.{" "}
            <Link href={organisationPath(organisation.slug)} className="text-accent underline">
              Go to the organisation
            </Link>
          </p>
        ) : (
          <>
            <p className="mt-4">
              Admins edit the organisation&apos;s details, invite other admins, and create and post commissions in its
              name. In the groups they work on, admins have no more say than any other member.
            </p>
            <div className="mt-5 flex flex-wrap items-start gap-3">
              <ActionForm
                action={acceptInvitationAction}
                submitLabel="Accept"
                pendingLabel="Accepting…"
                className="flex flex-col gap-2"
                ariaLabel="Accept the invitation"
              >
                <Hidden name="invitationId" value={invitation.id} />
              </ActionForm>
              <ActionForm
                action={declineInvitationAction}
                submitLabel="Decline"
                pendingLabel="Declining…"
                buttonVariant="secondary"
                className="flex flex-col gap-2"
                ariaLabel="Decline the invitation"
              >
                <Hidden name="invitationId" value={invitation.id} />
              </ActionForm>
            </div>
          </>
        )}
      </Card>
    </div>
  );
}
