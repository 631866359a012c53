import "server-only";
import type { CreditRef } from "@/features/commissions/queries/credit-ref";
import { Prisma } from "@/generated/prisma/client";
import { postPath, publicationPath, threadPath } from "@/lib/paths";
import { db } from "@/server/db";
import { HIGHLIGHT_START, HIGHLIGHT_STOP, type NormalisedQuery, normaliseSearchQuery } from "./query";
import { SEARCH_MATCH_LIMIT, SEARCH_PAGE_SIZE, type SearchParams } from "./schemas";

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

const HEADLINE = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
const TITLE_HEADLINE = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, HighlightAll=true`;

/**
 * Published papers (latest version of each, any group: publishing makes a text public) and threads
 * of OPEN groups with their VISIBLE posts. Members-only groups' threads never appear, not even to
 * their members, so that one query serves everyone and nothing private can leak into a snippet.
 *
 * Bounded: each kind takes at most SEARCH_MATCH_LIMIT matches straight from its GIN index, ranks
 * only those with ts_rank_cd, and the page's 20 rows alone get ts_headline snippets. Two queries.
 */
export async function searchPublic(params: SearchParams): Promise<SearchResult> {
  const normalised = normaliseSearchQuery(params.q);
  if (!normalised.ok) return { ok: false, reason: normalised.reason };
  const text = normalised.text;

  const [{ lexemes }] = await db.$queryRaw<
    { lexemes: number }[]
  >`SELECT numnode(websearch_to_tsquery('english', ${text})) AS lexemes`;
  if (lexemes === 0) return { ok: false, reason: "stop-words" };

  const group = params.group ? Prisma.sql`AND g.slug = ${params.group}` : Prisma.empty;
  const papers = params.type !== "threads";
  const threads = params.type !== "papers";
  const offset = (params.page - 1) * SEARCH_PAGE_SIZE;

  const paperHits = papers
    ? Prisma.sql`
      SELECT 'paper'::text AS kind, pub.id, NULL::uuid AS "postId", ts_rank_cd(pub."searchVector", q.query) AS rank
        FROM q, "Publication" pub
        JOIN "Paper" p ON p.id = pub."paperId"
        JOIN "Group" g ON g.id = p."groupId"
       WHERE pub."searchVector" @@ q.query ${group}
         AND NOT EXISTS (SELECT 1 FROM "Publication" newer WHERE newer."paperId" = pub."paperId" AND newer.version > pub.version)
       LIMIT ${SEARCH_MATCH_LIMIT}`
    : Prisma.sql`SELECT NULL::text AS kind, NULL::uuid AS id, NULL::uuid AS "postId", NULL::real AS rank WHERE false`;
  const threadHits = threads
    ? Prisma.sql`
      SELECT 'thread'::text AS kind, "threadId" AS id,
             (array_agg("postId" ORDER BY rank DESC) FILTER (WHERE "postId" IS NOT NULL))[1] AS "postId", max(rank) AS rank
        FROM (
          (SELECT t.id AS "threadId", NULL::uuid AS "postId", ts_rank_cd(t."searchVector", q.query) AS rank
             FROM q, "Thread" t JOIN "Group" g ON g.id = t."groupId" AND g."joinPolicy" = 'OPEN'
            WHERE t."searchVector" @@ q.query ${group}
            LIMIT ${SEARCH_MATCH_LIMIT})
          UNION ALL
          (SELECT po."threadId", po.id, ts_rank_cd(po."searchVector", q.query)
             FROM q, "Post" po
             JOIN "Thread" t ON t.id = po."threadId"
             JOIN "Group" g ON g.id = t."groupId" AND g."joinPolicy" = 'OPEN'
            WHERE po.status = 'VISIBLE' AND po."searchVector" @@ q.query ${group}
            LIMIT ${SEARCH_MATCH_LIMIT})
        ) h
       GROUP BY "threadId"`
    : Prisma.sql`SELECT NULL::text AS kind, NULL::uuid AS id, NULL::uuid AS "postId", NULL::real AS rank WHERE false`;

  // Snippets are built from plain text: Markdown markers dropped, and the two highlight delimiters
  // stripped so that only ts_headline can place them.
  const clean = (expr: string) =>
    Prisma.raw(`translate(regexp_replace(${expr}, '[*#>\`_]+', ' ', 'g'), E'\\x02\\x03', '')`);
  const rows = await db.$queryRaw<RawHit[]>`
    WITH q AS (SELECT websearch_to_tsquery('english', ${text}) AS query),
    hits AS ((${paperHits}) UNION ALL (${threadHits})),
    page AS (SELECT kind, id, "postId", rank FROM hits ORDER BY rank DESC, id LIMIT ${SEARCH_PAGE_SIZE} OFFSET ${offset})
    SELECT c.total, page.kind, page.id,
           g.slug AS "groupSlug", g.name AS "groupName",
           p.slug AS "paperSlug", pub.version, COALESCE(pub."publishedAt", po."createdAt", t."lastPostAt") AS date,
           t.id AS "threadId", po.id AS "postId",
           cm.id::text AS "commissionId", org.slug AS "organisationSlug", org.name AS "organisationName", (org."verifiedAt" IS NOT NULL) AS "organisationVerified",
           ts_headline('english', ${clean("COALESCE(pub.title, t.title)")}, q.query, ${TITLE_HEADLINE}) AS title,
           CASE
             WHEN pub.id IS NOT NULL THEN ts_headline('english', ${clean(
               `pub.question || E'\\n' || pub.summary || E'\\n' || array_to_string(ARRAY(SELECT jsonb_array_elements_text(jsonb_path_query_array(pub.sections, '$[*].body'))), E'\\n')`,
             )}, q.query, ${HEADLINE})
             WHEN po.id IS NOT NULL THEN ts_headline('english', ${clean('po."bodyMarkdown"')}, q.query, ${HEADLINE})
             ELSE ''
           END AS snippet
      FROM (SELECT count(*)::int AS total FROM hits) c
      CROSS JOIN q
      LEFT JOIN page ON true
      LEFT JOIN "Publication" pub ON page.kind = 'paper' AND pub.id = page.id
      LEFT JOIN "Paper" p ON p.id = pub."paperId"
      LEFT JOIN "Commission" cm ON cm.id = p."commissionId"
      LEFT JOIN "Organisation" org ON org.id = cm."organisationId"
      LEFT JOIN "Thread" t ON page.kind = 'thread' AND t.id = page.id
      LEFT JOIN "Post" po ON po.id = page."postId" AND po.status = 'VISIBLE'
      LEFT JOIN "Group" g ON g.id = COALESCE(p."groupId", t."groupId")
     ORDER BY page.rank DESC, page.id`;

  const total = rows[0]?.total ?? 0;
  return {
    ok: true,
    hits: rows.filter((r) => r.id !== null).map(toHit),
    total,
    capped: total >= SEARCH_MATCH_LIMIT,
    page: params.page,
    pageCount: Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE)),
  };
}

type RawHit = {
  kind: "paper" | "thread";
  id: string;
  total: number;
  groupSlug: string;
  groupName: string;
  paperSlug: string | null;
  version: number | null;
  date: Date;
  threadId: string | null;
  postId: string | null;
  commissionId: string | null;
  organisationSlug: string | null;
  organisationName: string | null;
  organisationVerified: boolean | null;
  title: string;
  snippet: string;
};

function toHit(r: RawHit): SearchHit {
  if (r.kind === "paper") {
    // The paper half of the search query always selects a slug and a version.
    if (r.paperSlug === null || r.version === null)
      throw new Error(`Search hit ${r.id}: a paper without slug or version`);
    const commission =
      r.commissionId && r.organisationSlug && r.organisationName
        ? {
            commissionId: r.commissionId,
            organisation: {
              slug: r.organisationSlug,
              name: r.organisationName,
              verified: r.organisationVerified === true,
            },
          }
        : null;
    return {
      kind: "paper",
      id: r.id,
      href: publicationPath(r.groupSlug, r.paperSlug, r.version),
      title: r.title,
      snippet: r.snippet,
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
    snippet: r.snippet,
    groupName: r.groupName,
    groupSlug: r.groupSlug,
    date: r.date,
  };
}
