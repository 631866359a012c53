"use client";

import { useId } from "react";
import { useFormResult } from "@/components/form/action-form";
import { Checkbox } from "@/components/form/fields";

type Choice = { slug: string; name: string; sectorLabel: string; memberCount: number; membersOnly: boolean };

/** Tick the groups to post a commission to, listed by field; one error for the whole choice. */
export function GroupPicker({ choices, legend }: { choices: Choice[]; legend: string }) {
  const { state } = useFormResult();
  const id = useId();
  const error = state.fieldErrors?.groupSlugs;
  const bySector = new Map<string, Choice[]>();
  for (const c of choices) bySector.set(c.sectorLabel, [...(bySector.get(c.sectorLabel) ?? []), c]);
  return (
    <fieldset aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}>
      <legend className="font-medium">{legend}</legend>
      <p id={`${id}-hint`} className="mt-1 text-sm text-muted">
        Each group gets its own paper, seeded with your brief, and decides by vote whether to take it on.
      </p>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-danger">
          {error}
        </p>
      ) : null}
      {choices.length === 0 ? <p className="mt-2 text-sm">There are no more groups to post it to.</p> : null}
      <div className="mt-3 max-h-96 space-y-4 overflow-y-auto rounded-md border border-line bg-white p-3">
        {[...bySector].map(([sector, list]) => (
          <div key={sector}>
            <p className="text-sm font-semibold text-muted">{sector}</p>
            <div className="mt-1 space-y-1">
              {list.map((c) => (
                <Checkbox
                  key={c.slug}
                  name={`groups.${c.slug}`}
                  label={`${c.name} (${c.memberCount.toLocaleString("en-GB")} ${c.memberCount === 1 ? "member" : "members"}${c.membersOnly ? ", members-only" : ""})`}
                />
              ))}
            </div>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
