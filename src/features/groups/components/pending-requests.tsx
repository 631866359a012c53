import Link from "next/link";
import { ActionForm } from "@/components/form/action-form";
import { Hidden } from "@/components/form/fields";
import { PerspectiveBadge } from "@/components/ui/perspective-badge";
import { formatDate } from "@/lib/dates";
import { personPath } from "@/lib/paths";
import { type PerspectiveValue, SECTOR_LABELS, type SectorValue } from "@/lib/perspectives";
import { approveMembershipAction, rejectMembershipAction } from "../actions";

export function PendingRequests({
  group,
  requests,
}: {
  group: { id: string; slug: string };
  requests: {
    userId: string;
    handle: string;
    displayName: string;
    perspective: PerspectiveValue;
    sector: SectorValue | null;
    note: string;
    requestedAt: Date;
  }[];
}) {
  return (
    <section aria-labelledby="requests-heading" className="mb-8">
      <h2 id="requests-heading" className="mb-3 text-xl font-semibold">
        Requests to join ({requests.length})
      </h2>
      {requests.length === 0 ? (
        <p className="text-muted">No one is waiting.</p>
      ) : (
        <ul className="space-y-3">
          {requests.map((r) => (
            <li key={r.userId} className="rounded-lg border border-line bg-warn-soft p-4">
              <Link href={personPath(r.handle)} className="font-medium underline">
                {r.displayName}
              </Link>{" "}
              <PerspectiveBadge perspective={r.perspective} />{" "}
              {r.sector ? <span className="text-sm">{SECTOR_LABELS[r.sector]}</span> : null}
              <p className="text-sm text-muted">Asked {formatDate(r.requestedAt)}</p>
              {r.note ? <blockquote className="mt-2 border-l-4 border-line pl-3 text-sm">{r.note}</blockquote> : null}
              <div className="mt-3 flex flex-wrap gap-2">
                {[
                  { action: approveMembershipAction, label: `Approve ${r.displayName}`, variant: "primary" as const },
                  { action: rejectMembershipAction, label: "Decline", variant: "secondary" as const },
                ].map((b) => (
                  <ActionForm key={b.label} action={b.action} submitLabel={b.label} buttonVariant={b.variant}>
                    <Hidden name="groupId" value={group.id} />
                    <Hidden name="userId" value={r.userId} />
                    <Hidden name="slug" value={group.slug} />
                  </ActionForm>
                ))}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
