"use client";

// A field's length against its limit, shown under the field. Fields carry no maxLength attribute:
// a browser cuts pasted text at it without a word, so instead the count turns red past the limit
// and the server refuses the text with a message, keeping it for the person to shorten.

const n = (value: number) => value.toLocaleString("en-GB");

/** Text for screen readers, said only near or over the limit so typing is not talked over. */
function spoken(length: number, max: number): string {
  if (length > max) return `${n(length - max)} characters over the limit of ${n(max)}.`;
  const left = max - length;
  return left <= Math.max(10, Math.floor(max * 0.1)) ? `${n(left)} characters left.` : "";
}

export function CharacterCount({ id, length, max }: { id: string; length: number; max: number }) {
  const over = length > max;
  return (
    <>
      <p
        id={id}
        className={`mt-1 text-right text-xs tabular-nums ${over ? "font-semibold text-danger" : "text-muted"}`}
      >
        <span aria-hidden="true">
          {n(length)} / {n(max)}
          {over ? ` (${n(length - max)} over)` : ""}
        </span>
        <span className="sr-only">Up to {n(max)} characters.</span>
      </p>
      <p className="sr-only" aria-live="polite">
        {spoken(length, max)}
      </p>
    </>
  );
}
