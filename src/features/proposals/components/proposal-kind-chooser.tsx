import Link from "next/link";
import type { TextProposalKind } from "../queries/proposal-form";

const KINDS: { kind: TextProposalKind | "PUBLISH"; label: string; hint: string }[] = [
  { kind: "AMEND_SECTION", label: "Amend a section", hint: "Change the wording of one section." },
  { kind: "ADD_SECTION", label: "Add a section", hint: "Write a new section and choose where it goes." },
  { kind: "REMOVE_SECTION", label: "Remove a section", hint: "Take a whole section out of the paper." },
  {
    kind: "RETITLE",
    label: "Change the title, question or summary",
    hint: "Reword what the paper is called, the question it answers, or its summary.",
  },
  {
    kind: "PUBLISH",
    label: "Publish this draft",
    hint: "Ask members to publish the draft as it stands as a fixed, citable version.",
  },
];

/** The first step when no kind was chosen: what do you want to change? */
export function ProposalKindChooser({ basePath }: { basePath: string }) {
  return (
    <section aria-labelledby="kind-heading">
      <h2 id="kind-heading" className="text-lg font-semibold">
        What do you want to propose?
      </h2>
      <ul className="mt-3 grid gap-3 sm:grid-cols-2">
        {KINDS.map((k) => (
          <li key={k.kind}>
            <Link
              href={`${basePath}?kind=${k.kind}`}
              className="block h-full rounded-lg border border-line bg-white p-4 hover:border-accent hover:bg-accent-soft"
            >
              <span className="font-semibold text-accent underline">{k.label}</span>
              <span className="mt-1 block text-sm text-muted">{k.hint}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The second step for amending or removing: which section? */
export function ProposalSectionPicker({
  basePath,
  kind,
  sections,
}: {
  basePath: string;
  kind: "AMEND_SECTION" | "REMOVE_SECTION";
  sections: { anchor: string; heading: string }[];
}) {
  if (sections.length === 0)
    return (
      <p>
        This paper has no sections yet.{" "}
        <Link href={`${basePath}?kind=ADD_SECTION`} className="font-medium text-accent underline">
          Propose adding one
        </Link>
        .
      </p>
    );
  return (
    <section aria-labelledby="section-heading">
      <h2 id="section-heading" className="text-lg font-semibold">
        {kind === "AMEND_SECTION" ? "Which section do you want to amend?" : "Which section do you want to remove?"}
      </h2>
      <ol className="mt-3 divide-y divide-line rounded-lg border border-line bg-white">
        {sections.map((s, i) => (
          <li key={s.anchor}>
            <Link
              href={`${basePath}?kind=${kind}&section=${encodeURIComponent(s.anchor)}`}
              className="flex gap-3 px-4 py-3 hover:bg-accent-soft"
            >
              <span className="text-muted tabular-nums">{i + 1}.</span>
              <span className="font-medium text-accent underline">{s.heading}</span>
            </Link>
          </li>
        ))}
      </ol>
    </section>
  );
}
