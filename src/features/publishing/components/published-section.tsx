import Link from "next/link";
import type { PublishedSection } from "../published";

/** One section of a published version, with its provenance link. `html` is its text, sanitised when it was rendered. */
export function PublishedSectionView({
  section,
  html,
  provenanceHref,
}: {
  section: PublishedSection;
  html: string;
  provenanceHref: string;
}) {
  const headingId = `h-${section.anchor}`;
  return (
    <section id={section.anchor} aria-labelledby={headingId} className="scroll-mt-4">
      <h2 id={headingId} className="text-2xl font-semibold break-words">
        {section.heading}
      </h2>
      <div
        className="post-body mt-3 max-w-prose font-serif text-[1.05rem] leading-relaxed"
        // biome-ignore lint/security/noDangerouslySetInnerHtml: section HTML from renderedHtml(), sanitised by rehype-sanitize in the render worker (src/server/markdown/)
        dangerouslySetInnerHTML={{ __html: html }}
      />
      <p className="mt-3 text-sm">
        <Link href={provenanceHref} className="font-medium text-accent underline">
          How this was decided<span className="sr-only">: “{section.heading}”</span>
        </Link>
      </p>
    </section>
  );
}
