import { notFound } from "next/navigation";
import { Hidden } from "@/components/form/fields";
import { updateCommissionAction } from "@/features/commissions/actions";
import { dayValue } from "@/features/commissions/components/commission-brief-fields";
import { CommissionBriefPage } from "@/features/commissions/components/commission-brief-page";
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
    <CommissionBriefPage
      back={{ href: commissionPath(commission.id), label: commission.title }}
      title="Edit the brief and timeline"
      intro="Papers already posted keep the text they started with: from posting on, the text is the group’s. Published versions keep the disclosure as it stood when they were published."
      form={{
        action: updateCommissionAction,
        submitLabel: "Save the commission",
        pendingLabel: "Saving…",
        ariaLabel: "Edit the commission",
      }}
      hidden={<Hidden name="commissionId" value={commission.id} />}
      defaults={{
        ...commission,
        contributionsOpenAt: dayValue(commission.contributionsOpenAt),
        draftingFrom: dayValue(commission.draftingFrom),
        deadlineAt: dayValue(commission.deadlineAt),
      }}
    />
  );
}
