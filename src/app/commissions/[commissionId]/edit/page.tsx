import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/form/action-form";
import { Hidden } from "@/components/form/fields";
import { PageHeader } from "@/components/ui/page-header";
import { updateCommissionAction } from "@/features/commissions/actions";
import { CommissionBriefFields, dayValue } from "@/features/commissions/components/commission-brief-fields";
import { commissionForEditing } from "@/features/commissions/queries/commission-form";
import { commissionEditPath, commissionPath } from "@/lib/paths";
import { requirePageUser } from "@/server/auth/page-guard";
import { pageParams } from "@/server/route-params";

export const metadata = { title: "Edit commission" };

export default async function EditCommissionPage({ params }: { params: Promise<{ commissionId: string }> }) {
  const { commissionId } = await pageParams(params, { commissionId: "uuid" });
  const viewer = await requirePageUser(commissionEditPath(commissionId));
  const commission = await commissionForEditing(viewer, commissionId);
  if (!commission) notFound();
  return (
    <div className="mx-auto max-w-3xl">
      <p className="text-sm">
        <Link href={commissionPath(commission.id)} className="text-accent underline">
          {commission.title}
        </Link>
      </p>
      <div className="mt-2">
        <PageHeader
          title="Edit the brief and timeline"
          intro="Papers already posted keep the text they started with: from posting on, the text is the group’s. Published versions keep the disclosure as it stood when they were published."
        />
      </div>
      <ActionForm
        action={updateCommissionAction}
        submitLabel="Save the commission"
        pendingLabel="Saving…"
        ariaLabel="Edit the commission"
        className="space-y-6"
      >
        <Hidden name="commissionId" value={commission.id} />
        <CommissionBriefFields
          defaults={{
            ...commission,
            contributionsOpenAt: dayValue(commission.contributionsOpenAt),
            draftingFrom: dayValue(commission.draftingFrom),
            deadlineAt: dayValue(commission.deadlineAt),
          }}
        />
      </ActionForm>
    </div>
  );
}
