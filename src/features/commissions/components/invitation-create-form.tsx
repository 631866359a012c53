import { ActionForm } from "@/components/form/action-form";
import { Hidden, TextField } from "@/components/form/fields";
import { createInvitationLinkAction } from "../invitation-actions";
import { COMMISSION_LIMITS as L } from "../limits";

/** Makes a link into one group that took the commission on. */
export function InvitationCreateForm({
  commissionId,
  group,
}: {
  commissionId: string;
  group: { slug: string; name: string; joinPolicy: "OPEN" | "APPROVAL" };
}) {
  return (
    <ActionForm
      action={createInvitationLinkAction}
      submitLabel="Make a link"
      pendingLabel="Making…"
      ariaLabel={`New invitation link to ${group.name}`}
      className="space-y-4"
    >
      <Hidden name="commissionId" value={commissionId} />
      <Hidden name="groupSlug" value={group.slug} />
      <TextField
        name="note"
        label="Who the link is for"
        maxLength={L.invitationNote}
        required
        hint={`Shown to everyone who opens the link, e.g. “Parents who use the Sure Start centre in Leeds”.${group.joinPolicy === "APPROVAL" ? " This group approves new members: people who follow the link ask to join, and the group decides." : ""}`}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          name="expiresInDays"
          label="Days the link works"
          type="number"
          defaultValue="30"
          hint={`1 to ${L.invitationDays}.`}
        />
        <TextField
          name="maxUses"
          label="The most people who may join through it"
          type="number"
          optional
          hint="Leave blank for no limit."
        />
      </div>
    </ActionForm>
  );
}
