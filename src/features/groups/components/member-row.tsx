import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";
import { ActionForm } from "@/components/form/action-form";
import { Hidden, SelectField, TextField } from "@/components/form/fields";
import { PerspectiveBadge } from "@/components/ui/perspective-badge";
import { personPath } from "@/lib/paths";
import type { PerspectiveValue } from "@/lib/perspectives";
import { changeRoleAction } from "../actions";

const ROLE_LABELS = { OWNER: "Owner", MODERATOR: "Moderator", MEMBER: "Member" } as const;

export function MemberRow({
  group,
  member,
  canChangeRole,
  canRemove,
  suspend,
  removeAction,
}: {
  group: { id: string; slug: string };
  member: {
    userId: string;
    handle: string;
    displayName: string;
    perspective: PerspectiveValue;
    role: keyof typeof ROLE_LABELS;
  };
  canChangeRole: boolean;
  canRemove: boolean;
  /** The moderators' suspend form for this member, composed by the page (moderation owns it). */
  suspend?: ReactNode;
  /** Removing also withdraws the member's open votes, so its action is wired in app/ (src/app/actions/memberships.ts). */
  removeAction: ComponentProps<typeof ActionForm>["action"];
}) {
  const hidden = (
    <>
      <Hidden name="groupId" value={group.id} />
      <Hidden name="userId" value={member.userId} />
      <Hidden name="slug" value={group.slug} />
    </>
  );
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 px-4 py-3" data-testid={`member-${member.handle}`}>
      <div>
        <Link href={personPath(member.handle)} className="font-medium text-accent underline">
          {member.displayName}
        </Link>{" "}
        <span className="text-sm text-muted">@{member.handle}</span>
        <div className="mt-1 flex items-center gap-2 text-sm">
          <PerspectiveBadge perspective={member.perspective} />
          <span>{ROLE_LABELS[member.role]}</span>
        </div>
      </div>
      {canChangeRole || canRemove || suspend ? (
        <div className="flex flex-wrap items-start gap-3">
          {canChangeRole ? (
            <ActionForm
              action={changeRoleAction}
              submitLabel="Change role"
              buttonVariant="secondary"
              className="flex items-end gap-2"
              ariaLabel={`Role of ${member.displayName}`}
            >
              {hidden}
              <SelectField
                name="role"
                label="Role"
                defaultValue={member.role}
                options={Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }))}
              />
            </ActionForm>
          ) : null}
          {suspend ?? null}
          {canRemove ? (
            <details>
              <summary className="cursor-pointer py-2 text-sm font-medium">Remove…</summary>
              <ActionForm
                action={removeAction}
                submitLabel="Remove from group"
                buttonVariant="danger"
                className="mt-2 space-y-2"
              >
                {hidden}
                <TextField name="reason" label="Reason (recorded in the moderation log)" maxLength={500} />
              </ActionForm>
            </details>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
