import { describe, expect, it } from "vitest";
import { draftTimeText } from "@/components/form/draft-notice";
import { applyEdit, formatEdit, type MarkdownFormat } from "@/components/form/markdown-format";
import { shortcutFormat } from "@/components/form/markdown-toolbar";

/** Applies a format to text written with [ and ] around the selection; returns the result the same way. */
function run(format: MarkdownFormat, marked: string): string {
  const from = marked.indexOf("[");
  const to = marked.indexOf("]") - 1;
  const text = marked.replace("[", "").replace("]", "");
  const edit = formatEdit(format, text, from, to);
  const out = applyEdit(text, edit);
  return `${out.slice(0, edit.selectionStart)}[${out.slice(edit.selectionStart, edit.selectionEnd)}]${out.slice(edit.selectionEnd)}`;
}

describe("bold and italic", () => {
  it("wrap the selection and keep it selected", () => {
    expect(run("bold", "a [word] here")).toBe("a **[word]** here");
    expect(run("italic", "a [word] here")).toBe("a _[word]_ here");
  });

  it("insert a placeholder, selected, when nothing is selected", () => {
    expect(run("bold", "say []")).toBe("say **[bold text]**");
    expect(run("italic", "[]")).toBe("_[italic text]_");
  });

  it("leave spaces selected at the ends outside the marks", () => {
    expect(run("bold", "a[ word ]b")).toBe("a **[word]** b");
  });

  it("take the marks away when pressed again", () => {
    expect(run("bold", "a **[word]** here")).toBe("a [word] here");
    expect(run("bold", "a [**word**] here")).toBe("a [word] here");
    expect(run("italic", run("italic", "x [y] z"))).toBe("x [y] z");
  });
});

describe("line formats", () => {
  it("prefix every selected line, numbering a numbered list", () => {
    expect(run("bulleted", "[one\ntwo]")).toBe("[- one\n- two]");
    expect(run("numbered", "[one\ntwo\nthree]")).toBe("[1. one\n2. two\n3. three]");
    expect(run("quote", "[said\nthis]")).toBe("[> said\n> this]");
    expect(run("heading", "Ti[]tle")).toBe("[## Title]");
  });

  it("take the whole line when the cursor is inside it", () => {
    expect(run("bulleted", "first\n\nsec[]ond")).toBe("first\n\n[- second]");
  });

  it("leave a blank line before a new list that follows a paragraph", () => {
    expect(run("bulleted", "para\n[item]")).toBe("para\n\n[- item]");
  });

  it("turn one kind of list into another", () => {
    expect(run("numbered", "[- a\n- b]")).toBe("[1. a\n2. b]");
  });

  it("remove the prefix when every line has it", () => {
    expect(run("bulleted", "[- a\n- b]")).toBe("[a\nb]");
    expect(run("quote", "[> a\n> b]")).toBe("[a\nb]");
    expect(run("heading", "[## Title]")).toBe("[Title]");
  });

  it("does not take in the next line when the selection ends at a line break", () => {
    expect(run("quote", "[a\n]b")).toBe("[> a]\nb");
  });
});

describe("link", () => {
  it("wraps the selected words and selects the address to fill in", () => {
    expect(run("link", "see [the guide] now")).toBe("see [the guide]([https://]) now");
  });

  it("with nothing selected, selects the words to write", () => {
    expect(run("link", "go []")).toBe("go [[link text]](https://)");
  });

  it("with an address selected, uses it and selects the words", () => {
    expect(run("link", "[https://gov.uk/x]")).toBe("[[link text]](https://gov.uk/x)");
  });
});

describe("keyboard shortcuts", () => {
  const press = (key: string, mods: Partial<Record<"ctrlKey" | "metaKey" | "altKey" | "shiftKey", boolean>>) =>
    shortcutFormat({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

  it("Ctrl or ⌘ with B, I or K", () => {
    expect(press("b", { ctrlKey: true })).toBe("bold");
    expect(press("I", { metaKey: true })).toBe("italic");
    expect(press("k", { ctrlKey: true })).toBe("link");
  });

  it("nothing else: plain letters, other keys, or with Shift or Alt (the browser's own shortcuts)", () => {
    expect(press("b", {})).toBeNull();
    expect(press("z", { ctrlKey: true })).toBeNull();
    expect(press("b", { ctrlKey: true, shiftKey: true })).toBeNull();
    expect(press("i", { ctrlKey: true, altKey: true })).toBeNull();
  });
});

describe("when a draft was kept", () => {
  const at = (d: number, h: number, m: number) => new Date(2026, 11, d, h, m).getTime();
  it("says how long ago in words, needing no time zone", () => {
    expect(draftTimeText(at(7, 9, 5), at(7, 9, 5))).toBe("a moment ago");
    expect(draftTimeText(at(7, 9, 5), at(7, 9, 6))).toBe("a minute ago");
    expect(draftTimeText(at(7, 9, 5), at(7, 9, 50))).toBe("45 minutes ago");
    expect(draftTimeText(at(7, 9, 5), at(7, 10, 5))).toBe("an hour ago");
    expect(draftTimeText(at(7, 9, 5), at(7, 18, 0))).toBe("8 hours ago");
    expect(draftTimeText(at(6, 23, 59), at(7, 0, 1))).toBe("2 minutes ago");
    expect(draftTimeText(at(3, 14, 30), at(7, 9, 0))).toBe("3 days ago");
    expect(draftTimeText(at(3, 14, 30), at(4, 14, 30))).toBe("a day ago");
    // A clock set back since: never "in the future".
    expect(draftTimeText(at(7, 9, 5), at(7, 9, 0))).toBe("a moment ago");
  });
});
