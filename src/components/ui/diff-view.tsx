import type { DiffPart } from "@/lib/diff-part";

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

/** The parts alone, marked up the same way, for a diff inside other markup (a heading, say). */
export function DiffParts({ parts }: { parts: DiffPart[] }) {
  return (
    <>
      {parts.map((part, i) =>
        part.kind === "same" ? (
          <span key={i}>{part.text}</span>
        ) : part.kind === "added" ? (
          <ins key={i} className="bg-emerald-100 text-emerald-950 underline decoration-emerald-700 decoration-2">
            <span className="sr-only">[added: </span>
            {part.text}
            <span className="sr-only">]</span>
          </ins>
        ) : (
          <del key={i} className="bg-rose-100 text-rose-950 line-through decoration-rose-700">
            <span className="sr-only">[removed: </span>
            {part.text}
            <span className="sr-only">]</span>
          </del>
        ),
      )}
    </>
  );
}
