import { z } from "zod";

export const SEARCH_TYPES = ["all", "papers", "threads"] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];
export const SEARCH_PAGE_SIZE = 20;
/**
 * Candidates per tier of the search (search-sql.ts: papers by title, papers, threads by title,
 * posts): an index finds up to this many, and PostgreSQL ranks only those.
 */
export const SEARCH_TIER_LIMIT = 40;
/** Candidates of all four tiers together: the most hits a search can have. */
export const SEARCH_MAX_HITS = 4 * SEARCH_TIER_LIMIT;

/** /search?q=&type=&group=&page= — anything malformed falls back to a default instead of an error page. */
export const ZSearchParams = z.object({
  // Length and content are judged by normaliseSearchQuery, which can say what was wrong.
  q: z.string().catch(""),
  type: z.enum(SEARCH_TYPES).catch("all"),
  group: z
    .string()
    .trim()
    .max(100)
    .regex(/^[a-z0-9-]*$/)
    .catch(""),
  page: z.coerce
    .number()
    .int()
    .min(1)
    .max(Math.ceil(SEARCH_MAX_HITS / SEARCH_PAGE_SIZE))
    .catch(1),
});
export type SearchParams = z.infer<typeof ZSearchParams>;
