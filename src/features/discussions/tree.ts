// Where a post sits in its thread's reply tree. Pure; unit-tested.
//
// Post.sortKey concatenates the seq of each ancestor and of the post itself, each
// zero-padded to SEGMENT digits: "0000004" is a top-level post, "00000040000012" a
// reply to it. Keys are digits only, so every collation orders them the same way;
// ordering by sortKey lists the tree depth first.

export const SEGMENT = 7;
export const MAX_SEQ = 10 ** SEGMENT - 1;

/** Posts deeper than this are not drawn inline; a "continue this thread" link leads to them. */
export const MAX_INLINE_DEPTH = 5;

/** Posts per window of a thread page. */
export const WINDOW_SIZE = 30;

export function segment(seq: number): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > MAX_SEQ) throw new RangeError(`seq out of range: ${seq}`);
  return String(seq).padStart(SEGMENT, "0");
}

export function sortKeyFor(seq: number, parent: { sortKey: string; depth: number } | null) {
  return parent
    ? { sortKey: parent.sortKey + segment(seq), depth: parent.depth + 1 }
    : { sortKey: segment(seq), depth: 0 };
}

/** The exclusive upper bound of a post's subtree: its key with the last segment plus one. */
export function subtreeEnd(sortKey: string): string {
  const head = sortKey.slice(0, -SEGMENT);
  const last = Number(sortKey.slice(-SEGMENT));
  return head + String(last + 1).padStart(SEGMENT, "0");
}

/** The sort key of the post's ancestor at `depth` (0 = its top-level post). */
export function ancestorKey(sortKey: string, depth: number): string {
  return sortKey.slice(0, (depth + 1) * SEGMENT);
}

export function isValidSortKey(value: string): boolean {
  return value.length > 0 && value.length % SEGMENT === 0 && /^\d+$/.test(value);
}
