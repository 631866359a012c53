import { ActionForm } from "@/components/form/action-form";
import { Hidden } from "@/components/form/fields";
import { joinThroughInvitationAction } from "../invitation-actions";

export function InvitationJoinForm({ token, joinPolicy }: { token: string; joinPolicy: "OPEN" | "APPROVAL" }) {
  return (
    <ActionForm
      action={joinThroughInvitationAction}
      submitLabel={joinPolicy === "OPEN" ? "Join the group" : "Ask to join"}
      pendingLabel="Joining…"
      ariaLabel="Join through this invitation"
      className="space-y-3"
    >
      <Hidden name="token" value={token} />
    </ActionForm>
  );
}
