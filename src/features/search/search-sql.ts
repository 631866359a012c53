// The SQL of the public search, apart from queries.ts so that a script can print it for psql and
// pgbench (scripts cannot import "server-only" modules). No database access here.
import { Prisma } from "@/generated/prisma/client";
import { HIGHLIGHT_START, HIGHLIGHT_STOP } from "./query";
import { SEARCH_PAGE_SIZE, SEARCH_TIER_LIMIT, type SearchParams } from "./schemas";

const HEADLINE = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
const TITLE_HEADLINE = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, HighlightAll=true`;
/** ts_headline parses all it is given: a snippet is cut from at most this many characters of one paragraph. */
export const SNIPPET_SOURCE_CHARS = 600;
/** The newest visible posts searched first for candidates, before the GIN index is asked (searchSql). */
const RECENT_POSTS = 1000;
/** A word in at least PROBED_COMMON of the PROBED_POSTS newest posts is common: the planner walks the date index. */
const PROBED_POSTS = 100;
const PROBED_COMMON = 5;
/** Markdown's markers, which would show in a plain-text snippet: each becomes a space. */
const MARKDOWN_MARKERS = ["*", "#", ">", "`", "_"];

/**
 * The query as PostgreSQL reads it: the tsquery (as text), its node count, its words as lexemes,
 * and how many of the PROBED_POSTS newest visible posts match it (a cheap measure of how common it is).
 */
export type SearchTerms = { tsquery: string; nodes: number; lexemes: string[]; recentMatches: number };

/** First statement: what the search text means. No lexemes (nodes = 0) means only stop words. */
export function searchTermsSql(text: string): Prisma.Sql {
  return Prisma.sql`
    SELECT q::text AS tsquery, numnode(q) AS nodes, tsvector_to_array(to_tsvector('english', ${text})) AS lexemes,
           CASE WHEN numnode(q) = 0 THEN 0 ELSE (
             SELECT count(*)::int FROM (SELECT "searchVector" FROM "Post" WHERE status = 'VISIBLE'
                                         ORDER BY "createdAt" DESC LIMIT ${PROBED_POSTS}) recent
              WHERE recent."searchVector" @@ q) END AS "recentMatches"
      FROM websearch_to_tsquery('english', ${text}) q`;
}

/**
 * Second statement: the page of hits with their details and snippets, the number of hits and
 * whether the candidates were cut short. Published papers (latest version, any group: publishing
 * makes a text public) and threads of OPEN groups with their VISIBLE posts.
 *
 * Only a bounded set of candidates is ranked, in four tiers of at most SEARCH_TIER_LIMIT rows, each
 * taken from an index without ranking (ts_rank_cd then ranks the candidates, as it always did):
 *   1. papers whose title matches ("titleVector" and its GIN index), newest first;
 *   2. papers matching anywhere ("searchVector"), newest first;
 *   3. threads whose title matches (Thread."searchVector"), most recently active first;
 *   4. visible posts, newest first (see postsByPlanner and postsInTwoSteps below).
 * Tiers 1 and 3 keep every kind of title match among the candidates however many bodies mention a
 * common word, so the best matches reach page 1. "Newest first" is what makes a common word cheap:
 * a walk down a date index stops after a few hundred rows, where the GIN index would first list
 * every match (hundreds of thousands of posts for "housing"); for a rare word the GIN index is
 * cheap. The planner chooses between them, which it can because the tsquery is written into the
 * statement as a value, never a CTE; for posts it chooses only when the first statement's probe
 * found the word common (below).
 *
 * Where PostgreSQL's time goes for "housing" at full size (perf, pgbench with 10 clients, 7 December
 * 2026): planning 30% (38% before that day's changes), parsing 10%, the four tiers 20%, the page's
 * details 22% (ts_headline alone 15%: the english parser and stemmer on each snippet's source),
 * grouping, counting and sorting the candidates 11%. The statement is planned afresh on every
 * search (the tsquery is a value in it, and the app sends unnamed statements), so its size and its
 * number of joins are paid every time: that is why the details' subqueries each compute their
 * expression once (OFFSET 0), a post's text is kept by the database (Post."bodyText"), and the
 * tiers check a thread's group against a hashed list instead of joining Group.
 */
