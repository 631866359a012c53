import type { DiffPart } from "@/lib/diff-part";

/** One part of a diff: kept text as it is, added text underlined, removed text struck through. */
function DiffPartText({ part }: { part: DiffPart }) {
  if (part.kind === "same") return <span>{part.text}</span>;
  if (part.kind === "added")
    return (
      <ins className="bg-emerald-100 text-emerald-950 underline decoration-emerald-700 decoration-2">
        <span className="sr-only">[added: </span>
        {part.text}
        <span className="sr-only">]</span>
      </ins>
    );
  return (
    <del className="bg-rose-100 text-rose-950 line-through decoration-rose-700">
      <span className="sr-only">[removed: </span>
      {part.text}
      <span className="sr-only">]</span>
    </del>
  );
}

/** A diff's parts in order, for DiffView or inside a heading. */
export function DiffParts({ parts }: { parts: DiffPart[] }) {
  return parts.map((part, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: a diff's parts have no identity of their own (the same word can be added twice); the list is computed once per render and never reordered
    <DiffPartText key={i} part={part} />
  ));
}

/**
 * A word-level diff as readable text: removed words struck through, added words underlined.
 * Colour is not the only signal (strike/underline plus screen-reader labels), for WCAG 1.4.1.
 */
export function DiffView({ parts, className = "" }: { parts: DiffPart[]; className?: string }) {
  if (parts.length === 0) return <p className="text-sm text-muted">(empty)</p>;
  return (
    <div
      className={`whitespace-pre-wrap break-words rounded border border-line bg-white p-3 font-serif text-[0.95rem] leading-relaxed ${className}`}
    >
      <DiffParts parts={parts} />
    </div>
  );
}

export function DiffLegend() {
  return (
    <p className="text-sm text-muted">
      <ins className="bg-emerald-100 px-1 text-emerald-950 underline decoration-emerald-700 decoration-2">
        Added words
      </ins>{" "}
      are underlined;{" "}
      <del className="bg-rose-100 px-1 text-rose-950 line-through decoration-rose-700">removed words</del> are struck
      through.
    </p>
  );
}
