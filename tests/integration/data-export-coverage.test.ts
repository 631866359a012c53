// "Download my data" holds every row a member wrote or started: this walks prisma/schema.prisma for
// every relation to User and fails when one is neither exported by a section of the archive (or
// the profile) nor left out on purpose with a reason. A new model with an author cannot be forgotten.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXPORT_FILES, NOT_IN_ARCHIVE, PROFILE_COVERS } from "@/features/privacy/data-export/sections";

/** "Model.field" for every field whose type is User (a relation to the member). */
function userLinksInSchema(schema: string): string[] {
  const links: string[] = [];
  let model: string | null = null;
  for (const line of schema.split("\n")) {
    const opening = /^model\s+(\w+)\s*\{/.exec(line);
    if (opening) model = opening[1] ?? null;
    else if (/^\}/.test(line)) model = null;
    else if (model) {
      const field = /^\s+(\w+)\s+User(\?|\[\])?\s/.exec(line);
      if (field && field[2] !== "[]") links.push(`${model}.${field[1]}`);
    }
  }
  return links.sort();
}

const schemaLinks = userLinksInSchema(readFileSync("prisma/schema.prisma", "utf8"));
const exported = [...PROFILE_COVERS, ...EXPORT_FILES.flatMap((f) => f.parts.flatMap((p) => p.section.covers))];

describe("the archive covers the schema", () => {
  it("finds the relations to User (the walk itself works)", () => {
    expect(schemaLinks).toContain("Post.author");
    expect(schemaLinks).toContain("Paper.createdBy");
    expect(schemaLinks.length).toBeGreaterThan(30);
  });

  it("exports every relation to a member, or says why not", () => {
    const accounted = new Set([...exported, ...Object.keys(NOT_IN_ARCHIVE)]);
    expect(schemaLinks.filter((link) => !accounted.has(link))).toEqual([]);
  });

  it("names no relation the schema does not have, and none twice", () => {
    const inSchema = new Set(schemaLinks);
    expect([...exported, ...Object.keys(NOT_IN_ARCHIVE)].filter((link) => !inSchema.has(link))).toEqual([]);
    expect(exported.filter((link, i) => exported.indexOf(link) !== i)).toEqual([]);
    expect(Object.keys(NOT_IN_ARCHIVE).filter((link) => exported.includes(link as never))).toEqual([]);
  });

  it("gives a reason for each relation left out", () => {
    for (const reason of Object.values(NOT_IN_ARCHIVE)) expect(reason.length).toBeGreaterThan(20);
  });
});

describe("the 'Your data' page lists what the archive holds", () => {
  it("names every file of the archive with its description, from the archive's own list", async () => {
    const { createElement } = await import("react");
    const { renderToStaticMarkup } = await import("react-dom/server");
    const { RequestExport } = await import("@/features/privacy/data-export/components/request-export");
    const html = renderToStaticMarkup(createElement(RequestExport));
    const text = html
      .replace(/<[^>]*>/g, "")
      .replaceAll("&#x27;", "'")
      .replaceAll("&quot;", '"');
    expect(text).toContain("profile.json");
    for (const file of EXPORT_FILES) {
      expect(text).toContain(file.describe);
      expect(text).toContain(file.json);
    }
    // What a stranger found missing (issue 17).
    for (const words of ["papers you started, with their first drafts", "invitation links", "moderation", "email"])
      expect(text).toContain(words);
  });
});
