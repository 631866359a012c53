import Link from "next/link";
import { renderMarkdown } from "@/lib/markdown";
import type { PublishedSection } from "../published";

/** One section of a published version, its Markdown rendered and sanitised, with its provenance link. */
export function PublishedSectionView({ section, provenanceHref }: { section: PublishedSection; provenanceHref: string }) {
  const headingId = `h-${section.anchor}`;
  return (
    <section id={section.anchor} aria-labelledby={headingId} className="scroll-mt-4">
      <h2 id={headingId} className="text-2xl font-semibold break-words">{section.heading}</h2>
      {/* Sanitised by renderMarkdown (src/lib/markdown.ts). */}
      <div className="post-body mt-3 max-w-prose font-serif text-[1.05rem] leading-relaxed" dangerouslySetInnerHTML={{ __html: renderMarkdown(section.body).html }} />
      <p className="mt-3 text-sm">
        <Link href={provenanceHref} className="font-medium text-accent underline">
          How this was decided<span className="sr-only">: “{section.heading}”</span>
        </Link>
      </p>
    </section>
  );
}
