import { ActionForm } from "@/components/form/action-form";
import { Hidden, TextField } from "@/components/form/fields";
import { formatDate } from "@/lib/dates";
import { inviteAdminAction, revokeInvitationAction } from "../actions";

type Pending = {
  id: string;
  inviteeHandle: string;
  createdAt: Date;
  inviter: { handle: string; displayName: string } | null;
};

/** Admins invite another member by handle and see who has not answered yet. */
export function InvitationsPanel({
  organisation,
  pending,
}: {
  organisation: { id: string; slug: string };
  pending: Pending[];
}) {
  return (
    <div className="space-y-4">
      <ActionForm
        action={inviteAdminAction}
        submitLabel="Send invitation"
        pendingLabel="Sending…"
        className="space-y-3"
        ariaLabel="Invite an admin"
      >
        <Hidden name="organisationId" value={organisation.id} />
        <Hidden name="slug" value={organisation.slug} />
        <TextField
          name="handle"
          label="Member's username"
          maxLength={31}
          autoComplete="off"
          hint="As shown on their profile, e.g. @amara_o. They become an admin once they accept."
        />
      </ActionForm>
      <h3 className="text-base font-semibold">Waiting for an answer</h3>
      {pending.length === 0 ? (
        <p className="text-sm text-muted">No invitations are waiting.</p>
      ) : (
        <ul className="divide-y divide-line rounded-lg border border-line bg-white">
          {pending.map((invitation) => (
            <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
              <div className="min-w-0 text-sm">
                <span className="font-medium break-all">@{invitation.inviteeHandle}</span>
                <p className="text-muted">
                  Invited {formatDate(invitation.createdAt)}
                  {invitation.inviter ? ` by ${invitation.inviter.displayName}` : ""}
                </p>
              </div>
              <ActionForm
                action={revokeInvitationAction}
                submitLabel="Withdraw"
                buttonVariant="secondary"
                className="flex flex-col items-end gap-2"
                ariaLabel={`Withdraw the invitation to @${invitation.inviteeHandle}`}
              >
                <Hidden name="invitationId" value={invitation.id} />
                <Hidden name="slug" value={organisation.slug} />
              </ActionForm>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