export function searchSql(terms: SearchTerms, params: SearchParams): Prisma.Sql {
  const q = () => Prisma.sql`${terms.tsquery}::tsquery`;
  const limit = SEARCH_TIER_LIMIT;
  const papers = params.type !== "threads";
  const threads = params.type !== "papers";
  const offset = (params.page - 1) * SEARCH_PAGE_SIZE;
  const paperGroup = params.group
    ? Prisma.sql`AND pub."paperId" IN (SELECT p.id FROM "Paper" p JOIN "Group" g ON g.id = p."groupId" WHERE g.slug = ${params.group})`
    : Prisma.empty;
  // The groups whose threads are never found: members-only ones (read from the partial index
  // "Group_membersOnly_idx", usually a short list) and, when one group is chosen, all the others.
  // A candidate thread's group is looked up in this list, hashed once per statement ("NOT IN" stays
  // a hashed subplan), instead of joining Group in every tier: each such join was one more join
  // order for the planner to weigh on every search, and for thread titles a hash of every group.
  const excludedGroups = Prisma.sql`
    excluded_groups AS (
      SELECT id FROM "Group" WHERE "joinPolicy" <> 'OPEN' ${params.group ? Prisma.sql`OR slug <> ${params.group}` : Prisma.empty}),`;
  const shownGroup = Prisma.sql`t."groupId" NOT IN (SELECT id FROM excluded_groups)`;
  // Only the latest version of a paper is searched.
  const latest = Prisma.sql`NOT EXISTS (SELECT 1 FROM "Publication" newer WHERE newer."paperId" = pub."paperId" AND newer.version > pub.version)`;

  // Posts, newest first. For one word found in recent posts the planner knows how many posts hold it
  // (the column's statistics list the common lexemes with their frequency) and walks the
  // "createdAt" index backwards, stopping after a few hundred rows.
  const byPlanner = terms.nodes === 1 && terms.recentMatches >= PROBED_COMMON;
  const postsByPlanner = Prisma.sql`
    SELECT po."threadId", po.id, po."searchVector" AS v, po."createdAt" AS date
      FROM "Post" po JOIN "Thread" t ON t.id = po."threadId"
     WHERE po.status = 'VISIBLE' AND po."searchVector" @@ ${q()} AND ${shownGroup}
     ORDER BY po."createdAt" DESC LIMIT ${limit}`;
  // Otherwise two steps that need no estimate. For several words the planner multiplies their
  // frequencies, which is far off when they go together: the phrase "named caseworker" (one post
  // in 43) looked 45 times rarer than it is, and the GIN index plus a sort read all 11,600 matches
  // (30 ms). For a rare word it sorted what the GIN index found, then joined every thread by hash
  // to check its group, however few posts there were. The two steps: the matches among the
  // RECENT_POSTS newest visible posts; only when they do not fill the tier, matches of any age as
  // the GIN index lists them (no sort: nested loops stop at the tier's limit).
  const postsInTwoSteps = Prisma.sql`
    recent_posts AS (
      SELECT po."threadId", po.id, po."searchVector" AS v, po."createdAt" AS date
        FROM (SELECT id, "threadId", "searchVector", "createdAt" FROM "Post" WHERE status = 'VISIBLE'
               ORDER BY "createdAt" DESC LIMIT ${RECENT_POSTS}) po
        JOIN "Thread" t ON t.id = po."threadId"
       WHERE po."searchVector" @@ ${q()} AND ${shownGroup}
       ORDER BY po."createdAt" DESC LIMIT ${limit}),
    older_posts AS (
      SELECT po."threadId", po.id, po."searchVector" AS v, po."createdAt" AS date
        FROM "Post" po JOIN "Thread" t ON t.id = po."threadId"
       WHERE (SELECT count(*) FROM recent_posts) < ${limit}
         AND po.status = 'VISIBLE' AND po."searchVector" @@ ${q()} AND ${shownGroup}
       LIMIT ${limit}),`;

  // Each tier ranks only the rows its LIMIT kept: ts_rank_cd sits outside the limited subquery.
  const tiers: Prisma.Sql[] = [];
  if (papers) {
    tiers.push(
      Prisma.sql`
      SELECT 'paper'::text AS kind, 1 AS tier, s.id, NULL::uuid AS "postId", ts_rank_cd(s.v, ${q()}) AS rank, s.date
        FROM (SELECT pub.id, pub."searchVector" AS v, pub."publishedAt" AS date FROM "Publication" pub
               WHERE pub."titleVector" @@ ${q()} AND ${latest} ${paperGroup}
               ORDER BY pub."publishedAt" DESC LIMIT ${limit}) s`,
      Prisma.sql`
      SELECT 'paper'::text AS kind, 2 AS tier, s.id, NULL::uuid AS "postId", ts_rank_cd(s.v, ${q()}) AS rank, s.date
        FROM (SELECT pub.id, pub."searchVector" AS v, pub."publishedAt" AS date FROM "Publication" pub
               WHERE pub."searchVector" @@ ${q()} AND ${latest} ${paperGroup}
               ORDER BY pub."publishedAt" DESC LIMIT ${limit}) s`,
    );
  }
  if (threads) {
    tiers.push(
      Prisma.sql`
      SELECT 'thread'::text AS kind, 3 AS tier, s.id, NULL::uuid AS "postId", ts_rank_cd(s.v, ${q()}) AS rank, s.date
        FROM (SELECT t.id, t."searchVector" AS v, t."lastPostAt" AS date
                FROM "Thread" t
               WHERE t."searchVector" @@ ${q()} AND ${shownGroup}
               ORDER BY t."lastPostAt" DESC LIMIT ${limit}) s`,
      Prisma.sql`
      SELECT 'thread'::text AS kind, 4 AS tier, s."threadId" AS id, s.id AS "postId", ts_rank_cd(s.v, ${q()}) AS rank, s.date
        FROM (${byPlanner ? postsByPlanner : Prisma.sql`SELECT * FROM recent_posts UNION SELECT * FROM older_posts ORDER BY date DESC LIMIT ${limit}`}) s`,
    );
  }

  // Snippets are plain text: Markdown markers become spaces and the two highlight delimiters are
  // dropped, so that only ts_headline places them. ts_headline is given one paragraph, cut to
  // SNIPPET_SOURCE_CHARS: for a paper its question and summary when they hold one of the query's
  // words (the stored vector's weight B says so without parsing), else the first section paragraph
  // that does; for a post (its sanitised HTML as text, Post."bodyText") the whole post when short,
  // else its first paragraph with a query word. queries.ts adds "…" where the excerpt is cut
  // (snippetSource/Whole). Each row's source is cleaned once, in its own subquery (OFFSET 0): a
  // plain lateral SELECT would be merged into the query, and its expression copied into every place
  // that names it (the snippet, its source, the length test), each copy parsed, planned and run.
  // (Nested replace(): translate() costs ten times as much on these strings, regexp_replace() five.)
  // A post's text comes from its HTML, where "*" or ">" are what the post shows: only Markdown loses its markers.
  const clean = (expr: Prisma.Sql, markdown = true) => {
    let sql = Prisma.sql`replace(replace(left(${expr}, ${SNIPPET_SOURCE_CHARS}), E'\\x02', ''), E'\\x03', '')`;
    if (markdown)
      for (const marker of MARKDOWN_MARKERS) sql = Prisma.sql`replace(${sql}, ${Prisma.raw(`'${marker}'`)}, ' ')`;
    return sql;
  };
  const hasWord = (expr: Prisma.Sql) =>
    Prisma.sql`tsvector_to_array(to_tsvector('english', left(${expr}, ${SNIPPET_SOURCE_CHARS}))) && ${terms.lexemes}::text[]`;
  // Given text already cleaned (see above).
  const headline = (cleaned: Prisma.Sql) => Prisma.sql`ts_headline('english', ${cleaned}, ${q()}, ${HEADLINE})`;
  const titleHeadline = (title: Prisma.Sql) =>
    Prisma.sql`ts_headline('english', ${clean(title)}, ${q()}, ${TITLE_HEADLINE})`;
  const paragraphs = (text: Prisma.Sql) => Prisma.sql`string_to_table(replace(${text}, E'\\r', ''), E'\\n\\n')`;
  const head = Prisma.sql`pub.question || E'\\n' || pub.summary`;
  const paperSource = Prisma.sql`CASE
    WHEN tsvector_to_array(ts_filter(pub."searchVector", '{b}')) && ${terms.lexemes}::text[] THEN ${head}
    ELSE COALESCE((SELECT part FROM jsonb_array_elements_text(jsonb_path_query_array(pub.sections, '$[*].body')) body,
                                    ${paragraphs(Prisma.sql`body`)} part
                    WHERE ${hasWord(Prisma.sql`part`)} LIMIT 1), ${head}) END`;
  // A post's excerpt comes from what the post shows: its sanitised HTML as plain text, never its
  // Markdown (a raw <div> the sanitiser dropped, or a link's address, would show in the excerpt).
  // PostgreSQL keeps that text in Post."bodyText", generated from "bodyHtml" whenever it is written
  // (migration 20261211110000_search_text): turning the HTML into text here, for every post on a
  // page, cost two regular expressions and twelve replacements per post, and made the statement
  // longer to parse and plan on every search.
  const postSource = (text: Prisma.Sql) => Prisma.sql`CASE
    WHEN octet_length(${text}) <= ${SNIPPET_SOURCE_CHARS} THEN ${text}
    ELSE COALESCE((SELECT part FROM ${paragraphs(text)} part WHERE ${hasWord(Prisma.sql`part`)} LIMIT 1),
                  ${text}) END`;

  // A thread found by its title alone (no post matched) shows its opening post: its first visible
  // post in reading order, one lookup on the (threadId, sortKey) index, made only for the page's
  // rows. ts_headline marks any query word in it and otherwise gives the post's first words.
  // A page row's details are lookups by key. Each is its own subquery (OFFSET 0 keeps the planner
  // from merging them into one join whose orders and methods it would weigh for 20 rows).
  const details: Prisma.Sql[] = [];
  if (papers) {
    details.push(Prisma.sql`
      SELECT g.slug AS "groupSlug", g.name AS "groupName", p.slug AS "paperSlug", pub.version, pub."publishedAt" AS date,
             NULL::uuid AS "threadId", NULL::uuid AS "postId",
             (SELECT json_build_object('commissionId', cm.id, 'organisationSlug', org.slug, 'organisationName', org.name,
                                       'organisationVerified', org."verifiedAt" IS NOT NULL)
                FROM "Commission" cm JOIN "Organisation" org ON org.id = cm."organisationId" WHERE cm.id = p."commissionId") AS commission,
             ${titleHeadline(Prisma.sql`pub.title`)} AS title, ${headline(Prisma.sql`src.text`)} AS snippet,
             src.text AS "snippetSource", false AS "snippetWhole"
        FROM "Publication" pub
       CROSS JOIN LATERAL (SELECT slug, "groupId", "commissionId" FROM "Paper" WHERE id = pub."paperId" OFFSET 0) p
       CROSS JOIN LATERAL (SELECT slug, name FROM "Group" WHERE id = p."groupId" OFFSET 0) g
       CROSS JOIN LATERAL (SELECT ${clean(paperSource)} AS text OFFSET 0) src
       WHERE page.kind = 'paper' AND pub.id = page.id`);
  }
  if (threads) {
    details.push(Prisma.sql`
      SELECT g.slug AS "groupSlug", g.name AS "groupName", NULL::text AS "paperSlug", NULL::int AS version,
             COALESCE(po."createdAt", t."lastPostAt") AS date, t.id AS "threadId", po.id AS "postId", NULL::json AS commission,
             ${titleHeadline(Prisma.sql`t.title`)} AS title,
             COALESCE(${headline(Prisma.sql`src.text`)}, '') AS snippet, COALESCE(src.text, '') AS "snippetSource",
             COALESCE(octet_length(body.text) <= ${SNIPPET_SOURCE_CHARS}, true) AS "snippetWhole"
        FROM "Thread" t
       CROSS JOIN LATERAL (SELECT slug, name FROM "Group" WHERE id = t."groupId" OFFSET 0) g
        LEFT JOIN LATERAL (SELECT id, "createdAt", "bodyText" FROM "Post"
                            WHERE id = page."postId" AND status = 'VISIBLE' OFFSET 0) po ON true
        LEFT JOIN LATERAL (SELECT "bodyText" FROM "Post"
                            WHERE page."postId" IS NULL AND "threadId" = t.id AND status = 'VISIBLE'
                            ORDER BY "sortKey" LIMIT 1) op ON true
       CROSS JOIN LATERAL (SELECT COALESCE(po."bodyText", op."bodyText") AS text) body
       CROSS JOIN LATERAL (SELECT ${clean(postSource(Prisma.sql`body.text`), false)} AS text OFFSET 0) src
       WHERE page.kind = 'thread' AND t.id = page.id`);
  }

  // A thread's candidates (its title, its posts) make one hit: its best rank, and its best post to
  // link to. The window is ordered as DISTINCT ON needs, so one sort serves both. (ORDER BY names
  // the cand columns: bare "rank" and "date" would be the window's maxima.)
  return Prisma.sql`
    WITH ${threads ? excludedGroups : Prisma.empty} ${threads && !byPlanner ? postsInTwoSteps : Prisma.empty}
    cand AS (${Prisma.join(tiers, " UNION ALL ")}),
    hits AS (
      SELECT DISTINCT ON (kind, id) kind, id, "postId", max(rank) OVER w AS rank, max(date) OVER w AS date
        FROM cand WINDOW w AS (PARTITION BY kind, id ORDER BY "postId" IS NULL, rank DESC, date DESC
                               ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
       ORDER BY cand.kind, cand.id, cand."postId" IS NULL, cand.rank DESC, cand.date DESC),
    page AS (SELECT kind, id, "postId", rank, date FROM hits ORDER BY rank DESC, date DESC, id LIMIT ${SEARCH_PAGE_SIZE} OFFSET ${offset})
    SELECT (SELECT count(*)::int FROM hits) AS total,
           (SELECT coalesce(bool_or(n >= ${limit}), false) FROM (SELECT count(*) AS n FROM cand GROUP BY tier) tiers) AS capped,
           page.kind, page.id, d.*
      FROM (SELECT 1) one
      LEFT JOIN page ON true
      LEFT JOIN LATERAL (${Prisma.join(details, " UNION ALL ")}) d ON true
     ORDER BY page.rank DESC, page.date DESC, page.id`;
}
