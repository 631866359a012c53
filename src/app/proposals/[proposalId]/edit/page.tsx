import { Refusal } from "@/components/ui/refusal";
import { ProposalForm, type ProposalFormVariant } from "@/features/proposals/components/proposal-form";
import { ProposalBreadcrumb } from "@/features/proposals/components/proposal-header";
import { ProposalReconcile } from "@/features/proposals/components/proposal-reconcile";
import { ProposalRulesNote } from "@/features/proposals/components/proposal-rules-note";
import { getProposalEditForm, type ProposalEditForm } from "@/features/proposals/queries/proposal-form";
import { proposalPath } from "@/lib/paths";
import { requirePageUser } from "@/server/auth/page-guard";
import { orNotFound } from "@/server/not-found";
import { pageParams } from "@/server/route-params";

export const metadata = { title: "Edit your proposal" };

function variantOf(f: ProposalEditForm): ProposalFormVariant | null {
  switch (f.proposal.kind) {
    case "AMEND_SECTION":
      return f.section && f.heading && f.body
        ? { kind: "AMEND_SECTION", section: f.section, heading: f.heading.value, body: f.body.value }
        : null;
    case "REMOVE_SECTION":
      return f.section ? { kind: "REMOVE_SECTION", section: f.section } : null;
    case "ADD_SECTION":
      return f.added ? { kind: "ADD_SECTION", positions: f.positions, ...f.added } : null;
    case "RETITLE":
      return f.front
        ? {
            kind: "RETITLE",
            base: {
              title: f.front.title.current,
              question: f.front.question.current,
              summary: f.front.summary.current,
            },
            title: f.front.title.value,
            question: f.front.question.value,
            summary: f.front.summary.value,
          }
        : null;
  }
}

/** What saving does to the votes, said before the person saves. */
function Consequences({ f }: { f: ProposalEditForm }) {
  const votes = f.proposal.voteCount;
  if (f.proposal.status === "NEEDS_UPDATE") {
    return (
      <ProposalRulesNote
        rules={f.rules}
        lead={`Saving updates your proposal against revision ${f.paper.revisionNumber}, the paper as it is now, and opens voting again. The votes cast on the earlier version no longer count${votes > 0 ? ", and the people who cast them are told" : ""}.`}
      />
    );
  }
  if (f.proposal.kind === "REMOVE_SECTION" && !f.removalChanged) {
    return (
      <p className="rounded-md border border-line bg-white px-4 py-3 text-sm">
        You can change the rationale. The votes cast so far keep counting, and voting closes when it was going to.
      </p>
    );
  }
  return (
    <div className="space-y-2 rounded-md border border-line bg-white px-4 py-3 text-sm">
      <p>
        <strong>Changing the text starts a new version.</strong>{" "}
        {votes > 0
          ? `The ${votes} ${votes === 1 ? "vote" : "votes"} cast so far will no longer count, and the voters are told so they can vote again`
          : "Any votes cast by then will no longer count"}
        ; voting runs for a full period again under the paper’s current rules.
      </p>
      <p>Changing only the rationale keeps the votes and the closing time.</p>
    </div>
  );
}

export default async function EditProposalPage({ params }: { params: Promise<{ proposalId: string }> }) {
  const { proposalId } = await pageParams(params, { proposalId: "uuid" });
  const viewer = await requirePageUser(`${proposalPath(proposalId)}/edit`);
  const f = await orNotFound(getProposalEditForm(viewer, proposalId));
  const back = proposalPath(proposalId);
  const variant = f.blocked ? null : variantOf(f);
  const needsUpdate = f.proposal.status === "NEEDS_UPDATE";

  return (
    <div className="mx-auto max-w-3xl">
      <ProposalBreadcrumb
        group={f.group}
        paper={f.paper}
        last={{ label: `Proposal #${f.proposal.number}`, href: back }}
      />
      <h1 className="mt-3 mb-4 text-2xl font-bold tracking-tight sm:text-3xl">
        {needsUpdate ? `Update proposal #${f.proposal.number}` : `Edit proposal #${f.proposal.number}`}
      </h1>

      {f.blocked || !variant ? (
        <Refusal role="alert" next={{ href: back, label: "Back to the proposal" }}>
          {f.blocked ?? "This proposal can no longer be edited."}
        </Refusal>
      ) : (
        <ProposalForm
          paperId={f.paper.id}
          baseRevision={f.paper.revisionNumber}
          proposalId={f.proposal.id}
          variant={variant}
          rationale={f.proposal.rationale}
          submitLabel={needsUpdate ? "Update and reopen voting" : "Save changes"}
          cancelHref={back}
          intro={
            <>
              {needsUpdate && f.proposal.statusNote ? (
                <p className="rounded-md border-2 border-amber-600 bg-warn-soft px-4 py-3">
                  <strong>Why it needs updating:</strong> {f.proposal.statusNote}
                </p>
              ) : null}
              {f.removalChanged ? (
                <p className="rounded-md border-2 border-amber-600 bg-warn-soft px-4 py-3">
                  The section changed after you proposed removing it. The text below is the section as it is now: check
                  that removing it still makes sense.
                </p>
              ) : null}
              {f.heading && f.body ? (
                <ProposalReconcile
                  what="The section"
                  fields={[
                    { label: "Heading", field: f.heading },
                    { label: "Text", field: f.body },
                  ]}
                />
              ) : null}
              {f.front ? (
                <ProposalReconcile
                  what="The title, question or summary"
                  fields={[
                    { label: "Title", field: f.front.title },
                    { label: "The policy question", field: f.front.question },
                    { label: "Summary", field: f.front.summary },
                  ]}
                />
              ) : null}
              <Consequences f={f} />
            </>
          }
        />
      )}
    </div>
  );
}
