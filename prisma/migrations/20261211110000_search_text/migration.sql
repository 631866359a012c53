-- Search at size (issue 15): what src/features/search/search-sql.ts needs to answer a common word
-- at the rate pgbench asks of it. schema.prisma cannot declare the column or the partial index:
-- tests/integration/schema-drift.test.ts allow-lists them.

-- A post's excerpt in search results is cut from the post as it shows: its sanitised HTML as plain
-- text. Search turned the HTML into text with two regular expressions and twelve replacements for
-- every post on a results page, and that expression made up a good part of the statement PostgreSQL
-- parsed and planned on every search. PostgreSQL keeps the text itself (GENERATED ... STORED), so
-- every path that writes "bodyHtml" (posting, editing, the Markdown re-render job, redaction on
-- account deletion, seeds, tests) writes it in the same statement, and none can forget it; adding
-- the column fills it for every existing post. Block ends become paragraph breaks, tags go, and the
-- entities the Markdown renderer writes become their characters ("&amp;" last, so that "&amp;lt;"
-- stays "&lt;"). A renderer that wrote other entities would need a migration changing this expression.
ALTER TABLE "Post" ADD COLUMN "bodyText" text GENERATED ALWAYS AS (
  btrim(
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
      regexp_replace(regexp_replace("bodyHtml", '</(p|li|h[1-6]|blockquote|pre|tr|td|th)>', E'\n\n', 'g'), '<[^>]*>', '', 'g'),
      '&#x3C;', '<'), '&lt;', '<'), '&#x3E;', '>'), '&gt;', '>'), '&quot;', '"'), '&#x22;', '"'),
      '&#x27;', ''''), '&#39;', ''''), '&#xA0;', E'\u00A0'), '&nbsp;', E'\u00A0'), '&#x26;', '&'), '&amp;', '&'),
    E' \n')
) STORED;

-- Threads of members-only groups are never found: search checks each candidate thread's group
-- against the list of those groups (usually short, often empty), read from this index instead of
-- the whole Group table on every search.
CREATE INDEX "Group_membersOnly_idx" ON "Group" (id) WHERE "joinPolicy" <> 'OPEN';
