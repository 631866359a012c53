import Link from "next/link";
import type { ReactNode } from "react";
import { DiffLegend, DiffView } from "@/components/ui/diff-view";
import { type DiffPart, wordDiff } from "@/features/papers/text/word-diff";
import { historyPath, paperPath, publicationPath, sectionPath } from "@/lib/paths";
import type { ProposalPageData } from "../queries/proposal-page";

const all = (kind: "added" | "removed", text: string | null): DiffPart[] => (text ? [{ kind, text }] : []);

function Part({ label, parts, unchanged }: { label: string; parts: DiffPart[]; unchanged?: boolean }) {
  return (
    <div>
      <h3 className="mb-1 text-sm font-semibold uppercase tracking-wide text-muted">
        {label}
        {unchanged ? <span className="font-normal normal-case tracking-normal"> (unchanged)</span> : null}
      </h3>
      <DiffView parts={parts} />
    </div>
  );
}

/** Title, question and summary side by side with what is proposed for them. */
function FrontMatter({
  base,
  proposed,
}: {
  base: ProposalPageData["proposal"]["base"];
  proposed: ProposalPageData["proposal"]["proposed"];
}) {
  const fields = [
    ["Title", base.title, proposed.title],
    ["The policy question", base.question, proposed.question],
    ["Summary", base.summary, proposed.summary],
  ] as const;
  return (
    <>
      {fields.map(([label, before, after]) => (
        <Part key={label} label={label} parts={wordDiff(before ?? "", after ?? "")} unchanged={before === after} />
      ))}
    </>
  );
}

function Drift({ children, since }: { children: ReactNode; since?: { label: string; parts: DiffPart[] }[] }) {
  return (
    <div className="rounded-md border border-amber-600 bg-warn-soft px-4 py-3 text-sm">
      <p>
        <strong>Note:</strong> {children}
      </p>
      {since && since.length > 0 ? (
        <details className="mt-2">
          <summary className="cursor-pointer font-medium underline">
            What changed since this proposal was written
          </summary>
          <div className="mt-2 space-y-3">
            {since.map((s) => (
              <Part key={s.label} label={s.label} parts={s.parts} />
            ))}
          </div>
        </details>
      ) : null}
    </div>
  );
}

const THREE_WAY =
  "When voting closes and it passes, it will be merged three-way: the changes made since are kept, and if both changed the same passage the proposal is marked “needs update” instead of overwriting anything.";

type Section = NonNullable<ProposalPageData["section"]>;

/** The section's heading and text now, compared with what the proposal was written on. */
function sectionSince(p: ProposalPageData["proposal"], section: Section) {
  return [
    ...(section.heading !== p.base.heading
      ? [{ label: "Heading", parts: wordDiff(p.base.heading ?? "", section.heading) }]
      : []),
    ...(section.body !== p.base.text ? [{ label: "Text", parts: wordDiff(p.base.text ?? "", section.body) }] : []),
  ];
}

/** For a proposal marked "needs update": what changed in its section meanwhile. */
function neededUpdate({ proposal: p, section }: ProposalPageData) {
  if (!section || section.removed || (p.kind !== "AMEND_SECTION" && p.kind !== "REMOVE_SECTION")) return null;
  const since = sectionSince(p, section);
  if (since.length === 0) return null;
  return (
    <Drift since={since}>
      The diff below is against the text the proposal was written on; the section has changed since.
    </Drift>
  );
}

/** Whether the paper moved on under an open proposal, explained for each kind of change. */
function driftNote(d: ProposalPageData) {
  const { proposal: p, section, paper } = d;
  if (p.status === "NEEDS_UPDATE") return neededUpdate(d);
  if (p.status !== "OPEN") return null;
  if (p.kind === "AMEND_SECTION" || p.kind === "REMOVE_SECTION") {
    if (!section) return null;
    if (section.removed) {
      return (
        <Drift>
          The section has since been removed from the paper, so this proposal can no longer be applied. If it passes it
          will be marked “needs update”.
        </Drift>
      );
    }
    const since = sectionSince(p, section);
    if (since.length === 0) return null;
    return p.kind === "AMEND_SECTION" ? (
      <Drift since={since}>The section has changed since this proposal was written. {THREE_WAY}</Drift>
    ) : (
      <Drift since={since}>
        The section has changed since this proposal to remove it was written. If it passes it will be marked “needs
        update”, so the proposer can check that removing it still makes sense.
      </Drift>
    );
  }
  if (p.kind === "RETITLE") {
    const since = (
      [
        ["Title", p.base.title, paper.title],
        ["The policy question", p.base.question, paper.question],
        ["Summary", p.base.summary, paper.summary],
      ] as const
    )
      .filter(([, before, now]) => before !== now)
      .map(([label, before, now]) => ({ label, parts: wordDiff(before ?? "", now) }));
    if (since.length > 0)
      return (
        <Drift since={since}>
          The title, question or summary has changed since this proposal was written. {THREE_WAY}
        </Drift>
      );
  }
  return null;
}

