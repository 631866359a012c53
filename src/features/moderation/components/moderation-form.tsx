import type { ComponentProps, ReactNode } from "react";
import { ActionForm } from "@/components/form/action-form";
import { TextField } from "@/components/form/fields";

/** The reason a moderator gives: for the log by default, optional unless said otherwise. */
export type ReasonField = { label?: string; optional?: boolean; hint?: string };

/**
 * One moderator's action on a post or a thread, as every moderation menu draws it: the hidden
 * ids, a reason (unless `reason` is null), any further fields, and a secondary button.
 */
export function ModerationForm({
  action,
  submitLabel,
  pendingLabel = "Saving…",
  variant = "secondary",
  ariaLabel = submitLabel,
  className = "space-y-2",
  hidden,
  reason = {},
  children,
}: {
  action: ComponentProps<typeof ActionForm>["action"];
  submitLabel: string;
  pendingLabel?: string;
  variant?: "secondary" | "danger";
  ariaLabel?: string;
  className?: string;
  hidden: ReactNode;
  reason?: ReasonField | null;
  children?: ReactNode;
}) {
  return (
    <ActionForm
      action={action}
      submitLabel={submitLabel}
      pendingLabel={pendingLabel}
      buttonVariant={variant}
      className={className}
      ariaLabel={ariaLabel}
    >
      {hidden}
      {reason ? (
        <TextField
          name="reason"
          label={reason.label ?? "Reason for the log"}
          optional={reason.optional ?? true}
          maxLength={500}
          hint={reason.hint}
        />
      ) : null}
      {children}
    </ActionForm>
  );
}
