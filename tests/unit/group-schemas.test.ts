import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  ZChangeRole,
  ZCreateGroup,
  ZGroupListQuery,
  ZGroupSlug,
  ZJoinGroup,
  ZRemoveMember,
} from "@/features/groups/schemas";

function firstMessage(schema: z.ZodType, input: unknown): string | undefined {
  const result = schema.safeParse(input);
  return result.success ? undefined : result.error.issues[0]?.message;
}

function fieldErrors(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) out[String(issue.path[0] ?? "form")] ??= issue.message;
  return out;
}

const SLUG_RULE = "Use lower-case letters, numbers and single hyphens, e.g. welfare-reform.";
const groupId = "0b6c3f0e-5d7e-4d8c-9f65-2b1f0f3e7a10";
const userId = "c2a4d5e6-1b3c-4d5e-8f90-a1b2c3d4e5f6";

describe("ZGroupSlug", () => {
  it("trims and lower-cases", () => {
    expect(ZGroupSlug.parse("  Welfare-Reform ")).toBe("welfare-reform");
  });

  it("rejects anything but lower-case words joined by single hyphens", () => {
    for (const bad of ["welfare reform", "welfare--reform", "-welfare", "welfare-", "welfare_reform", "wélfare"]) {
      expect(firstMessage(ZGroupSlug, bad), bad).toBe(SLUG_RULE);
    }
  });

  it("rejects slugs that are too short or too long", () => {
    expect(firstMessage(ZGroupSlug, "ab")).toBe("Web address must be at least 3 characters.");
    expect(firstMessage(ZGroupSlug, "a".repeat(51))).toBe("Web address must be at most 50 characters.");
  });

  it("rejects reserved words, also when typed in capitals", () => {
    for (const reserved of ["new", "admin", "settings", "Members", " EDIT "]) {
      expect(firstMessage(ZGroupSlug, reserved), reserved).toBe("This web address is reserved. Choose another.");
    }
  });
});

describe("ZCreateGroup", () => {
  const valid = {
    name: "Housing benefit",
    slug: "housing-benefit",
    description: "Delays in housing benefit claims.",
    joinPolicy: "OPEN",
  };

  it("accepts a valid group", () => {
    expect(ZCreateGroup.parse(valid)).toEqual(valid);
  });

  it("gives a message per field", () => {
    const errors = fieldErrors(ZCreateGroup, { name: "ab", slug: "api", description: "short", joinPolicy: "SECRET" });
    expect(errors).toEqual({
      name: "Name must be at least 3 characters.",
      slug: "This web address is reserved. Choose another.",
      description: "Description must be at least 10 characters.",
      joinPolicy: "Choose who can join.",
    });
  });

  it("limits name and description length", () => {
    expect(fieldErrors(ZCreateGroup, { ...valid, name: "n".repeat(81) }).name).toBe(
      "Name must be at most 80 characters.",
    );
    expect(fieldErrors(ZCreateGroup, { ...valid, description: "d".repeat(2001) }).description).toBe(
      "Description must be at most 2000 characters.",
    );
  });
});

describe("membership inputs", () => {
  it("ZJoinGroup turns an empty note into no note and limits its length", () => {
    expect(ZJoinGroup.parse({ groupId, note: "   " }).note).toBeUndefined();
    expect(ZJoinGroup.parse({ groupId, note: " I run a food bank " }).note).toBe("I run a food bank");
    expect(fieldErrors(ZJoinGroup, { groupId, note: "n".repeat(501) }).note).toBe(
      "Your note must be at most 500 characters.",
    );
  });

  it("rejects ids that are not uuids", () => {
    expect(fieldErrors(ZJoinGroup, { groupId: "housing" }).groupId).toBe("Unknown group.");
    expect(fieldErrors(ZChangeRole, { groupId, userId: "x", role: "OWNER" }).userId).toBe("Unknown member.");
  });

  it("ZChangeRole accepts only the three roles", () => {
    expect(fieldErrors(ZChangeRole, { groupId, userId, role: "ADMIN" }).role).toBe("Choose a role.");
    expect(ZChangeRole.parse({ groupId, userId, role: "MODERATOR" }).role).toBe("MODERATOR");
  });

  it("ZRemoveMember requires a reason", () => {
    expect(fieldErrors(ZRemoveMember, { groupId, userId, reason: " " }).reason).toBe(
      "Reason must be at least 3 characters.",
    );
  });
});

describe("ZGroupListQuery", () => {
  it("falls back to page 1 and an empty query for nonsense", () => {
    expect(ZGroupListQuery.parse({ q: undefined, page: "abc" })).toEqual({ q: "", page: 1 });
    expect(ZGroupListQuery.parse({ q: " food ", page: "3" })).toEqual({ q: "food", page: 3 });
  });
});
