import { DiffLegend, DiffView } from "@/components/ui/diff-view";
import { wordDiff } from "@/features/papers/text/word-diff";
import type { RebasedField } from "../queries/proposal-form";

function Diff({ title, before, after }: { title: string; before: string; after: string }) {
  return (
    <div>
      <h4 className="text-sm font-semibold">{title}</h4>
      <DiffView className="mt-1" parts={wordDiff(before, after)} />
    </div>
  );
}

/**
 * When the paper changed since the proposal was written: what changed, and how the proposer's
 * text relates to the current one. A clean merge is prefilled for them to check; a clash keeps
 * their own text in the form, with the current text here to reconcile it with.
 */
export function ProposalReconcile({
  what,
  fields,
}: {
  what: string;
  fields: { label: string; field: RebasedField }[];
}) {
  const moved = fields.filter((f) => f.field.state !== "unchanged");
  if (moved.length === 0) return null;
  const clash = moved.some((f) => f.field.state === "conflict");
  return (
    <section
      aria-labelledby="reconcile-heading"
      className="space-y-4 rounded-lg border-2 border-amber-600 bg-warn-soft p-4"
    >
      <h2 id="reconcile-heading" className="text-lg font-semibold">
        {clash
          ? `${what} changed since you wrote this proposal, in the same places`
          : `${what} changed since you wrote this proposal`}
      </h2>
      <p className="text-sm">
        {clash
          ? "Some passages were changed both by you and by a change merged since. The form below holds your text as you wrote it; compare it with the current text here and bring it up to date, so that saving does not undo other people’s changes."
          : "Your change has been applied to the current text in the form below, keeping the changes merged since. Check it before saving."}
      </p>
      <DiffLegend />
      {moved.map(({ label, field }) => (
        <div key={label} className="space-y-3 rounded-md border border-line bg-white/60 p-3">
          <h3 className="font-semibold">{label}</h3>
          <Diff title="What changed since you wrote your proposal" before={field.base} after={field.current} />
          <Diff
            title={
              field.state === "conflict"
                ? "Your text compared with the current text"
                : "The form’s text compared with the current text"
            }
            before={field.current}
            after={field.value}
          />
          <details>
            <summary className="cursor-pointer text-sm font-medium underline">
              The current text as it reads now, to copy from
            </summary>
            <div className="mt-1 whitespace-pre-wrap break-words rounded border border-line bg-white p-3 font-serif text-[0.95rem]">
              {field.current}
            </div>
          </details>
        </div>
      ))}
    </section>
  );
}
