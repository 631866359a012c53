// Titles and names count what a reader sees: invisible characters cannot make one up, and
// direction controls (which make text read differently from what was typed) are refused.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ZCreateThread, ZEditThreadTitle } from "@/features/discussions/schemas";
import { ZCreateGroup } from "@/features/groups/schemas";
import { ZCreatePaper } from "@/features/papers/schemas";
import { hasBidiControl, visibleLength } from "@/lib/form-fields";

const id = "0b6c3f0e-5d7e-4d8c-9f65-2b1f0f3e7a10";

function titleError(schema: z.ZodType, input: Record<string, unknown>, field = "title"): string | undefined {
  const result = schema.safeParse(input);
  if (result.success) return undefined;
  return result.error.issues.find((i) => i.path[0] === field)?.message;
}

const INVISIBLE_ONLY = {
  "four zero-width spaces": "\u200B\u200B\u200B\u200B",
  "a mix of invisible characters": "\u200B\u2060\uFEFF\u00A0\u3000\u200C\u200D",
  "two letters padded with invisibles": "\u200Ba\u2060\u00A0b\uFEFF",
  "Hangul fillers": "\u3164\u3164\u3164\u115F",
};
const BIDI = {
  "right-to-left override": "Sanctions \u202Edetpecca ton",
  "left-to-right embedding": "A \u202Atitle",
  "right-to-left isolate": "A \u2067title\u2069",
  "pop directional formatting": "A title\u202C",
};

describe("visibleLength", () => {
  it("counts only characters that take room on screen", () => {
    expect(visibleLength("\u200B\u200B\u200B\u200B")).toBe(0);
    expect(visibleLength(" a b ")).toBe(3);
    expect(visibleLength("👩🏽 e\u0301")).toBeGreaterThanOrEqual(3);
  });
  it("spots direction controls", () => {
    expect(hasBidiControl("plain")).toBe(false);
    expect(hasBidiControl("مرحبا hello")).toBe(false);
    for (const value of Object.values(BIDI)) expect(hasBidiControl(value)).toBe(true);
  });
});

describe("titles of threads, papers and groups", () => {
  const forms: [string, z.ZodType, (title: string) => Record<string, unknown>, string][] = [
    ["new thread", ZCreateThread, (title) => ({ groupId: id, title, body: "Hello." }), "title"],
    ["changed thread title", ZEditThreadTitle, (title) => ({ threadId: id, title }), "title"],
    [
      "new paper",
      ZCreatePaper,
      (title) => ({
        groupId: id,
        title,
        question: "What should change here?",
        summary: "A summary.",
        "sections.0.heading": "One",
        "sections.0.body": "Text.",
      }),
      "title",
    ],
    [
      "new group",
      ZCreateGroup,
      (name) => ({ name, slug: "a-group", description: "A group for testing things.", joinPolicy: "OPEN" }),
      "name",
    ],
  ];

  for (const [form, schema, input, field] of forms) {
    const label = field === "name" ? "Name" : "Title";
    it.each(Object.entries(INVISIBLE_ONLY))(`${form}: refuses %s as too short`, (_what, value) => {
      expect(titleError(schema, input(value), field)).toBe(`${label} must be at least 3 characters.`);
    });
    it.each(Object.entries(BIDI))(`${form}: refuses a %s`, (_what, value) => {
      expect(titleError(schema, input(value), field)).toMatch(/text-direction control characters/);
    });
    it(`${form}: accepts a real title, right-to-left scripts and emoji included`, () => {
      expect(titleError(schema, input("Housing benefit reform"), field)).toBeUndefined();
      expect(titleError(schema, input("إصلاح السكن"), field)).toBeUndefined();
      expect(titleError(schema, input("Care 👩🏽‍⚕️ hours"), field)).toBeUndefined();
    });
  }
});
