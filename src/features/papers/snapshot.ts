import { z } from "zod";

/** The whole text of a paper at one revision, as stored in Revision.snapshot. */
export type SnapshotSection = { id: string; anchor: string; heading: string; body: string };
export type PaperSnapshot = { title: string; question: string; summary: string; sections: SnapshotSection[] };

const ZSnapshot = z.object({
  title: z.string(),
  question: z.string(),
  summary: z.string(),
  sections: z.array(z.object({ id: z.string(), anchor: z.string(), heading: z.string(), body: z.string() })),
});

/** Reads a stored snapshot; a malformed one is a bug worth failing loudly on. */
export function parseSnapshot(value: unknown): PaperSnapshot {
  return ZSnapshot.parse(value);
}

export function snapshotOf(
  paper: { title: string; question: string; summary: string },
  sections: SnapshotSection[],
): PaperSnapshot {
  return {
    title: paper.title,
    question: paper.question,
    summary: paper.summary,
    sections: sections.map(({ id, anchor, heading, body }) => ({ id, anchor, heading, body })),
  };
}
