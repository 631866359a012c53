import Link from "next/link";
import { ActionForm } from "@/components/form/action-form";
import { Hidden, TextArea } from "@/components/form/fields";
import { CommissionCredit } from "@/components/ui/commission-credit";
import { formatDate, formatDateTime } from "@/lib/dates";
import { proposalPath } from "@/lib/paths";
import { proposeAcceptanceAction } from "../actions";
import type { PaperCommission } from "../queries/paper-commission";
import { daysLeft } from "../timeline";
import { PostingBadge } from "./phase-badge";

function DeadlineLine({ commission, now }: { commission: PaperCommission; now: Date }) {
  const left = daysLeft(commission.deadlineAt, now);
  const when = `Deadline ${formatDate(commission.deadlineAt)}`;
  if (commission.state === "PUBLISHED" || commission.state === "DECLINED")
    return <p className="text-sm text-muted">{when}.</p>;
  if (left < 0)
    return (
      <p className="text-sm font-semibold text-danger">
        {when}: overdue. Nothing is closed or forced; the group publishes when it is ready.
      </p>
    );
  return (
    <p className="text-sm">
      {when} ({left === 0 ? "today" : `${left} ${left === 1 ? "day" : "days"} left`}).
    </p>
  );
}

/** Who commissioned the paper, where the group's decision stands, and the next step for the viewer. */
export function PaperCommissionPanel({
  commission,
  paperId,
  declineHref,
  now,
}: {
  commission: PaperCommission;
  paperId: string;
  declineHref: string;
  now: Date;
}) {
  const awaiting = commission.state === "AWAITING" || (commission.state === "OVERDUE" && commission.decidedAt === null);
  return (
    <section aria-labelledby="paper-commission" className="mt-4 rounded-lg border border-accent bg-accent-soft/40 p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h2 id="paper-commission" className="sr-only">
          Commission
        </h2>
        <CommissionCredit
          organisation={commission.organisation}
          commissionId={commission.commissionId}
          className="text-base"
        />
        <PostingBadge state={commission.state} />
      </div>
      <DeadlineLine commission={commission} now={now} />
      {commission.state === "DECLINED" ? (
        <p className="mt-2 text-sm">
          The group’s owners declined this commission
          {commission.decidedAt ? ` on ${formatDate(commission.decidedAt)}` : ""}
          {commission.declineReason ? `: “${commission.declineReason}”` : "."}
        </p>
      ) : null}
      {awaiting ? (
        <div className="mt-3 space-y-3 text-sm">
          <p>
            The group has not yet decided whether to take this on. Until it does, the text below is the organisation’s
            brief and takes no proposals. Members decide by vote; the group’s owners may decline it instead.
          </p>
          {commission.openAcceptance ? (
            <p className="font-medium">
              Members are voting on taking it on:{" "}
              <Link href={proposalPath(commission.openAcceptance.id)} className="text-accent underline">
                proposal #{commission.openAcceptance.number}
              </Link>
              , voting closes {formatDateTime(commission.openAcceptance.closesAt)}.
            </p>
          ) : null}
          {commission.can.proposeAcceptance ? (
            <details className="rounded-md border border-line bg-white p-3">
              <summary className="cursor-pointer font-semibold">Propose that the group takes it on</summary>
              <ActionForm
                action={proposeAcceptanceAction}
                submitLabel="Open the vote"
                pendingLabel="Opening…"
                ariaLabel="Propose taking the commission on"
                className="mt-3 space-y-4"
              >
                <Hidden name="paperId" value={paperId} />
                <TextArea
                  name="rationale"
                  markdown="text"
                  label="Why the group should take it on"
                  rows={3}
                  maxLength={2000}
                  hint="Members vote under the paper’s decision rules."
                />
              </ActionForm>
            </details>
          ) : null}
          {commission.can.decline ? (
            <p>
              <Link href={declineHref} className="font-medium text-danger underline">
                Decline the commission
              </Link>
              <span className="text-muted"> (owners; the reason is shown in the group’s public log)</span>
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
