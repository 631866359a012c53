// A thread with a known reply tree, written straight to the database as replyToThread would leave
// it: posts numbered 1..n in order of writing, each a reply to an earlier post (or top-level),
// sortKey = the ancestors' seqs and its own, each zero-padded to 7 digits, depth, parentId,
// replyCount, Thread.postCount and lastSeq = n, Group.threadCount kept in step.
//
// The expected orders (treeOrder) are worked out from the tree itself, never from the keys, so a
// test comparing them with what the queries return checks the keys too.
import { randomUUID } from "node:crypto";
import { db } from "@/server/db";

export type TreeNode = {
  id: string;
  seq: number;
  parentSeq: number | null;
  depth: number;
  sortKey: string;
  authorId: string;
};
export type TreeThread = { id: string; nodes: TreeNode[]; bySeq: (seq: number) => TreeNode };

/** A small deterministic PRNG, so a "random" tree is the same on every run. */
export function seededRandom(seed: number) {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The parent seq of each post 1..n (null: top-level), chosen at random but reproducibly. Replies
 * favour recent posts, which makes deep branches; `chain` forces posts in that seq range to reply
 * each to the one before, so the tree certainly goes deeper than the thread page draws.
 */
export function randomTreeShape(n: number, seed: number, chain: [number, number] = [40, 49]): (number | null)[] {
  const random = seededRandom(seed);
  const parents: (number | null)[] = [null];
  for (let seq = 2; seq <= n; seq++) {
    const r = random();
    if (seq >= chain[0] && seq <= chain[1]) parents.push(seq - 1);
    else if (r < 0.15) parents.push(null);
    else if (r < 0.6) parents.push(seq - 1 - Math.floor(random() * Math.min(5, seq - 1)));
    else parents.push(1 + Math.floor(random() * (seq - 1)));
  }
  return parents;
}

export async function makeTreeThread(
  group: { id: string },
  authors: { id: string }[],
  parents: (number | null)[],
  options: { title?: string; body?: (seq: number) => string } = {},
): Promise<TreeThread> {
  const body = options.body ?? ((seq: number) => `Post ${seq} of the tree.`);
  const nodes: TreeNode[] = [];
  parents.forEach((parentSeq, i) => {
    const seq = i + 1;
    if (parentSeq !== null && !(parentSeq >= 1 && parentSeq < seq))
      throw new Error(`post ${seq} cannot reply to ${parentSeq}`);
    const parent = parentSeq === null ? null : nodes[parentSeq - 1]!;
    const own = String(seq).padStart(7, "0");
    nodes.push({
      id: randomUUID(),
      seq,
      parentSeq,
      depth: parent ? parent.depth + 1 : 0,
      sortKey: parent ? parent.sortKey + own : own,
      authorId: authors[i % authors.length]!.id,
    });
  });
  const replyCount = new Map<number, number>();
  for (const n of nodes) if (n.parentSeq !== null) replyCount.set(n.parentSeq, (replyCount.get(n.parentSeq) ?? 0) + 1);

  const threadId = await db.$transaction(async (tx) => {
    const thread = await tx.thread.create({
      data: {
        groupId: group.id,
        title: options.title ?? "A thread with a known tree",
        authorId: nodes[0]!.authorId,
        postCount: nodes.length,
        lastSeq: nodes.length,
      },
      select: { id: true },
    });
    await tx.post.createMany({
      data: nodes.map((n) => ({
        id: n.id,
        threadId: thread.id,
        seq: n.seq,
        sortKey: n.sortKey,
        depth: n.depth,
        parentId: n.parentSeq === null ? null : nodes[n.parentSeq - 1]!.id,
        authorId: n.authorId,
        bodyMarkdown: body(n.seq),
        bodyHtml: `<p>${body(n.seq)}</p>`,
        replyCount: replyCount.get(n.seq) ?? 0,
      })),
    });
    await tx.group.update({ where: { id: group.id }, data: { threadCount: { increment: 1 } }, select: { id: true } });
    return thread.id;
  });
  return { id: threadId, nodes, bySeq: (seq) => nodes[seq - 1]! };
}

/** Depth-first order of the tree (or of one post's subtree), siblings in order of writing. */
export function treeOrder(nodes: TreeNode[], rootSeq?: number): TreeNode[] {
  const children = new Map<number | null, TreeNode[]>();
  for (const n of nodes) children.set(n.parentSeq, [...(children.get(n.parentSeq) ?? []), n]);
  const out: TreeNode[] = [];
  const visit = (n: TreeNode) => {
    out.push(n);
    for (const c of (children.get(n.seq) ?? []).sort((a, b) => a.seq - b.seq)) visit(c);
  };
  if (rootSeq === undefined) for (const top of (children.get(null) ?? []).sort((a, b) => a.seq - b.seq)) visit(top);
  else visit(nodes[rootSeq - 1]!);
  return out;
}

/** The post's ancestor at `depth` (0 = its top-level post), found by walking up the tree. */
export function ancestorAt(nodes: TreeNode[], node: TreeNode, depth: number): TreeNode {
  let n = node;
  while (n.depth > depth) n = nodes[n.parentSeq! - 1]!;
  return n;
}
