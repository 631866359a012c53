import fc from "fast-check";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ZipWriter } from "@/features/privacy/data-export/zip-writer";
import { csvCell, csvRow } from "@/lib/csv";

/** A strict RFC 4180 reader, to check what the writer produces. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
      } else {
        cell += c;
        i += 1;
      }
    } else if (c === '"' && cell === "") {
      quoted = true;
      i += 1;
    } else if (c === ",") {
      row.push(cell);
      cell = "";
      i += 1;
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += 2;
    } else if (c === '"' || c === "\r" || c === "\n") throw new Error(`stray ${JSON.stringify(c)} at ${i}`);
    else {
      cell += c;
      i += 1;
    }
  }
  if (cell !== "" || row.length > 0) throw new Error("the last row has no line end");
  return rows;
}

describe("csvCell", () => {
  it("quotes cells with commas, quotes or line breaks, doubling the quotes", () => {
    expect(csvCell("plain text")).toBe("plain text");
    expect(csvCell("a, b")).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("two\r\nlines")).toBe('"two\r\nlines"');
  });

  it("neutralises text a spreadsheet would run as a formula", () => {
    expect(csvCell("=SUM(A1:A9)")).toBe("'=SUM(A1:A9)");
    expect(csvCell("+44 20 7946 0000")).toBe("'+44 20 7946 0000");
    expect(csvCell("-1+1")).toBe("'-1+1");
    expect(csvCell("@handle")).toBe("'@handle");
    expect(csvCell("\tTAB")).toBe("'\tTAB");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("writes numbers, booleans, dates and empty values as themselves", () => {
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(new Date("2026-11-22T10:00:00Z"))).toBe("2026-11-22T10:00:00.000Z");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("any text reads back as written (with the leading ' on formula-like text)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary" }), { minLength: 1, maxLength: 5 }), (cells) => {
        const [row] = parseCsv(csvRow(cells));
        expect(row).toEqual(cells.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
      }),
    );
  });
});

describe("ZipWriter", () => {
  it("writes files that unzip to the same text: whole, JSON lists (flat or keyed, empty or not) and CSV", () => {
    const zip = new ZipWriter();
    zip.text("README.txt", "Hello, archive ✓");
    zip.json("profile.json", { name: "Ada", tags: ["a", "b"] });
    const flat = zip.jsonList("flat.json");
    const keyed = zip.jsonList("keyed.json");
    const empty = zip.jsonList("empty.json");
    const csv = zip.csv("rows.csv", ["id", "body"]);
    flat.list();
    keyed.list("started");
    for (let i = 0; i < 3; i++) {
      flat.push({ id: i, body: `line ${i}\nnext` });
      keyed.push({ id: i });
      csv.push([i, `=cell ${i}`]);
    }
    flat.closeList();
    keyed.closeList();
    keyed.list("following");
    keyed.closeList();
    empty.list();
    flat.end();
    keyed.end();
    empty.end();
    csv.end();
    const files = Object.fromEntries(Object.entries(unzipSync(zip.finish())).map(([k, v]) => [k, strFromU8(v)]));

    expect(Object.keys(files)).toEqual([
      "README.txt",
      "profile.json",
      "flat.json",
      "keyed.json",
      "empty.json",
      "rows.csv",
    ]);
    expect(files["README.txt"]).toBe("Hello, archive ✓");
    expect(JSON.parse(files["profile.json"]!)).toEqual({ name: "Ada", tags: ["a", "b"] });
    expect(JSON.parse(files["flat.json"]!)).toEqual([0, 1, 2].map((i) => ({ id: i, body: `line ${i}\nnext` })));
    expect(JSON.parse(files["keyed.json"]!)).toEqual({ started: [{ id: 0 }, { id: 1 }, { id: 2 }], following: [] });
    expect(JSON.parse(files["empty.json"]!)).toEqual([]);
    expect(parseCsv(files["rows.csv"]!)).toEqual([
      ["id", "body"],
      ["0", "'=cell 0"],
      ["1", "'=cell 1"],
      ["2", "'=cell 2"],
    ]);
  });

  it("streams large files in pieces and keeps two open files apart", () => {
    const zip = new ZipWriter();
    const json = zip.jsonList("big.json");
    const csv = zip.csv("big.csv", ["n", "text"]);
    json.list();
    const text = "x".repeat(500);
    for (let n = 0; n < 2_000; n++) {
      json.push({ n, text });
      csv.push([n, text]);
    }
    json.end();
    csv.end();
    const archive = zip.finish();
    // 1 MB of repetitive text compresses to a small fraction.
    expect(archive.length).toBeLessThan(100_000);
    const files = unzipSync(archive);
    const parsed = JSON.parse(strFromU8(files["big.json"]!)) as { n: number }[];
    expect(parsed.map((r) => r.n)).toEqual(Array.from({ length: 2_000 }, (_, n) => n));
    expect(parseCsv(strFromU8(files["big.csv"]!))).toHaveLength(2_001);
  });

  it("refuses to finish while a file is still open", () => {
    const zip = new ZipWriter();
    zip.jsonList("open.json").list();
    expect(() => zip.finish()).toThrow(/incomplete/);
  });
});
