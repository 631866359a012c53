import { describe, expect, it } from "vitest";
import { ZUpdateGroup } from "@/features/groups/schemas";
import {
  ZMoveThread,
  ZPostWithOptionalReason,
  ZPostWithReason,
  ZReportPost,
  ZSuspendMember,
} from "@/features/moderation/schemas";

const id = "0b6c3f0e-5d7e-4d8c-9f65-2b1f0f3e7a10";

function fieldErrors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  const out: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) out[String(issue.path[0] ?? "form")] ??= issue.message;
  return out;
}

describe("moderation schemas", () => {
  it("hide and remove need a reason; restore does not", () => {
    expect(fieldErrors(ZPostWithReason.safeParse({ postId: id, reason: "  " }))).toEqual({
      reason: "Reason must be at least 3 characters.",
    });
    expect(ZPostWithOptionalReason.parse({ postId: id, reason: "  " })).toEqual({ postId: id });
    expect(fieldErrors(ZPostWithReason.safeParse({ postId: "nope", reason: "Rude" }))).toEqual({
      postId: "Unknown post.",
    });
  });

  it("a report needs a few words", () => {
    expect(fieldErrors(ZReportPost.safeParse({ postId: id, reason: "" }))).toEqual({
      reason: "Your report must be at least 3 characters.",
    });
    expect(ZReportPost.parse({ postId: id, reason: "  Names a colleague  " }).reason).toBe("Names a colleague");
  });

  it("a move needs a target group and a reason", () => {
    expect(fieldErrors(ZMoveThread.safeParse({ threadId: id, toGroupId: "", reason: "" }))).toEqual({
      toGroupId: "Choose the group to move the thread to.",
      reason: "Reason must be at least 3 characters.",
    });
  });

  it("suspensions last whole days, 1 to 365", () => {
    const base = { groupId: id, userId: id, reason: "Cooling off" };
    expect(ZSuspendMember.parse({ ...base, days: "7" }).days).toBe(7);
    expect(fieldErrors(ZSuspendMember.safeParse({ ...base, days: "0" }))).toEqual({
      days: "Suspend for at least 1 day.",
    });
    expect(fieldErrors(ZSuspendMember.safeParse({ ...base, days: "366" }))).toEqual({
      days: "Suspend for at most 365 days.",
    });
    expect(fieldErrors(ZSuspendMember.safeParse({ ...base, days: "1.5" }))).toEqual({ days: "Enter whole days." });
  });
});

describe("the auto-hide threshold in the group settings", () => {
  const base = { groupId: id, name: "Housing", description: "Delays in housing benefit.", joinPolicy: "OPEN" };

  it("empty turns it off; absent leaves it as it is", () => {
    expect(ZUpdateGroup.parse({ ...base, autoHideReportThreshold: "" }).autoHideReportThreshold).toBeNull();
    expect(ZUpdateGroup.parse({ ...base, autoHideReportThreshold: " " }).autoHideReportThreshold).toBeNull();
    expect(
      "autoHideReportThreshold" in ZUpdateGroup.parse(base) &&
        ZUpdateGroup.parse(base).autoHideReportThreshold !== undefined,
    ).toBe(false);
    expect(ZUpdateGroup.parse({ ...base, autoHideReportThreshold: "3" }).autoHideReportThreshold).toBe(3);
  });

  it("is a whole number from 2 to 20", () => {
    for (const [value, message] of [
      ["1", "Use at least 2 reports, or leave it empty to turn this off."],
      ["21", "Use at most 20 reports."],
      ["2.5", "Enter a whole number from 2 to 20."],
      ["many", "Enter a number from 2 to 20, or leave it empty."],
    ] as const) {
      expect(fieldErrors(ZUpdateGroup.safeParse({ ...base, autoHideReportThreshold: value })), value).toEqual({
        autoHideReportThreshold: message,
      });
    }
  });
});
