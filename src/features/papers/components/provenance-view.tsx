import Link from "next/link";
import { formatDate } from "@/lib/dates";
import { proposalPath, threadPath } from "@/lib/paths";
import { PROPOSAL_KIND_LABELS, plural } from "../labels";
import type { ProvenanceProposal, SectionProvenance } from "../queries/provenance";
import { PersonName } from "./person-name";
import { TallyText } from "./tally-text";

type Revision = SectionProvenance["revisions"][number];

// Tints tell neighbouring passages apart at a glance; the numbered markers carry the meaning.
const TINTS = ["bg-sky-100", "bg-amber-100", "bg-emerald-100", "bg-violet-100", "bg-rose-100", "bg-lime-100"];

const words = (text: string) => text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;

function ProposalFacts({ proposal }: { proposal: ProvenanceProposal }) {
  const t = proposal.tally;
  return (
    <>
      <Link href={proposalPath(proposal.id)} className="font-medium text-accent underline">
        Proposal #{proposal.number}
      </Link>{" "}
      ({PROPOSAL_KIND_LABELS[proposal.kind]?.toLowerCase()}) by <PersonName person={proposal.author} />
      {proposal.closedAt ? `, merged on ${formatDate(proposal.closedAt)}` : ""}.
      <span className="block text-muted">
        Votes: <TallyText tally={t} />. Practitioners {t.practitionerSupport} support, {t.practitionerOppose} oppose;
        service users {t.serviceUserSupport} support, {t.serviceUserOppose} oppose.
      </span>
      <span className="block">
        {proposal.thread ? (
          <Link href={threadPath(proposal.thread.id)} className="text-accent underline">
            Its discussion ({plural(proposal.thread.comments, "comment")})
          </Link>
        ) : (
          <span className="text-muted">It was not discussed.</span>
        )}
      </span>
    </>
  );
}

/** Who wrote a revision and how: the first draft, a proposal voted through, or an editorial fix. */
export function RevisionSource({ revision }: { revision: Revision }) {
  if (revision.kind === "INITIAL") {
    return (
      <>
        First draft by <PersonName person={revision.author} />, {formatDate(revision.createdAt)}.
      </>
    );
  }
  if (revision.kind === "EDITORIAL") {
    return (
      <>
        Editorial fix by <PersonName person={revision.author} />, {formatDate(revision.createdAt)}: “{revision.reason}”
      </>
    );
  }
  return revision.proposal ? <ProposalFacts proposal={revision.proposal} /> : <>A proposal no longer on record.</>;
}

/**
 * Passages cut at paragraph breaks, each piece with the whitespace that follows it kept apart, so
 * every paragraph ends with its own marker and blank lines are not shaded.
 */
function chunksOf(passages: { revision: number; text: string }[]) {
  const chunks: { revision: number; text: string; after: string }[] = [];
  for (const passage of passages) {
    // Odd entries are the paragraph breaks themselves.
    const parts = passage.text.split(/(\n[ \t]*\n\s*)/);
    for (let i = 0; i < parts.length; i += 2) {
      const text = parts[i].trimEnd();
      const after = parts[i].slice(text.length) + (parts[i + 1] ?? "");
      if (text.trim()) chunks.push({ revision: passage.revision, text, after });
      else if (chunks.length > 0) chunks[chunks.length - 1].after += parts[i] + (parts[i + 1] ?? "");
    }
  }
  return chunks;
}

/**
 * The section's text as plain text, each passage followed by a numbered marker that links to its
 * source in the list below. Sources are numbered in the order they first appear, like footnotes.
 */
export function ProvenanceView({ data }: { data: SectionProvenance }) {
  const order: number[] = [];
  for (const p of data.passages) if (!order.includes(p.revision)) order.push(p.revision);
  const sourceOf = (revision: number) => order.indexOf(revision) + 1;
  const byNumber = new Map(data.revisions.map((r) => [r.number, r]));
  const wordsBy = new Map<number, number>();
  for (const p of data.passages) wordsBy.set(p.revision, (wordsBy.get(p.revision) ?? 0) + words(p.text));

  if (data.passages.length === 0) return <p className="text-muted">This section has no text.</p>;
  return (
    <div className="space-y-8">
      <section aria-labelledby="prov-text">
        <h2 id="prov-text" className="text-xl font-semibold">
          The text, passage by passage
        </h2>
        <p className="mt-1 text-sm text-muted">
          Each passage ends with a number in brackets: the source that wrote it, listed under “Sources”. Shading only
          separates neighbouring passages.
        </p>
        <div className="mt-3 whitespace-pre-wrap break-words rounded-lg border border-line bg-white p-4 font-serif text-[1.05rem] leading-loose">
          {chunksOf(data.passages).map((chunk, i) => {
            const n = sourceOf(chunk.revision);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: passages are a run-length split of the text with no identity of their own (the same words and source can recur); computed once per render, never reordered
              <span key={i}>
                <span
                  className={`${TINTS[(n - 1) % TINTS.length]} rounded-sm px-0.5 py-0.5 [box-decoration-break:clone]`}
                >
                  {chunk.text}
                </span>
                <sup className="ml-0.5 font-sans text-xs">
                  <a href={`#source-${n}`} className="font-semibold text-accent underline">
                    <span aria-hidden="true">[{n}]</span>
                    <span className="sr-only"> (source {n})</span>
                  </a>
                </sup>
                {chunk.after}
              </span>
            );
          })}
        </div>
      </section>

      <section aria-labelledby="prov-sources">
        <h2 id="prov-sources" className="text-xl font-semibold">
          Sources
        </h2>
        <ol className="mt-3 space-y-3">
          {order.map((number, i) => {
            const revision = byNumber.get(number);
            return (
              <li
                key={number}
                id={`source-${i + 1}`}
                className="scroll-mt-4 rounded-lg border border-line bg-white p-4 text-sm target:ring-2 target:ring-accent"
              >
                <p className="font-semibold">
                  <span className={`${TINTS[i % TINTS.length]} mr-2 rounded px-1.5`}>[{i + 1}]</span>
                  Revision {number} · about {plural(wordsBy.get(number) ?? 0, "word")} of the current text
                </p>
                <p className="mt-1">
                  {revision ? <RevisionSource revision={revision} /> : "A revision that is no longer on record."}
                </p>
              </li>
            );
          })}
        </ol>
      </section>
    </div>
  );
}

/** Every proposal merged into the section, oldest first. */
export function MergedProposals({ proposals }: { proposals: SectionProvenance["merged"] }) {
  return (
    <section aria-labelledby="prov-merged">
      <h2 id="prov-merged" className="text-xl font-semibold">
        Proposals merged into this section
      </h2>
      {proposals.length === 0 ? (
        <p className="mt-1 text-muted">
          None yet: the section reads as it was first written, apart from any editorial fixes.
        </p>
      ) : (
        <ol className="mt-3 space-y-3">
          {proposals.map((p) => (
            <li key={p.id} className="rounded-lg border border-line bg-white p-4 text-sm">
              {p.revision ? <p className="font-semibold">Revision {p.revision}</p> : null}
              <p className="mt-1">
                <ProposalFacts proposal={p} />
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
