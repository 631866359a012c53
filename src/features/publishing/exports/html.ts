import { type ExportCommission, type ExportDocument, participationLine } from "./document";

/** The document's Markdown parts as sanitised HTML (rendered by the server's render worker: ./html-parts.ts). */
export type ExportHtml = { sections: string[]; disclosure: string; response: string };

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

/** Site-relative links (mentions, other papers) point at the site: the file is read away from it. */
const absoluteLinks = (html: string, origin: string) => html.replace(/href="\//g, `href="${origin}/`);

// Inline, print-friendly and self-contained: no web fonts, no images, no scripts.
const CSS = `
:root { color-scheme: light; }
body { font: 1.0625rem/1.6 Georgia, "Times New Roman", serif; color: #1a1a1a; background: #fff; max-width: 42rem; margin: 2rem auto; padding: 0 1.25rem; }
h1, h2, h3, h4, h5, h6 { font-family: "Helvetica Neue", Arial, sans-serif; line-height: 1.25; margin: 1.6em 0 .5em; break-after: avoid; }
h1 { font-size: 2rem; margin-top: 0; } h2 { font-size: 1.45rem; border-bottom: 1px solid #ccc; padding-bottom: .2em; }
h3 { font-size: 1.2rem; } h4, h5, h6 { font-size: 1rem; }
p, li { orphans: 3; widows: 3; } a { color: #0b4f8a; }
blockquote { margin: 1em 0; padding: 0 1em; border-left: 4px solid #999; color: #333; }
pre, code { font-family: Menlo, Consolas, monospace; font-size: .9em; } pre { background: #f4f4f4; padding: .75em; overflow-x: auto; white-space: pre-wrap; }
table { border-collapse: collapse; } th, td { border: 1px solid #999; padding: .25em .5em; }
.meta { color: #444; } .lead dt { font-weight: bold; } .lead dd { margin: 0 0 .75em; }
.cite { background: #f4f4f4; padding: .75em; }
.commission { border-left: 4px solid #0b4f8a; padding: .25em 1em; margin: 1em 0; } .commission h2 { font-size: 1.1rem; border: 0; margin-top: .5em; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; } a { color: inherit; } a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; word-break: break-all; } pre { break-inside: avoid; } }
`;

/** The standalone HTML export: one file that reads and prints well offline. */
export function toHtml(doc: ExportDocument, html: ExportHtml): string {
  const date = doc.publishedAt.toISOString().slice(0, 10);
  const sections = doc.sections
    .map(
      (s, i) =>
        `<section id="${escapeHtml(s.anchor)}">\n<h2>${escapeHtml(s.heading)}</h2>\n${absoluteLinks(html.sections[i] ?? "", doc.origin)}\n</section>`,
    )
    .join("\n");
  const people = doc.contributors.people.map((p) => `<li>${escapeHtml(p.displayName)}</li>`).join("");
  const licence = doc.licence.url
    ? `This work is licensed under the <a href="${escapeHtml(doc.licence.url)}">${escapeHtml(doc.licence.name)}</a> licence (${escapeHtml(doc.licence.code)}).`
    : `Licence: ${escapeHtml(doc.licence.name)}.`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(doc.title)} (version ${doc.version})</title>
<link rel="canonical" href="${escapeHtml(doc.permalink)}">
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(doc.title)}</h1>
<p class="meta">Version ${doc.version} · published <time datetime="${date}">${date}</time> by <a href="${escapeHtml(doc.group.url)}">${escapeHtml(doc.group.name)}</a> · ${escapeHtml(doc.licence.code)}<br>
Permalink: <a href="${escapeHtml(doc.permalink)}">${escapeHtml(doc.permalink)}</a></p>
${doc.correctionNote ? `<p><strong>What changed in this version:</strong> ${escapeHtml(doc.correctionNote)}</p>` : ""}
<dl class="lead"><dt>Question</dt><dd>${escapeHtml(doc.question)}</dd><dt>Summary</dt><dd>${escapeHtml(doc.summary)}</dd></dl>
${doc.commission ? creditHtml(doc.commission, html.disclosure, doc.origin) : ""}
</header>
<main>
${sections}
${doc.commission?.response ? responseHtml(doc.commission, doc.commission.response, html.response, doc.origin) : ""}
</main>
<footer>
<section id="how-to-cite">
<h2>How to cite</h2>
<p class="cite">${escapeHtml(doc.citation.text)}</p>
<pre><code>${escapeHtml(doc.citation.bibtex)}</code></pre>
</section>
<section id="contributors">
<h2>Contributors</h2>
${people ? `<ul>${people}</ul>` : "<p>No named contributors.</p>"}
<p>${escapeHtml(participationLine(doc.contributors))}</p>
</section>
<section id="licence">
<h2>Licence</h2>
<p>${licence}</p>
</section>
</footer>
</body>
</html>
`;
}

/** The credit, what the organisation provided (its Markdown, sanitised) and the independence statement. */
function creditHtml(c: ExportCommission, disclosureHtml: string, origin: string): string {
  const name = escapeHtml(c.organisation.name);
  return `<section class="commission" id="commission">
<h2>A commissioned report</h2>
<p>Commissioned by <a href="${escapeHtml(c.organisation.url)}">${name}</a>${c.organisation.verified ? " (verified organisation)" : ""}. <a href="${escapeHtml(c.commissionUrl)}">Read the commission</a>.</p>
<h3>What ${name} provided</h3>
${absoluteLinks(disclosureHtml, origin)}
<h3>Independence</h3>
<p>${escapeHtml(c.independence)}</p>
</section>`;
}

/** The organisation's signed response (its Markdown, sanitised). */
function responseHtml(
  c: ExportCommission,
  r: NonNullable<ExportCommission["response"]>,
  bodyHtml: string,
  origin: string,
): string {
  const name = escapeHtml(c.organisation.name);
  const date = r.date.toISOString().slice(0, 10);
  return `<section id="commission-response">
<h2>Response from ${name}</h2>
<p class="meta">Signed for ${name} by ${escapeHtml(r.signatory)} (<time datetime="${date}">${date}</time>). This is the organisation&#39;s statement, not the group&#39;s.</p>
${absoluteLinks(bodyHtml, origin)}
</section>`;
}
