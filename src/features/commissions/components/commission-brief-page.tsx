import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";
import { ActionForm } from "@/components/form/action-form";
import { PageHeader } from "@/components/ui/page-header";
import { type BriefDefaults, CommissionBriefFields } from "./commission-brief-fields";

/**
 * The page that writes a commission's brief and timeline, new or edited: the way back, the header,
 * and the form (its hidden ids, the brief fields, then anything else it asks).
 */
export function CommissionBriefPage({
  back,
  title,
  intro,
  form,
  hidden,
  defaults,
  children,
}: {
  back: { href: string; label: string };
  title: string;
  intro: ReactNode;
  form: Pick<ComponentProps<typeof ActionForm>, "action" | "submitLabel" | "pendingLabel" | "ariaLabel">;
  hidden: ReactNode;
  defaults: BriefDefaults;
  children?: ReactNode;
}) {
  return (
    <div className="mx-auto max-w-3xl">
      <p className="text-sm">
        <Link href={back.href} className="text-accent underline">
          {back.label}
        </Link>
      </p>
      <div className="mt-2">
        <PageHeader title={title} intro={intro} />
      </div>
      <ActionForm {...form} className="space-y-6">
        {hidden}
        <CommissionBriefFields defaults={defaults} />
        {children}
      </ActionForm>
    </div>
  );
}
