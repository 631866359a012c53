// What each toolbar button does to a textarea's text, as a pure function of the text and the
// selection: which range to replace, with what, and what to select afterwards. The editor applies
// the edit through the browser's own editing (so Ctrl+Z undoes it); tests check the edits here.

export type MarkdownFormat = "bold" | "italic" | "heading" | "bulleted" | "numbered" | "quote" | "link";

export type TextEdit = {
  /** The range of the text to replace. */
  start: number;
  end: number;
  insert: string;
  /** The selection after the edit, in the new text. */
  selectionStart: number;
  selectionEnd: number;
};

const INLINE: Record<"bold" | "italic", { mark: string; placeholder: string }> = {
  bold: { mark: "**", placeholder: "bold text" },
  italic: { mark: "_", placeholder: "italic text" },
};

const LINE_PREFIX: Record<"heading" | "bulleted" | "numbered" | "quote", RegExp> = {
  heading: /^#{1,6} /,
  bulleted: /^[-*+] /,
  numbered: /^\d{1,9}[.)] /,
  quote: /^> ?/,
};

/** Wraps the selection in a mark, or takes the mark away when the selection already has it. */
function inline(format: "bold" | "italic", text: string, from: number, to: number): TextEdit {
  const { mark, placeholder } = INLINE[format];
  const selected = text.slice(from, to);
  const before = text.slice(Math.max(0, from - mark.length), from);
  const after = text.slice(to, to + mark.length);
  if (before === mark && after === mark) {
    // "**word**" with "word" selected: unwrap.
    return {
      start: from - mark.length,
      end: to + mark.length,
      insert: selected,
      selectionStart: from - mark.length,
      selectionEnd: to - mark.length,
    };
  }
  if (selected.length > mark.length * 2 && selected.startsWith(mark) && selected.endsWith(mark)) {
    const inner = selected.slice(mark.length, -mark.length);
    return { start: from, end: to, insert: inner, selectionStart: from, selectionEnd: from + inner.length };
  }
  // Marks hug the words: spaces selected at either end stay outside them.
  const lead = selected.length - selected.trimStart().length;
  const trail = selected.length - selected.trimEnd().length;
  const core = selected.trim() === "" ? placeholder : selected.slice(lead, selected.length - trail);
  const insert = `${selected.trim() === "" ? "" : selected.slice(0, lead)}${mark}${core}${mark}${selected.trim() === "" ? "" : selected.slice(selected.length - trail)}`;
  const coreStart = from + (selected.trim() === "" ? 0 : lead) + mark.length;
  return { start: from, end: to, insert, selectionStart: coreStart, selectionEnd: coreStart + core.length };
}

/** Adds a prefix to every line the selection touches, or removes it when every line has it. */
function lines(
  format: "heading" | "bulleted" | "numbered" | "quote",
  text: string,
  from: number,
  to: number,
): TextEdit {
  const start = text.lastIndexOf("\n", from - 1) + 1;
  // A selection that ends just after a line break does not take in the next line.
  const lastIndex = to > from && text[to - 1] === "\n" ? to - 1 : to;
  const nextBreak = text.indexOf("\n", lastIndex);
  const end = nextBreak === -1 ? text.length : nextBreak;
  const block = text.slice(start, end).split("\n");
  const pattern = LINE_PREFIX[format];
  const filled = block.filter((line) => line.trim() !== "");
  const remove = filled.length > 0 && filled.every((line) => pattern.test(line));
  let n = 0;
  const changed = block.map((line) => {
    if (remove) return line.replace(pattern, "");
    if (line.trim() === "" && block.length > 1) return line;
    // Another kind of list or heading marker gives way to this one.
    const bare = format === "quote" ? line : line.replace(/^(#{1,6} |[-*+] |\d{1,9}[.)] )/, "");
    n += 1;
    const prefix =
      format === "heading" ? "## " : format === "bulleted" ? "- " : format === "numbered" ? `${n}. ` : "> ";
    return `${prefix}${bare}`;
  });
  const insert = changed.join("\n");
  // A blank line before a new list or heading keeps it from running into the paragraph above.
  const needsGap = !remove && start > 1 && text[start - 1] === "\n" && text[start - 2] !== "\n";
  const gap = needsGap && format !== "quote" ? "\n" : "";
  const selectionStart = start + gap.length;
  return { start, end, insert: `${gap}${insert}`, selectionStart, selectionEnd: selectionStart + insert.length };
}

const URL_LIKE = /^(https?:\/\/|www\.)\S+$/i;

/** "[text](https://)" around the selection, with the part still to fill in selected. */
function link(text: string, from: number, to: number): TextEdit {
  const selected = text.slice(from, to);
  if (URL_LIKE.test(selected.trim())) {
    const label = "link text";
    return {
      start: from,
      end: to,
      insert: `[${label}](${selected.trim()})`,
      selectionStart: from + 1,
      selectionEnd: from + 1 + label.length,
    };
  }
  const label = selected === "" ? "link text" : selected;
  const address = "https://";
  const insert = `[${label}](${address})`;
  if (selected === "")
    return { start: from, end: to, insert, selectionStart: from + 1, selectionEnd: from + 1 + label.length };
  const at = from + label.length + 3;
  return { start: from, end: to, insert, selectionStart: at, selectionEnd: at + address.length };
}

/** The edit a toolbar button or shortcut makes to `text` with the selection from..to. */
export function formatEdit(format: MarkdownFormat, text: string, from: number, to: number): TextEdit {
  const [a, b] = from <= to ? [from, to] : [to, from];
  if (format === "bold" || format === "italic") return inline(format, text, a, b);
  if (format === "link") return link(text, a, b);
  return lines(format, text, a, b);
}

/** `text` with the edit made. */
export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.start) + edit.insert + text.slice(edit.end);
}
