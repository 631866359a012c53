import Link from "next/link";
import type { ComponentProps } from "react";
import { ActionForm } from "@/components/form/action-form";
import { Hidden, TextArea } from "@/components/form/fields";
import { buttonClass } from "@/components/ui/button-class";
import { groupPath, joinGroupPath, signInPath } from "@/lib/paths";
import type { MembershipFacts } from "@/server/authz/permissions";
import { joinGroupAction } from "../actions";

function describeMembership(membership: MembershipFacts, joinPolicy: "OPEN" | "APPROVAL") {
  if (!membership)
    return joinPolicy === "OPEN" ? "Anyone can join this group." : "Moderators approve each request to join.";
  if (membership.status === "PENDING") return "Your request to join is waiting for a moderator.";
  return `You are ${membership.role === "OWNER" ? "an owner" : membership.role === "MODERATOR" ? "a moderator" : "a member"} of this group.`;
}

/**
 * Join, ask to join, withdraw or leave, depending on where the viewer stands.
 * One form in one place whatever the state, so its confirmation survives the change it causes.
 */
export function MembershipPanel({
  group,
  membership,
  signedIn,
  returnTo,
  leaveAction,
}: {
  group: { id: string; slug: string; joinPolicy: "OPEN" | "APPROVAL" };
  membership: MembershipFacts;
  signedIn: boolean;
  /** Where the person came from to join (a proposal, a thread): they go back there once they are in. */
  returnTo?: string;
  /** Leaving also withdraws the member's open votes, so its action is wired in app/ (src/app/actions/memberships.ts). */
  leaveAction: ComponentProps<typeof ActionForm>["action"];
}) {
  if (!signedIn) {
    const here = returnTo ? joinGroupPath(group.slug, returnTo) : groupPath(group.slug);
    return (
      <p>
        <Link href={signInPath(here)} className={buttonClass("primary")}>
          Sign in to join
        </Link>
      </p>
    );
  }
  const joining = !membership;
  const label = joining
    ? group.joinPolicy === "OPEN"
      ? "Join group"
      : "Ask to join"
    : membership.status === "PENDING"
      ? "Withdraw request"
      : "Leave group";
  return (
    <div className="space-y-3">
      <p className="text-sm">{describeMembership(membership, group.joinPolicy)}</p>
      {membership?.status === "ACTIVE" ? (
        <p className="text-sm text-muted">If you leave, your votes on proposals still open here are withdrawn.</p>
      ) : null}
      <ActionForm
        action={joining ? joinGroupAction : leaveAction}
        submitLabel={label}
        buttonVariant={joining ? "primary" : "secondary"}
        ariaLabel="Membership"
      >
        <Hidden name="groupId" value={group.id} />
        <Hidden name="slug" value={group.slug} />
        {joining && returnTo ? <Hidden name="returnTo" value={returnTo} /> : null}
        {joining && group.joinPolicy === "APPROVAL" ? (
          <TextArea
            name="note"
            label="A note for the moderators"
            optional
            rows={3}
            maxLength={500}
            hint="Say briefly how you come to this topic. Only moderators see it."
          />
        ) : null}
      </ActionForm>
    </div>
  );
}
