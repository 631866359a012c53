import Link from "next/link";
import { paperPath, provenancePath } from "@/lib/paths";
import type { PaperPage } from "../queries/paper-page";
import { ProposalLine } from "./proposal-line";
import { SubjectDiscussion } from "./subject-discussion";

type Section = PaperPage["sections"][number];

const actionLink = "font-medium text-accent underline";

/**
 * One section of the paper: its text (Markdown, headings moved below the section's own h2), its
 * open proposals, and what a reader can do with it.
 */
export function PaperSection({ page, section, now }: { page: PaperPage; section: Section; now: Date }) {
  const { group, paper, can } = page;
  const base = paperPath(group.slug, paper.slug);
  const headingId = `pp-h-${section.anchor}`;
  return (
    <section id={section.anchor} aria-labelledby={headingId} className="scroll-mt-4 border-t border-line pt-6">
      <h2 id={headingId} className="text-2xl font-semibold tracking-tight">
        <a href={`#${section.anchor}`} className="hover:underline">
          {section.heading}
        </a>
      </h2>
      <div
        className="post-body mt-3 max-w-prose font-serif text-[1.05rem] leading-relaxed"
        // biome-ignore lint/security/noDangerouslySetInnerHtml: section HTML from renderedHtml(), sanitised by rehype-sanitize in the render worker (src/server/markdown/)
        dangerouslySetInnerHTML={{ __html: section.bodyHtml }}
      />

      {section.proposals.length > 0 ? (
        <div className="mt-4 rounded-md border border-amber-300 bg-warn-soft p-3">
          <h3 className="text-sm font-semibold">
            {section.proposals.length} open {section.proposals.length === 1 ? "proposal" : "proposals"} on this section
          </h3>
          <ul className="mt-1 space-y-1">
            {section.proposals.map((p) => (
              <ProposalLine key={p.id} proposal={p} now={now} />
            ))}
          </ul>
        </div>
      ) : null}

      <ul
        className="mt-3 flex flex-wrap items-start gap-x-4 gap-y-2 text-sm"
        aria-label={`Actions for “${section.heading}”`}
      >
        {can.propose ? (
          <>
            <li>
              <Link href={`${base}/propose?kind=AMEND_SECTION&section=${section.anchor}`} className={actionLink}>
                Propose a change
              </Link>
            </li>
            <li>
              <Link href={`${base}/propose?kind=REMOVE_SECTION&section=${section.anchor}`} className={actionLink}>
                Propose removing
              </Link>
            </li>
          </>
        ) : null}
        <li>
          <Link href={provenancePath(group.slug, paper.slug, section.anchor)} className={actionLink}>
            How this was written
          </Link>
        </li>
        {can.fix ? (
          <li>
            <Link href={`${base}/sections/${section.anchor}/fix`} className={actionLink}>
              Editorial fix
            </Link>
          </li>
        ) : null}
        <li className={section.thread || !can.comment ? "" : "basis-full"}>
          <SubjectDiscussion
            subject="SECTION"
            subjectId={section.id}
            what={`“${section.heading}”`}
            thread={section.thread}
            canComment={can.comment}
            signedIn={page.signedIn}
            returnTo={`${base}#${section.anchor}`}
            folded
          />
        </li>
      </ul>
    </section>
  );
}
