import { notFound } from "next/navigation";
import { ActionForm } from "@/components/form/action-form";
import { Hidden, TextArea } from "@/components/form/fields";
import { CommissionCredit } from "@/components/ui/commission-credit";
import { Refusal } from "@/components/ui/refusal";
import { declineCommissionAction } from "@/features/commissions/actions";
import { COMMISSION_LIMITS } from "@/features/commissions/limits";
import { getPaperCommission } from "@/features/commissions/queries/paper-commission";
import { PaperSubpage } from "@/features/papers/components/paper-subpage";
import { paperAccessBySlug } from "@/features/papers/queries/paper-access";
import { paperPath } from "@/lib/paths";
import { requirePageUser } from "@/server/auth/page-guard";
import { REFUSALS } from "@/server/authz/refusals";
import { orNotFound } from "@/server/not-found";
import { pageParams } from "@/server/route-params";

export const metadata = { title: "Decline the commission" };

type Params = { params: Promise<{ slug: string; paper: string }> };

export default async function DeclineCommissionPage({ params }: Params) {
  const { slug, paper: paperSlug } = await pageParams(params, { slug: "slug", paper: "slug" });
  const viewer = await requirePageUser(`${paperPath(slug, paperSlug)}/decline`);
  const { paper, group } = await orNotFound(paperAccessBySlug(viewer, slug, paperSlug));
  const commission = await getPaperCommission(viewer, paper.id);
  if (!commission) notFound();
  const back = paperPath(group.slug, paper.slug);
  return (
    <PaperSubpage
      group={group}
      paper={paper}
      title="Decline the commission"
      intro={<CommissionCredit organisation={commission.organisation} commissionId={commission.commissionId} />}
    >
      {commission.can.decline ? (
        <>
          <p className="mb-4 max-w-prose">
            Declining tells {commission.organisation.name} that {group.name} will not write “{paper.title}”. Any open
            vote on taking it on is withdrawn. The paper stays readable, marked declined, and your reason appears in the
            group’s public moderation log.
          </p>
          <ActionForm
            action={declineCommissionAction}
            submitLabel="Decline the commission"
            pendingLabel="Declining…"
            buttonVariant="danger"
            ariaLabel="Decline the commission"
          >
            <Hidden name="paperId" value={paper.id} />
            <TextArea
              name="reason"
              label="The reason"
              rows={4}
              maxLength={COMMISSION_LIMITS.declineReason}
              hint="Members and the organisation will read it."
            />
          </ActionForm>
        </>
      ) : (
        <Refusal next={{ href: back, label: "Back to the paper" }}>
          {commission.state === "AWAITING" || commission.state === "OVERDUE"
            ? REFUSALS["commission.decline"]
            : "The group has already decided on this commission."}
        </Refusal>
      )}
    </PaperSubpage>
  );
}
