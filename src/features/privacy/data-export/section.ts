import "server-only";
import type { CsvValue } from "@/lib/csv";
import { groupPath } from "@/lib/paths";

// How one part of a member's archive is read in batches; the parts themselves are in sections/.

/** Where the last row of a batch was, in (createdAt, key[, key2]) order; the next batch starts after it. */
export type Cursor = { at: Date; key: string; key2?: string };

/** A relation from a model to the member's User row, named as in prisma/schema.prisma ("Post.author"). */
export type UserLink = `${string}.${string}`;

export type Section<Row> = {
  /** The links to the member this section exports rows through (a test checks every link is covered). */
  covers: readonly UserLink[];
  /** How many rows the member has, for the progress bar. */
  count: (userId: string) => Promise<number>;
  /** Up to `take` rows after `after`, oldest first. */
  batch: (userId: string, after: Cursor | undefined, take: number) => Promise<Row[]>;
  cursorOf: (row: Row) => Cursor;
  record: (row: Row) => Record<string, unknown>;
  csv?: { columns: readonly string[]; row: (row: Row) => CsvValue[] };
};

/** Erases the row type so that sections of different shapes sit in one list. */
export const section = <Row>(s: Section<Row>) => s as unknown as Section<unknown>;

export const oldestFirst = [{ createdAt: "asc" as const }, { id: "asc" as const }];
/** Rows after the cursor, in (createdAt, key) order; the key column is `id` unless a row has none (follows). */
export const afterId = (c?: Cursor, key: "id" | "threadId" | "paperId" = "id") =>
  c ? { OR: [{ createdAt: { gt: c.at } }, { createdAt: c.at, [key]: { gt: c.key } }] } : {};

export const groupOf = (g: { slug: string; name: string }) => ({ name: g.name, url: groupPath(g.slug) });
