import { PDFParse } from "pdf-parse";
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/groups/[slug]/papers/[paper]/v/[version]/download/[format]/route";
import { makePublication } from "./helpers/publication-factories";
import { resetDatabase } from "./helpers/reset-db";

// A published version written in many scripts comes out of the PDF export intact: its text is
// read back with a real PDF reader (pdf.js, through pdf-parse).

beforeAll(resetDatabase);

const ORIGIN = "http://commons.test";
const SENTENCES = {
  polish: "Zażółć gęślą jaźń, łódź i żółw.",
  welsh: "Mae'r ŵyn yn y dŷ ger y llyn.",
  greek: "Η υγεία είναι δικαίωμα όλων.",
  russian: "Здоровье — право каждого человека.",
  chinese: "健康是每个人的权利。",
  arabic: "الصحة حق للجميع منذ عام 2024 (BBC).",
  urdu: "صحت ہر ایک کا حق ہے۔",
  bengali: "স্বাস্থ্য সবার অধিকার।",
  emoji: "Care 🏥 and ❤",
};
const TITLE = "Prawa pacjenta — حقوق المرضى";

/** Letters only, NFKC (undoes Arabic presentation forms), with their counts. */
function letterCounts(text: string, script: RegExp): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of text.normalize("NFKC")) if (script.test(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return counts;
}

describe("a PDF of a version written in many scripts", () => {
  let pages: string[];
  let all: string;
  let title: string;
  let bytes: number;
  let generatedIn: number;

  beforeAll(async () => {
    const body = Object.values(SENTENCES).join("\n\n");
    const w = await makePublication({ title: TITLE, body });
    const url = `${ORIGIN}/groups/${w.group.slug}/papers/${w.paper.slug}/v/1/download/pdf`;
    const started = performance.now();
    const res = await GET(new Request(url), {
      params: Promise.resolve({ slug: w.group.slug, paper: w.paper.slug, version: "1", format: "pdf" }),
    });
    const pdf = new Uint8Array(await res.arrayBuffer());
    generatedIn = performance.now() - started;
    bytes = pdf.byteLength;
    const parser = new PDFParse({ data: pdf.slice() });
    pages = (await parser.getText()).pages.map((p) => p.text.normalize("NFKC"));
    title = String((await parser.getInfo()).info?.Title ?? "");
    await parser.destroy();
    all = pages.join("\n");
  });

  it("keeps Latin with its accents, Greek, Cyrillic and Chinese word for word", () => {
    for (const key of ["polish", "welsh", "greek", "russian", "chinese"] as const)
      expect(all, key).toContain(SENTENCES[key].normalize("NFKC").replace(/[.。]$/, ""));
  });

  it("keeps every Arabic, Urdu and Bengali letter, whatever order the reader lists them in", () => {
    const scripts = { arabic: /\p{Script=Arabic}/u, urdu: /\p{Script=Arabic}/u, bengali: /\p{Script=Bengali}/u };
    for (const [key, script] of Object.entries(scripts)) {
      const found = letterCounts(all, script);
      for (const [ch, n] of letterCounts(SENTENCES[key as keyof typeof scripts], script))
        expect(found.get(ch) ?? 0, `${key}: ${ch}`).toBeGreaterThanOrEqual(n);
    }
    // The mixed numbers and Latin in the Arabic sentence are there too, in reading order.
    expect(all).toMatch(/2024/);
    expect(all).toMatch(/BBC/);
  });

  it("keeps the emoji", () => {
    expect(all).toContain("🏥");
    expect(all).toContain("❤");
  });

  it("has no replacement characters, and the title in its metadata and in every page's footer", () => {
    // The only "?" is the one the paper's question ends with.
    expect(all.replace(/^Question: .*\?$/m, "")).not.toContain("?");
    expect(all).not.toContain("\uFFFD");
    expect(title).toBe(`${TITLE} (version 1)`);
    for (const page of pages) expect(page).toContain("Prawa pacjenta");
    expect(letterCounts(pages.at(-1) ?? "", /\p{Script=Arabic}/u).get("ح")).toBeGreaterThanOrEqual(1);
  });

  it("stays a small file made in reasonable time (fonts are subset; loaded once per process)", () => {
    expect(bytes).toBeLessThan(400_000);
    expect(generatedIn).toBeLessThan(10_000);
  });
});
