import Link from "next/link";
import type { ReactNode } from "react";
import { ActionForm } from "@/components/form/action-form";
import { Hidden, SelectField, TextArea, TextField } from "@/components/form/fields";
import { PAPER_LIMITS as L } from "@/features/papers/limits";
import { createProposalAction, editProposalAction } from "../actions";
import type { PositionOption } from "../queries/proposal-form";
import { ProposalTypedDiff } from "./proposal-typed-diff";

export type ProposalFormVariant =
  | { kind: "AMEND_SECTION"; section: { id: string; body: string }; heading: string; body: string }
  | { kind: "ADD_SECTION"; positions: PositionOption[]; position: string; heading: string; body: string }
  | { kind: "REMOVE_SECTION"; section: { id: string; heading: string; body: string } }
  | {
      kind: "RETITLE";
      base: { title: string; question: string; summary: string };
      title: string;
      question: string;
      summary: string;
    }
  /** Publishing the draft as it stands: only a note of what changed, required from version 2 on. */
  | { kind: "PUBLISH"; lastVersion: number | null };

type Props = {
  paperId: string;
  /** The revision the form shows: the base a later three-way merge starts from. */
  baseRevision: number;
  variant: ProposalFormVariant;
  rationale?: string;
  /** Set when editing an existing proposal. */
  proposalId?: string;
  submitLabel: string;
  cancelHref: string;
  /** Shown above the fields, e.g. the current text to reconcile with. */
  intro?: ReactNode;
};

const SUBMIT_PENDING = "Saving…";

/** A section's heading and text, as amending or adding a section proposes them. */
function SectionTextFields({
  heading,
  body,
  rows,
  hint,
}: {
  heading: string;
  body: string;
  rows: number;
  hint: string;
}) {
  return (
    <>
      <TextField name="heading" label="Heading" defaultValue={heading} maxLength={L.heading} />
      <TextArea
        name="body"
        markdown="section"
        label="Section text"
        rows={rows}
        defaultValue={body}
        maxLength={L.sectionBody}
        hint={hint}
      />
    </>
  );
}

function Fields({ variant }: { variant: ProposalFormVariant }) {
  switch (variant.kind) {
    case "AMEND_SECTION":
      return (
        <>
          <Hidden name="sectionId" value={variant.section.id} />
          <SectionTextFields
            heading={variant.heading}
            body={variant.body}
            rows={16}
            hint="Edit the text as you want it to read."
          />
          <ProposalTypedDiff
            field="body"
            base={variant.section.body}
            label="Your changes to the section so far, word by word"
          />
        </>
      );
    case "ADD_SECTION":
      return (
        <>
          <SelectField
            name="position"
            label="Where it goes"
            options={variant.positions}
            defaultValue={variant.position}
          />
          <SectionTextFields
            heading={variant.heading}
            body={variant.body}
            rows={14}
            hint="Write the text as you want it to read."
          />
        </>
      );
    case "REMOVE_SECTION":
      return (
        <>
          <Hidden name="sectionId" value={variant.section.id} />
          <section aria-labelledby="removed-heading">
            <h2 id="removed-heading" className="font-medium">
              The text that would go
            </h2>
            {/* Shown plainly rather than struck through, so it is easy to read before deciding. */}
            <div className="mt-1 rounded border border-line border-l-4 border-l-rose-700 bg-white p-3">
              <p className="font-semibold">{variant.section.heading}</p>
              <div className="mt-2 whitespace-pre-wrap break-words font-serif text-[0.95rem] leading-relaxed">
                {variant.section.body}
              </div>
            </div>
          </section>
        </>
      );
    case "RETITLE":
      return (
        <>
          <TextField name="title" label="Title" defaultValue={variant.title} maxLength={L.title} />
          <TextArea
            name="question"
            label="The policy question"
            rows={2}
            defaultValue={variant.question}
            maxLength={L.question}
            hint="The question the paper answers."
          />
          <TextArea name="summary" label="Summary" rows={6} defaultValue={variant.summary} maxLength={L.summary} />
          <ProposalTypedDiff
            field="summary"
            base={variant.base.summary}
            label="Your changes to the summary so far, word by word"
          />
        </>
      );
    case "PUBLISH":
      return variant.lastVersion ? (
        <TextArea
          name="publicationNote"
          label={`What changed since version ${variant.lastVersion}`}
          rows={4}
          maxLength={L.rationale}
          hint={`Required. Readers of version ${variant.lastVersion + 1} see this note at the top: say in a sentence or two what is new or corrected.`}
        />
      ) : null;
  }
}

/** The one form for proposing, editing and updating the four kinds of change to a paper, and for proposing to publish it. */
export function ProposalForm({
  paperId,
  baseRevision,
  variant,
  rationale,
  proposalId,
  submitLabel,
  cancelHref,
  intro,
}: Props) {
  const kind = variant.kind;
  // One draft per change and target: an amendment to one section never restores into another's form.
  const target = "section" in variant ? variant.section.id : "paper";
  const draftName = `${proposalId ? `Edit proposal ${proposalId}` : "New proposal"} ${kind} ${target}`;
  return (
    <div className="space-y-5">
      {intro}
      <ActionForm
        key={draftName}
        action={proposalId ? editProposalAction : createProposalAction}
        submitLabel={submitLabel}
        pendingLabel={SUBMIT_PENDING}
        ariaLabel={submitLabel}
        draftName={draftName}
      >
        <Hidden name="kind" value={kind} />
        <Hidden name="paperId" value={paperId} />
        <Hidden name="baseRevision" value={String(baseRevision)} />
        {proposalId ? <Hidden name="proposalId" value={proposalId} /> : null}
        <Fields variant={variant} />
        <TextArea
          name="rationale"
          markdown="text"
          label={kind === "PUBLISH" ? "Why publish now?" : "Why this change?"}
          rows={5}
          defaultValue={rationale ?? ""}
          maxLength={L.rationale}
          hint={
            kind === "PUBLISH"
              ? `At least 10 characters. Voters read this first: say why the draft is ready to be published.`
              : `At least 10 characters. Voters read this first: say what the change fixes or improves, and what it draws on.`
          }
        />
      </ActionForm>
      <p>
        <Link href={cancelHref} className="text-sm font-medium text-accent underline">
          Cancel and go back
        </Link>
      </p>
    </div>
  );
}
