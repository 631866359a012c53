import { describe, expect, it } from "vitest";
import {
  describeModerationAction,
  detailDate,
  type LogSentenceFacts,
  markdownExcerpt,
} from "@/features/moderation/describe";
import type { ModerationActionKind } from "@/generated/prisma/enums";

const HERE = "group-here";
const THERE = "group-there";

function sentence(kind: ModerationActionKind, facts: Partial<LogSentenceFacts> = {}) {
  return describeModerationAction({
    kind,
    viewingGroupId: HERE,
    details: {},
    subject: null,
    threadTitle: null,
    ...facts,
  });
}

describe("describeModerationAction", () => {
  it("says what happened to a post, and in which thread", () => {
    const t = { threadTitle: "Waiting lists" };
    expect(sentence("HIDE_POST", t)).toBe('hid a post in "Waiting lists"');
    expect(sentence("REMOVE_POST", t)).toBe('removed a post in "Waiting lists"');
    expect(sentence("RESTORE_POST", t)).toBe('restored a post in "Waiting lists"');
    expect(sentence("FEATURE_POST", t)).toBe('marked a post in "Waiting lists" as a key contribution');
    expect(sentence("UNFEATURE_POST", t)).toBe('unmarked a key contribution in "Waiting lists"');
    expect(sentence("HIDE_POST")).toBe("hid a post");
  });

  it("falls back to the title recorded with the action", () => {
    expect(sentence("HIDE_POST", { details: { threadTitle: "Gone thread" } })).toBe('hid a post in "Gone thread"');
    expect(sentence("LOCK_THREAD", { details: { title: "Gone thread" } })).toBe('locked the thread "Gone thread"');
    expect(sentence("LOCK_THREAD")).toBe("locked a thread");
  });

  it("describes automatic hides and dismissals with their counts", () => {
    expect(sentence("AUTO_HIDE_POST", { threadTitle: "X", details: { auto: true, reports: 3 } })).toBe(
      'hid a post in "X" pending review after 3 reports from different members',
    );
    expect(sentence("DISMISS_REPORT", { threadTitle: "X", details: { reports: 1 } })).toBe(
      'dismissed 1 report about a post in "X"',
    );
    expect(sentence("DISMISS_REPORT", { threadTitle: "X", details: { reports: 2, restored: true } })).toBe(
      'dismissed 2 reports about a post in "X" and showed it again',
    );
    expect(sentence("DISMISS_REPORT")).toBe("dismissed the reports about a post");
  });

  it("thread changes", () => {
    const t = { threadTitle: "Waiting lists" };
    expect(sentence("LOCK_THREAD", t)).toBe('locked the thread "Waiting lists"');
    expect(sentence("UNLOCK_THREAD", t)).toBe('unlocked the thread "Waiting lists"');
    expect(sentence("PIN_THREAD", t)).toBe('pinned the thread "Waiting lists"');
    expect(sentence("UNPIN_THREAD", t)).toBe('unpinned the thread "Waiting lists"');
  });

  it("a move reads from the point of view of the group whose log it is", () => {
    const details = {
      title: "Waiting lists",
      fromGroupId: HERE,
      fromGroupName: "Housing",
      toGroupId: THERE,
      toGroupName: "Social care",
    };
    expect(sentence("MOVE_THREAD", { details, viewingGroupId: HERE })).toBe(
      'moved the thread "Waiting lists" to Social care',
    );
    expect(sentence("MOVE_THREAD", { details, viewingGroupId: THERE })).toBe(
      'moved the thread "Waiting lists" here from Housing',
    );
    expect(sentence("MOVE_THREAD", { details, viewingGroupId: null })).toBe(
      'moved the thread "Waiting lists" from Housing to Social care',
    );
  });

  it("says from what to what a moderator renamed a thread", () => {
    expect(
      sentence("RENAME_THREAD", {
        threadTitle: "Assessment waits",
        details: { title: "Assessment waits", oldTitle: "Asessment waits", newTitle: "Assessment waits" },
      }),
    ).toBe('renamed the thread "Asessment waits" to "Assessment waits"');
    expect(sentence("RENAME_THREAD", { threadTitle: "Assessment waits" })).toBe(
      'renamed the thread "Assessment waits"',
    );
  });

  it("names members by handle, or as former members", () => {
    const ben = { handle: "ben" };
    expect(sentence("SUSPEND_MEMBER", { subject: ben, details: { until: "2026-12-03T10:00:00.000Z" } })).toBe(
      "suspended @ben from the group until 3 Dec 2026",
    );
    expect(sentence("SUSPEND_MEMBER", { details: { until: "2026-12-03T10:00:00.000Z" } })).toBe(
      "suspended a former member from the group until 3 Dec 2026",
    );
    expect(sentence("UNSUSPEND_MEMBER", { subject: ben })).toBe("lifted @ben's suspension from the group");
    expect(sentence("CHANGE_ROLE", { subject: ben, details: { from: "MEMBER", to: "MODERATOR" } })).toBe(
      "made @ben a moderator",
    );
    expect(sentence("CHANGE_ROLE", { subject: ben, details: { to: "OWNER" } })).toBe("made @ben an owner");
    expect(sentence("CHANGE_ROLE", { subject: ben })).toBe("changed @ben's role");
    expect(sentence("REMOVE_MEMBER", { subject: ben })).toBe("removed @ben from the group");
    expect(sentence("APPROVE_MEMBER", { subject: ben })).toBe("approved @ben's request to join");
    expect(sentence("REJECT_MEMBER")).toBe("declined a former member's request to join");
    expect(sentence("SUSPEND_USER", { subject: ben, details: { until: "2026-12-03T10:00:00.000Z" } })).toBe(
      "suspended @ben's account until 3 Dec 2026",
    );
  });

  it("has a sentence for every kind, and never an empty one", () => {
    const kinds: ModerationActionKind[] = [
      "HIDE_POST",
      "RESTORE_POST",
      "REMOVE_POST",
      "FEATURE_POST",
      "UNFEATURE_POST",
      "LOCK_THREAD",
      "UNLOCK_THREAD",
      "PIN_THREAD",
      "UNPIN_THREAD",
      "MOVE_THREAD",
      "RENAME_THREAD",
      "DISMISS_REPORT",
      "AUTO_HIDE_POST",
      "SUSPEND_MEMBER",
      "UNSUSPEND_MEMBER",
      "SUSPEND_USER",
      "UNSUSPEND_USER",
      "CHANGE_ROLE",
      "REMOVE_MEMBER",
      "APPROVE_MEMBER",
      "REJECT_MEMBER",
      "EDITORIAL_FIX",
      "DECLINE_COMMISSION",
      "VERIFY_ORGANISATION",
    ];
    for (const kind of kinds) expect(sentence(kind, { details: null }).length, kind).toBeGreaterThan(5);
  });

  it("ignores malformed details", () => {
    expect(sentence("SUSPEND_MEMBER", { subject: { handle: "ben" }, details: { until: "not a date" } })).toBe(
      "suspended @ben from the group",
    );
    expect(sentence("DISMISS_REPORT", { details: { reports: "3" } })).toBe("dismissed the reports about a post");
    expect(detailDate([1, 2], "until")).toBeNull();
  });
});

describe("markdownExcerpt", () => {
  it("drops markup, keeping the words and link text", () => {
    expect(
      markdownExcerpt(
        "## A heading\n\n> quoted *text* and **bold** with `code`\n\n- item [a link](https://example.com)",
      ),
    ).toBe("A heading quoted text and bold with code item a link");
    expect(markdownExcerpt("snake_case_name stays")).toBe("snake_case_name stays");
  });

  it("cuts long text at a word boundary with an ellipsis", () => {
    const long = "word ".repeat(100);
    const excerpt = markdownExcerpt(long, 50);
    expect(excerpt.length).toBeLessThanOrEqual(51);
    expect(excerpt.endsWith("word…")).toBe(true);
    expect(markdownExcerpt("short", 50)).toBe("short");
  });
});
