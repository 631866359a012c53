/** The paper's table of contents, linking to each section's stable anchor. */
export function PaperToc({ sections }: { sections: { anchor: string; heading: string; proposals: unknown[] }[] }) {
  if (sections.length === 0) return null;
  return (
    <nav aria-labelledby="pp-contents" className="rounded-lg border border-line bg-white p-4">
      <h2 id="pp-contents" className="text-base font-semibold">
        Contents
      </h2>
      <ol className="mt-2 list-decimal space-y-1 pl-6 text-sm">
        {sections.map((s) => (
          <li key={s.anchor}>
            <a href={`#${s.anchor}`} className="text-accent underline">
              {s.heading}
            </a>
            {s.proposals.length > 0 ? (
              <span className="text-muted">
                {" "}
                · {s.proposals.length} open {s.proposals.length === 1 ? "proposal" : "proposals"}
              </span>
            ) : null}
          </li>
        ))}
      </ol>
    </nav>
  );
}