function where(d: ProposalPageData) {
  const position = d.proposal.position ?? 1;
  if (position <= 1) return "at the start of the paper";
  return d.addAfter ? `after the section “${d.addAfter}”` : "at the end of the paper";
}

/** A vote to publish changes no text: it names the revision, the version it makes, and the note. */
function PublishChange({ data: d }: { data: ProposalPageData }) {
  const { proposal: p, group, paper } = d;
  const version = p.publish?.version;
  return (
    <section aria-labelledby="change-heading" className="space-y-3">
      <h2 id="change-heading" className="text-xl font-semibold">
        {p.publish?.published ? "What was published" : "What would be published"}
      </h2>
      <p>
        {p.publish?.published ? "Published: revision" : "Revision"} {p.baseRevisionNumber} of the draft, as version{" "}
        {version}: a fixed text at its own permanent address, under the licence Creative Commons Attribution 4.0.
        {p.publish?.published ? (
          <>
            {" "}
            <Link
              href={publicationPath(group.slug, paper.slug, p.publish.version)}
              className="font-medium text-accent underline"
            >
              Read the published version {version}
            </Link>
            .
          </>
        ) : (
          <>
            {" "}
            <Link href={paperPath(group.slug, paper.slug)} className="font-medium text-accent underline">
              Read the draft as it stands
            </Link>
            {paper.revisionNumber === p.baseRevisionNumber
              ? ` (still revision ${p.baseRevisionNumber}).`
              : `: it is now revision ${paper.revisionNumber}, so this vote is about an earlier text.`}
          </>
        )}
      </p>
      {p.publicationNote ? (
        <div className="rounded-md border border-line border-l-4 border-l-sky-700 bg-white px-4 py-3">
          <h3 className="text-sm font-semibold">What changed since version {(version ?? 2) - 1}</h3>
          <p className="mt-1 whitespace-pre-line break-words">{p.publicationNote}</p>
        </div>
      ) : null}
    </section>
  );
}

/**
 * The word-level diff of a proposal against the text it was written on. A vote on taking a
 * commission on changes no text: the page passes what it decides as `acceptChange` (commissions'
 * AcceptChange), since proposals know nothing of commissions.
 */
export function ProposalChange({ data: d, acceptChange }: { data: ProposalPageData; acceptChange?: ReactNode }) {
  const { proposal: p, section, group, paper } = d;
  if (p.kind === "PUBLISH") return <PublishChange data={d} />;
  if (p.kind === "ACCEPT_COMMISSION") return acceptChange ?? null;
  return (
    <section aria-labelledby="change-heading" className="space-y-4">
      <h2 id="change-heading" className="text-xl font-semibold">
        The change
      </h2>
      <p className="text-sm text-muted">
        Compared with revision {p.baseRevisionNumber}, the text this proposal was written on.
        {p.status === "MERGED" ? (
          <>
            {" "}
            <Link href={historyPath(group.slug, paper.slug)} className="font-medium text-accent underline">
              See it in the paper’s history
            </Link>
            .
          </>
        ) : section && !section.removed ? (
          <>
            {" "}
            <Link
              href={sectionPath(group.slug, paper.slug, section.anchor)}
              className="font-medium text-accent underline"
            >
              Read the section in the paper
            </Link>
            .
          </>
        ) : null}
      </p>
      <DiffLegend />
      {driftNote(d)}
      {p.kind === "AMEND_SECTION" ? (
        <>
          <Part
            label="Heading"
            parts={wordDiff(p.base.heading ?? "", p.proposed.heading ?? "")}
            unchanged={p.base.heading === p.proposed.heading}
          />
          <Part label="Text" parts={wordDiff(p.base.text ?? "", p.proposed.text ?? "")} />
        </>
      ) : p.kind === "ADD_SECTION" ? (
        <>
          {p.status === "OPEN" ? <p>The new section goes {where(d)}.</p> : null}
          <Part label="Heading" parts={all("added", p.proposed.heading)} />
          <Part label="Text" parts={all("added", p.proposed.text)} />
        </>
      ) : p.kind === "REMOVE_SECTION" ? (
        <>
          <p>The whole section would be removed from the paper; its history is kept.</p>
          <Part label="Heading" parts={all("removed", p.base.heading)} />
          <Part label="Text" parts={all("removed", p.base.text)} />
        </>
      ) : p.kind === "RETITLE" ? (
        <FrontMatter base={p.base} proposed={p.proposed} />
      ) : (
        <p>This proposal does not change the paper’s text.</p>
      )}
    </section>
  );
}
