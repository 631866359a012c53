import PDFDocument from "pdfkit";
import { type ExportDocument, participationLine } from "./document";
import { registerFonts } from "./pdf-fonts";
import {
  BODY_SIZE,
  keepSpace,
  type Layout,
  writeHeading,
  writeMarkdown,
  writeRuns,
  yieldToOthers,
} from "./pdf-markdown";
import { writeParagraph } from "./pdf-paragraph";

const MARGIN = 64;

/**
 * The PDF export (A4): a title block with version, date and licence, the question and summary,
 * each section, then how to cite, contributors and licence; "Page N of M" on every page.
 * Pages are buffered so the total is known when the footers are written. Text is set in embedded
 * Noto fonts chosen per script (pdf-fonts.ts), so every language members write in survives.
 */
export async function toPdf(doc: ExportDocument): Promise<Uint8Array> {
  const date = doc.publishedAt.toISOString().slice(0, 10);
  const pdf = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: "en-GB",
    displayTitle: true,
    info: {
      Title: `${doc.title} (version ${doc.version})`,
      Author: doc.group.name,
      Subject: doc.question,
      Creator: "Policy Commons",
      // The publication date, not "now": the same version always gives the same file.
      CreationDate: doc.publishedAt,
      ModDate: doc.publishedAt,
    },
  });
  registerFonts(pdf);
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    pdf.on("end", resolve);
    pdf.on("error", reject);
  });

  const at: Layout = { left: MARGIN, width: pdf.page.width - 2 * MARGIN };

  // Title block.
  writeParagraph(pdf, [{ text: doc.title, bold: true }], at, { size: 22 });
  pdf.moveDown(0.4);
  const byline = `Version ${doc.version} · published ${date} by ${doc.group.name} · licence ${doc.licence.code}`;
  writeParagraph(pdf, [{ text: byline }], at, { size: 10, color: "#444444" });
  pdf.moveDown(0.2);
  writeParagraph(pdf, [{ text: doc.permalink, link: doc.permalink }], at, { size: 10 });
  pdf.fillColor("#111111").moveDown(0.8);
  if (doc.correctionNote)
    writeRuns(pdf, [{ text: "What changed in this version: ", bold: true }, { text: doc.correctionNote }], at);
  writeRuns(pdf, [{ text: "Question: ", bold: true }, { text: doc.question }], at);
  writeRuns(pdf, [{ text: "Summary: ", bold: true }, { text: doc.summary }], at, { gap: 0.8 });
  const commission = doc.commission;
  if (commission) {
    const name = commission.organisation.name;
    writeRuns(
      pdf,
      [
        { text: "Commissioned by ", bold: true },
        { text: name, link: commission.organisation.url },
        { text: `${commission.organisation.verified ? " (verified organisation)" : ""}. ` },
        { text: "Read the commission", link: commission.commissionUrl },
        { text: "." },
      ],
      at,
    );
    writeRuns(pdf, [{ text: `What ${name} provided:`, bold: true }], at);
    await writeMarkdown(pdf, commission.disclosure, at, { origin: doc.origin, headingOffset: 3 });
    writeRuns(pdf, [{ text: "Independence: ", bold: true }, { text: commission.independence }], at, { gap: 0.8 });
  }
  pdf
    .save()
    .lineWidth(0.75)
    .strokeColor("#999999")
    .moveTo(at.left, pdf.y)
    .lineTo(at.left + at.width, pdf.y)
    .stroke()
    .restore();
  pdf.moveDown(0.5);

  for (const section of doc.sections) {
    writeHeading(pdf, section.heading, 2, at);
    pdf.outline.addItem(section.heading);
    await writeMarkdown(pdf, section.body, at, { origin: doc.origin, headingOffset: 2 });
    await yieldToOthers();
  }

  if (commission?.response) {
    const r = commission.response;
    const heading = `Response from ${commission.organisation.name}`;
    writeHeading(pdf, heading, 2, at);
    pdf.outline.addItem(heading);
    writeRuns(
      pdf,
      [
        {
          text: `Signed for ${commission.organisation.name} by ${r.signatory} (${r.date.toISOString().slice(0, 10)}). This is the organisation's statement, not the group's.`,
          italic: true,
        },
      ],
      at,
    );
    await writeMarkdown(pdf, r.body, at, { origin: doc.origin, headingOffset: 2 });
  }

  writeHeading(pdf, "How to cite", 2, at);
  pdf.outline.addItem("How to cite");
  writeRuns(pdf, [{ text: doc.citation.text }], at);
  keepSpace(pdf, 60);
  const bibtex = { left: at.left + 12, width: at.width - 12 };
  writeParagraph(pdf, [{ text: doc.citation.bibtex, code: true }], bibtex, { size: BODY_SIZE - 2.5, color: "#222222" });
  pdf.fillColor("#111111").moveDown(0.6);

  writeHeading(pdf, "Contributors", 2, at);
  pdf.outline.addItem("Contributors");
  const names = doc.contributors.people.map((p) => p.displayName);
  writeRuns(pdf, [{ text: names.length ? names.join(", ") : "No named contributors." }], at);
  writeRuns(pdf, [{ text: participationLine(doc.contributors) }], at);

  writeHeading(pdf, "Licence", 2, at);
  writeRuns(
    pdf,
    [
      { text: `This work is licensed under the ` },
      { text: doc.licence.name, link: doc.licence.url || undefined },
      { text: ` (${doc.licence.code})${doc.licence.url ? `: ${doc.licence.url}` : ""}.` },
    ],
    at,
  );

  // Footers, now that the page count is known. The bottom margin is lifted while writing them,
  // or pdfkit would start a new page for text below it.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    const y = pdf.page.height - MARGIN / 2 - 6;
    const footer = { size: 8.5, color: "#555555", y, singleLine: true };
    writeParagraph(
      pdf,
      [{ text: `${doc.title}, version ${doc.version}` }],
      { left: at.left, width: at.width * 0.7 },
      footer,
    );
    writeParagraph(pdf, [{ text: `Page ${i + 1} of ${range.count}` }], at, { ...footer, align: "right" });
    pdf.page.margins.bottom = bottom;
    if (i % 10 === 9) await yieldToOthers();
  }
  pdf.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
