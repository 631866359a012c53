import { ActionForm } from "@/components/form/action-form";
import { Hidden } from "@/components/form/fields";
import { revokeInvitationAction } from "../invitation-actions";

/** Stops one link working; `from` is the page to refresh afterwards. */
export function InvitationRevokeForm({ invitationId, from }: { invitationId: string; from: string }) {
  return (
    <ActionForm
      action={revokeInvitationAction}
      submitLabel="Revoke link"
      pendingLabel="Revoking…"
      buttonVariant="danger"
      className="space-y-2"
      ariaLabel="Revoke this link"
    >
      <Hidden name="invitationId" value={invitationId} />
      <Hidden name="from" value={from} />
    </ActionForm>
  );
}
