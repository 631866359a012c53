"use client";

import { useFormStatus } from "react-dom";
import { buttonClass } from "@/components/ui/button-class";

export function SubmitButton({
  label,
  pendingLabel,
  variant = "primary",
}: {
  label: string;
  pendingLabel?: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={buttonClass(variant)} disabled={pending} aria-disabled={pending}>
      {pending ? (pendingLabel ?? "Saving…") : label}
    </button>
  );
}
