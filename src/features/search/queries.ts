import "server-only";
import type { CreditRef } from "@/features/commissions/queries/credit-ref";
import { postPath, publicationPath, threadPath } from "@/lib/paths";
import { db } from "@/server/db";
import { markCuts, type NormalisedQuery, normaliseSearchQuery } from "./query";
import { SEARCH_PAGE_SIZE, type SearchParams } from "./schemas";
import { type SearchTerms, searchSql, searchTermsSql } from "./search-sql";

export type SearchHit =
  | {
      kind: "paper";
      id: string;
      href: string;
      title: string;
      snippet: string;
      groupName: string;
      groupSlug: string;
      version: number;
      date: Date;
      commission: CreditRef | null;
    }
  | {
      kind: "thread";
      id: string;
      href: string;
      title: string;
      snippet: string;
      groupName: string;
      groupSlug: string;
      date: Date;
    };

export type SearchResult =
  | { ok: true; hits: SearchHit[]; total: number; capped: boolean; page: number; pageCount: number }
  | { ok: false; reason: Exclude<NormalisedQuery, { ok: true }>["reason"] | "stop-words" };

/**
 * Published papers (latest version of each, any group: publishing makes a text public) and threads
 * of OPEN groups with their VISIBLE posts. Members-only groups' threads never appear, not even to
 * their members, so that one query serves everyone and nothing private can leak into a snippet.
 *
 * Two statements: what the text means (search-sql.ts, searchTermsSql), then the page of hits. The
 * second ranks a bounded set of candidates taken from indexes, newest first, in four tiers that
 * keep title matches in (searchSql explains); the page's 20 rows alone get snippets.
 */
export async function searchPublic(params: SearchParams): Promise<SearchResult> {
  const normalised = normaliseSearchQuery(params.q);
  if (!normalised.ok) return { ok: false, reason: normalised.reason };

  const [terms] = await db.$queryRaw<SearchTerms[]>(searchTermsSql(normalised.text));
  if (!terms || terms.nodes === 0) return { ok: false, reason: "stop-words" };

  const rows = await db.$queryRaw<RawHit[]>(searchSql(terms, params));
  const total = rows[0]?.total ?? 0;
  return {
    ok: true,
    hits: rows.filter((r) => r.id !== null).map(toHit),
    total,
    capped: rows[0]?.capped ?? false,
    page: params.page,
    pageCount: Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE)),
  };
}

type RawHit = {
  kind: "paper" | "thread";
  id: string;
  total: number;
  capped: boolean;
  groupSlug: string;
  groupName: string;
  paperSlug: string | null;
  version: number | null;
  date: Date;
  threadId: string | null;
  postId: string | null;
  commission: {
    commissionId: string;
    organisationSlug: string;
    organisationName: string;
    organisationVerified: boolean;
  } | null;
  title: string;
  snippet: string;
  /** The plain text the snippet was cut from, and whether that text is the whole post. */
  snippetSource: string;
  snippetWhole: boolean;
};

function toHit(r: RawHit): SearchHit {
  if (r.kind === "paper") {
    // The paper half of the search query always selects a slug and a version.
    if (r.paperSlug === null || r.version === null)
      throw new Error(`Search hit ${r.id}: a paper without slug or version`);
    const commission = r.commission
      ? {
          commissionId: r.commission.commissionId,
          organisation: {
            slug: r.commission.organisationSlug,
            name: r.commission.organisationName,
            verified: r.commission.organisationVerified,
          },
        }
      : null;
    return {
      kind: "paper",
      id: r.id,
      href: publicationPath(r.groupSlug, r.paperSlug, r.version),
      title: r.title,
      snippet: markCuts(r.snippet, r.snippetSource, r.snippetWhole),
      groupName: r.groupName,
      groupSlug: r.groupSlug,
      version: r.version,
      date: r.date,
      commission,
    };
  }
  // The thread half always selects the thread.
  if (r.threadId === null) throw new Error(`Search hit ${r.id}: a thread hit without a thread`);
  const href = r.postId ? postPath(r.threadId, r.postId) : threadPath(r.threadId);
  return {
    kind: "thread",
    id: r.id,
    href,
    title: r.title,
    snippet: markCuts(r.snippet, r.snippetSource, r.snippetWhole),
    groupName: r.groupName,
    groupSlug: r.groupSlug,
    date: r.date,
  };
}
