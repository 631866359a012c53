import { DiffLegend, DiffParts, DiffView } from "@/components/ui/diff-view";
import type { Comparison, FieldComparison, SectionComparison } from "../queries/history";
import type { DiffPart } from "../text/word-diff";

const allOf = (kind: "added" | "removed", text: string): DiffPart[] => (text ? [{ kind, text }] : []);

function Badge({ children, tone }: { children: string; tone: "added" | "removed" | "changed" | "same" }) {
  const styles = {
    added: "border-emerald-700 bg-emerald-50 text-emerald-900",
    removed: "border-rose-700 bg-rose-50 text-rose-900",
    changed: "border-amber-700 bg-amber-50 text-amber-900",
    same: "border-line bg-slate-50 text-muted",
  };
  return (
    <span
      className={`inline-block rounded border px-1.5 py-0.5 text-xs font-bold uppercase tracking-wide ${styles[tone]}`}
    >
      {children}
    </span>
  );
}

function FrontField({ label, field }: { label: string; field: FieldComparison }) {
  return (
    <div>
      <h3 className="flex flex-wrap items-center gap-2 font-semibold">
        {label} {field.changed ? <Badge tone="changed">Changed</Badge> : <Badge tone="same">Unchanged</Badge>}
      </h3>
      {field.changed ? (
        <DiffView parts={field.diff} className="mt-1" />
      ) : (
        <p className="mt-1 break-words text-muted">{field.text}</p>
      )}
    </div>
  );
}

function SectionBlock({ s }: { s: SectionComparison }) {
  if (s.status === "unchanged") {
    return (
      <li className="flex flex-wrap items-center gap-2 rounded-md border border-line bg-white px-4 py-2 text-sm">
        <Badge tone="same">Unchanged</Badge>
        <span className="break-words">“{s.heading}”</span>
      </li>
    );
  }
  const tone = s.status;
  const label = { added: "Added", removed: "Removed", changed: "Changed" }[s.status];
  return (
    <li className="rounded-md border border-line bg-white p-4">
      <h3 className="flex flex-wrap items-center gap-2 font-semibold">
        <Badge tone={tone}>{label}</Badge>
        {s.status === "changed" && s.headingDiff ? (
          <span className="min-w-0 break-words">
            <span className="sr-only">Heading: </span>
            <DiffParts parts={s.headingDiff} />
          </span>
        ) : (
          <span className="break-words">“{s.heading}”</span>
        )}
      </h3>
      <div className="mt-2">
        {s.status === "changed" ? (
          s.bodyDiff ? (
            <DiffView parts={s.bodyDiff} />
          ) : (
            <p className="text-sm text-muted">Only the heading changed.</p>
          )
        ) : (
          <DiffView parts={allOf(s.status, s.body)} />
        )}
      </div>
    </li>
  );
}

/** The word-level differences between two revisions, front matter first, then each section. */
export function ComparisonView({ comparison }: { comparison: Comparison }) {
  const counts = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  for (const s of comparison.sections) counts[s.status]++;
  return (
    <div className="space-y-8">
      <DiffLegend />
      <section aria-labelledby="cmp-front" className="space-y-4">
        <h2 id="cmp-front" className="text-xl font-semibold">
          Title, question and summary
        </h2>
        <FrontField label="Title" field={comparison.title} />
        <FrontField label="The question" field={comparison.question} />
        <FrontField label="Summary" field={comparison.summary} />
      </section>
      <section aria-labelledby="cmp-sections">
        <h2 id="cmp-sections" className="text-xl font-semibold">
          Sections
        </h2>
        <p className="mt-1 text-sm text-muted">
          {counts.changed} changed · {counts.added} added · {counts.removed} removed · {counts.unchanged} unchanged
        </p>
        <ol className="mt-3 space-y-3">
          {comparison.sections.map((s) => (
            <SectionBlock key={s.id} s={s} />
          ))}
        </ol>
      </section>
    </div>
  );
}
