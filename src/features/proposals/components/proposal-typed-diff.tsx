"use client";

import { useFormResult } from "@/components/form/action-form";
import { DiffView } from "@/components/ui/diff-view";
import { wordDiff } from "@/features/papers/text/word-diff";

/**
 * After a submission that failed, the word diff of what the person typed against the text it
 * changes, so they can check their change while they fix the error. Nothing before that: the
 * form itself shows the text as they write it.
 */
export function ProposalTypedDiff({ field, base, label }: { field: string; base: string; label: string }) {
  const { state, submitted } = useFormResult();
  // The browser sends line breaks as CRLF; the stored text has LF.
  const typed = state.values?.[field]?.replace(/\r\n?/g, "\n");
  if (!submitted || state.ok || typed === undefined || typed === base) return null;
  return (
    <details className="rounded-md border border-line bg-white px-3 py-2 text-sm">
      <summary className="cursor-pointer font-medium">{label}</summary>
      <div className="mt-2">
        <DiffView parts={wordDiff(base, typed)} />
      </div>
    </details>
  );
}
