import { splitHighlights } from "../query";

/** Renders a ts_headline result as text and <mark> elements: React escapes every part, nothing is injected as HTML. */
export function Snippet({ headline, className }: { headline: string; className?: string }) {
  return (
    <span className={className}>
      {splitHighlights(headline).map((part, i) =>
        part.highlight ? (
          <mark
            // biome-ignore lint/suspicious/noArrayIndexKey: highlight parts have no identity (the same word can be marked twice); the list is computed once per render and never reordered
            key={i}
            className="rounded-sm bg-yellow-100 px-0.5 font-semibold text-ink underline decoration-1 underline-offset-2"
          >
            {part.text}
          </mark>
        ) : (
          part.text
        ),
      )}
    </span>
  );
}
