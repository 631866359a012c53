import { demoteHeadings } from "./demote";
import { type ExportCommission, type ExportDocument, participationLine } from "./document";

/** Text from people (titles, names) shown literally, not read as Markdown. */
const literal = (value: string) => value.replace(/[\\`*_[\]<>#|~]/g, "\\$&");

/** A YAML string that any value survives: double-quoted with JSON escapes (valid YAML). */
const yaml = (value: string | number) => (typeof value === "number" ? String(value) : JSON.stringify(value));

/**
 * The Markdown export: YAML front matter, then the paper as readers see it, sections as "##"
 * with their own headings nested below, then how to cite it, who wrote it, and the licence.
 */
export function toMarkdown(doc: ExportDocument): string {
  const date = doc.publishedAt.toISOString().slice(0, 10);
  const front = [
    "---",
    `title: ${yaml(doc.title)}`,
    `version: ${yaml(doc.version)}`,
    `date: ${yaml(date)}`,
    `licence: ${yaml(doc.licence.code)}`,
    `permalink: ${yaml(doc.permalink)}`,
    `group: ${yaml(doc.group.name)}`,
    "---",
  ];
  const names = doc.contributors.people.map((p) => p.displayName);
  const parts = [
    front.join("\n"),
    `# ${literal(doc.title)}`,
    `Version ${doc.version}, published ${date} by ${literal(doc.group.name)}.`,
    ...(doc.correctionNote ? [`> **What changed in this version:** ${literal(doc.correctionNote)}`] : []),
    `**Question:** ${literal(doc.question)}`,
    `**Summary:** ${literal(doc.summary)}`,
    ...(doc.commission ? creditParts(doc.commission) : []),
    ...doc.sections.map((s) => `## ${literal(s.heading)}\n\n${demoteHeadings(s.body.trim(), 2)}`),
    ...(doc.commission?.response ? responseParts(doc.commission, doc.commission.response) : []),
    "## How to cite",
    doc.citation.text,
    `\`\`\`bibtex\n${doc.citation.bibtex}\n\`\`\``,
    "## Contributors",
    names.length ? names.map((n) => `- ${literal(n)}`).join("\n") : "No named contributors.",
    participationLine(doc.contributors),
    "## Licence",
    doc.licence.url
      ? `This work is licensed under the [${doc.licence.name}](${doc.licence.url}) licence (${doc.licence.code}).`
      : `Licence: ${doc.licence.name}.`,
  ];
  return `${parts.join("\n\n")}\n`;
}

/** The credit, what the organisation provided and the independence statement, before the text. */
function creditParts(c: ExportCommission): string[] {
  const name = literal(c.organisation.name);
  return [
    `**Commissioned by** [${name}](${c.organisation.url})${c.organisation.verified ? " (verified organisation)" : ""}. [Read the commission](${c.commissionUrl}).`,
    `**What ${name} provided:**`,
    demoteHeadings(c.disclosure.trim(), 3),
    `**Independence:** ${literal(c.independence)}`,
  ];
}

/** The organisation's signed response, after the text and before how to cite it. */
function responseParts(c: ExportCommission, r: NonNullable<ExportCommission["response"]>): string[] {
  const name = literal(c.organisation.name);
  return [
    `## Response from ${name}`,
    `*Signed for ${name} by ${literal(r.signatory)} (${r.date.toISOString().slice(0, 10)}). This is the organisation's statement, not the group's.*`,
    demoteHeadings(r.body.trim(), 2),
  ];
}
