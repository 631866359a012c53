import { bibtexCitation, type CitationFacts, plainCitation } from "./citation";
import { CopyButton } from "./copy-button";

/** "Cite this": plain text and BibTeX, each selectable as text, with a copy button when scripts run. */
export function CiteBlock({ facts, citeKey }: { facts: CitationFacts; citeKey: string }) {
  return (
    <section aria-labelledby="cite-heading" className="rounded-lg border border-line bg-white p-4">
      <h2 id="cite-heading" className="text-lg font-semibold">
        Cite this
      </h2>
      <div className="mt-3 space-y-4">
        <div>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 className="text-sm font-semibold">As text</h3>
            <CopyButton targetId="cite-plain" label="Copy the citation" />
          </div>
          <p id="cite-plain" className="mt-1 break-words rounded border border-line bg-slate-50 p-3 text-sm">
            {plainCitation(facts)}
          </p>
        </div>
        <div>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 className="text-sm font-semibold">BibTeX</h3>
            <CopyButton targetId="cite-bibtex" label="Copy the BibTeX" />
          </div>
          <pre
            id="cite-bibtex"
            className="mt-1 whitespace-pre-wrap break-all rounded border border-line bg-slate-50 p-3 text-xs"
          >
            {bibtexCitation(facts, citeKey)}
          </pre>
        </div>
      </div>
    </section>
  );
}
