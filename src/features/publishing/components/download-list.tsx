import { publicationDownloadPath } from "@/lib/paths";
import { EXPORT_FORMATS, FORMAT_FILES } from "../exports/formats";
import { DownloadButton } from "./download-button";

/** "Download this version": Markdown, a standalone HTML file and a PDF, each with its progress. */
export function PublicationDownloads({
  groupSlug,
  paperSlug,
  version,
}: {
  groupSlug: string;
  paperSlug: string;
  version: number;
}) {
  return (
    <section aria-labelledby="downloads-heading" className="rounded-lg border border-line bg-white p-4">
      <h2 id="downloads-heading" className="text-lg font-semibold">
        Download this version
      </h2>
      <ul className="mt-3 flex flex-wrap gap-4">
        {EXPORT_FORMATS.map((format) => {
          const { label, extension } = FORMAT_FILES[format];
          return (
            <li key={format}>
              <DownloadButton
                href={publicationDownloadPath(groupSlug, paperSlug, version, format)}
                label={`${label} (.${extension})`}
                kind={label}
                fallbackName={`${paperSlug}-v${version}.${extension}`}
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
