import Link from "next/link";
import { ActionForm } from "@/components/form/action-form";
import { Hidden, TextArea } from "@/components/form/fields";
import { buttonClass } from "@/components/ui/button-class";
import type { MembershipFacts } from "@/server/authz/permissions";
import { joinGroupAction, leaveGroupAction } from "../actions";

/** Join, request to join, withdraw or leave, depending on where the viewer stands. */
export function MembershipPanel({
  group,
  membership,
  signedIn,
}: {
  group: { id: string; slug: string; joinPolicy: "OPEN" | "APPROVAL" };
  membership: MembershipFacts;
  signedIn: boolean;
}) {
  if (!signedIn) {
    return (
      <p>
        <Link href={`/signin?callbackUrl=/groups/${group.slug}`} className={buttonClass("primary")}>Sign in to join</Link>
      </p>
    );
  }
  const hidden = (
    <>
      <Hidden name="groupId" value={group.id} />
      <Hidden name="slug" value={group.slug} />
    </>
  );
  if (!membership) {
    return group.joinPolicy === "OPEN" ? (
      <ActionForm action={joinGroupAction} submitLabel="Join group" pendingLabel="Joining…" ariaLabel="Join group">{hidden}</ActionForm>
    ) : (
      <ActionForm action={joinGroupAction} submitLabel="Ask to join" pendingLabel="Sending…" ariaLabel="Ask to join">
        {hidden}
        <TextArea name="note" label="A note for the moderators" optional rows={3} maxLength={500}
          hint="Say briefly how you come to this topic. Only moderators see it." />
      </ActionForm>
    );
  }
  return (
    <div className="space-y-2">
      <p className="text-sm">
        {membership.status === "PENDING"
          ? "Your request to join is waiting for a moderator."
          : `You are ${membership.role === "OWNER" ? "an owner" : membership.role === "MODERATOR" ? "a moderator" : "a member"} of this group.`}
      </p>
      <ActionForm action={leaveGroupAction} submitLabel={membership.status === "PENDING" ? "Withdraw request" : "Leave group"} buttonVariant="secondary">
        {hidden}
      </ActionForm>
    </div>
  );
}
