/** One run of a word-level diff: text both sides share, or text only one side has. */
export type DiffPart = { kind: "same" | "added" | "removed"; text: string };
