import { PDFParse } from "pdf-parse";
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/groups/[slug]/papers/[paper]/v/[version]/download/[format]/route";
import { makeGroup, makeUser } from "./helpers/factories";
import { makePaper } from "./helpers/paper-factories";
import { makePublication } from "./helpers/publication-factories";
import { resetDatabase } from "./helpers/reset-db";

beforeAll(resetDatabase);

const ORIGIN = "http://commons.test";

function download(
  groupSlug: string,
  paperSlug: string,
  version: string,
  format: string,
  headers: Record<string, string> = {},
) {
  const url = `${ORIGIN}/groups/${groupSlug}/papers/${paperSlug}/v/${version}/download/${format}`;
  return GET(new Request(url, { headers }), {
    params: Promise.resolve({ slug: groupSlug, paper: paperSlug, version, format }),
  });
}

/** The text drawn on each page of a PDF, read back by a real PDF reader (pdf.js via pdf-parse). */
async function pdfText(pdf: Uint8Array): Promise<string[]> {
  const parser = new PDFParse({ data: pdf.slice() });
  try {
    return (await parser.getText()).pages.map((p) => p.text);
  } finally {
    await parser.destroy();
  }
}

describe("downloading a published version", () => {
  let w: Awaited<ReturnType<typeof makePublication>>;
  beforeAll(async () => {
    // A members-only group: its published versions are public all the same.
    w = await makePublication({ joinPolicy: "APPROVAL" });
  });

  it("as Markdown: front matter, sections with nested headings, the citation and contributors, as an attachment", async () => {
    const res = await download(w.group.slug, w.paper.slug, "1", "markdown");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${w.paper.slug}-v1.md"`);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const body = new Uint8Array(await res.arrayBuffer());
    expect(res.headers.get("content-length")).toBe(String(body.byteLength));
    const md = new TextDecoder().decode(body);
    expect(md).toMatch(/^---\ntitle: ".*"\nversion: 1\n/);
    expect(md).toContain(`permalink: "${ORIGIN}/groups/${w.group.slug}/papers/${w.paper.slug}/v/1"`);
    expect(md).toContain("## Payments\n\nPay benefits **every week**, not monthly.\n\n### Why weekly");
    expect(md).toContain("## Assessments");
    expect(md).toContain("## How to cite");
    expect(md).toContain(`## Contributors\n\n- ${w.owner.displayName}\n- ${w.su.displayName}`.replace(/_/g, "\\_"));
    expect(md).toContain("3 people voted on its proposals.");
  });

  it("as standalone HTML: sanitised, no scripts and nothing loaded from elsewhere, links kept", async () => {
    const res = await download(w.group.slug, w.paper.slug, "1", "html");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${w.paper.slug}-v1.html"`);
    const html = await res.text();
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|\son\w+=|javascript:/i);
    expect(html).not.toMatch(/\ssrc=|@import|url\(|<link(?![^>]*rel="canonical")/i);
    // Every absolute URL is a link target or shown as text, never something the browser fetches.
    for (const m of html.matchAll(/(\w+)="(https?:\/\/[^"]+)"/g)) expect(m[1]).toBe("href");
    expect(html).toContain('<a href="https://example.org/report" rel="nofollow ugc noopener noreferrer">evidence</a>');
    expect(html).toContain("<h2>Payments</h2>");
    expect(html).toContain("<h3>Why weekly</h3>");
    expect(html).toContain("<h2>How to cite</h2>");
    expect(html).toContain(`<li>${w.su.displayName}</li>`);
  });

  it("as a PDF: a real file whose pages carry the title, the sections, the citation and page numbers", async () => {
    const res = await download(w.group.slug, w.paper.slug, "1", "pdf");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${w.paper.slug}-v1.pdf"`);
    const pdf = new Uint8Array(await res.arrayBuffer());
    expect(res.headers.get("content-length")).toBe(String(pdf.byteLength));
    expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    expect(Buffer.from(pdf.subarray(-6)).toString("latin1")).toMatch(/%%EOF\s*$/);
    const pageCount = Number(/\/Type \/Pages\s*\/Count (\d+)/.exec(Buffer.from(pdf).toString("latin1"))?.[1]);
    expect(pageCount).toBeGreaterThan(0);

    const pages = await pdfText(pdf);
    expect(pages).toHaveLength(pageCount);
    const all = pages.join("\n");
    expect(all.replace(/\n/g, " ")).toContain(w.paper.title);
    for (const heading of ["Payments", "Why weekly", "Assessments", "How to cite", "Contributors", "Licence"])
      expect(all).toContain(heading);
    // Curly quotes and dashes survive.
    expect(all).toContain("“run out” — see the");
    for (const [i, page] of pages.entries()) expect(page).toContain(`Page ${i + 1} of ${pageCount}`);
  });

  it("is cached: the same ETag twice, and a 304 without the body when the browser has it", async () => {
    const first = await download(w.group.slug, w.paper.slug, "1", "pdf");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"pub-[0-9a-f-]+-pdf-r\d+-[0-9a-f]{8}"$/);
    expect((await download(w.group.slug, w.paper.slug, "1", "pdf")).headers.get("etag")).toBe(etag);
    const again = await download(w.group.slug, w.paper.slug, "1", "pdf", { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect((await download(w.group.slug, w.paper.slug, "1", "html")).headers.get("etag")).not.toBe(etag);
  });

  it("answers 404 with a plain message for unknown formats, versions, papers and unpublished drafts", async () => {
    const owner = await makeUser();
    const closed = await makeGroup(owner, { joinPolicy: "APPROVAL" });
    const draft = await makePaper(closed, owner);
    const cases: [string, string, string, string, string][] = [
      [w.group.slug, w.paper.slug, "1", "docx", "Downloads come as markdown, html or pdf."],
      [w.group.slug, w.paper.slug, "2", "pdf", "That version was not found."],
      [w.group.slug, w.paper.slug, "0", "pdf", "That version was not found."],
      [w.group.slug, w.paper.slug, "v1", "pdf", "That version was not found."],
      [w.group.slug, "no-such-paper", "1", "markdown", "That version was not found."],
      [closed.slug, draft.slug, "1", "html", "That version was not found."],
    ];
    for (const [group, paper, version, format, message] of cases) {
      const res = await download(group, paper, version, format);
      expect(res.status, `${paper} v${version} ${format}`).toBe(404);
      expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.text()).toBe(message);
    }
  });
});
