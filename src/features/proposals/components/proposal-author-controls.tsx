import Link from "next/link";
import { ActionForm } from "@/components/form/action-form";
import { Hidden } from "@/components/form/fields";
import { buttonClass } from "@/components/ui/button-class";
import { proposalPath } from "@/lib/paths";
import { withdrawProposalAction } from "../actions";

/** Shown to everyone when a passed proposal could not be merged; the proposer gets the way out. */
export function NeedsUpdateNotice({
  proposalId,
  note,
  isAuthor,
  canChange,
}: {
  proposalId: string;
  note: string | null;
  isAuthor: boolean;
  canChange: boolean;
}) {
  return (
    <div role="note" className="mb-6 rounded-lg border-2 border-amber-600 bg-warn-soft p-4">
      <h2 className="text-lg font-semibold">This proposal passed, but needs updating before it can be merged</h2>
      <p className="mt-1">{note ?? "The text changed while voting was open."} Nothing in the paper was overwritten.</p>
      {isAuthor ? (
        <>
          <p className="mt-2">
            Update your proposal against the paper’s current text. Voting then opens again for a full period, and the
            earlier votes no longer count.
          </p>
          {canChange ? (
            <Link href={`${proposalPath(proposalId)}/edit`} className={`${buttonClass("primary")} mt-3`}>
              Update the proposal
            </Link>
          ) : null}
        </>
      ) : (
        <p className="mt-2 text-sm text-muted">
          The proposer has been told and can update it; voting will then open again.
        </p>
      )}
    </div>
  );
}

/** Edit and withdraw, for the proposer while the proposal is open or needs updating. */
export function ProposalAuthorControls({ proposalId, needsUpdate }: { proposalId: string; needsUpdate: boolean }) {
  return (
    <div className="mb-6 flex flex-wrap items-start gap-3">
      {needsUpdate ? null : (
        <Link href={`${proposalPath(proposalId)}/edit`} className={buttonClass("secondary")}>
          Edit the proposal
        </Link>
      )}
      <details className="group rounded-md border border-line bg-white">
        <summary className="cursor-pointer list-none px-4 py-2 text-sm font-semibold min-h-10 flex items-center">
          Withdraw…
        </summary>
        <div className="max-w-md space-y-3 border-t border-line px-4 py-3 text-sm">
          <p>
            Withdrawing closes this proposal for good and tells the people who voted. It cannot be reopened; you can
            make a new proposal later.
          </p>
          <ActionForm
            action={withdrawProposalAction}
            submitLabel="Yes, withdraw it"
            pendingLabel="Withdrawing…"
            buttonVariant="danger"
            ariaLabel="Withdraw the proposal"
            className="space-y-3"
          >
            <Hidden name="proposalId" value={proposalId} />
          </ActionForm>
        </div>
      </details>
    </div>
  );
}
