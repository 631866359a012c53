-- Search at size (issue 15): the search ranks a bounded set of candidates, taken from indexes
-- newest first (src/features/search/search-sql.ts). What it needs that 20261123110000_search did
-- not make. schema.prisma cannot declare the column or the indexes:
-- tests/integration/schema-drift.test.ts allow-lists them.

-- Every candidate paper is ranked with ts_rank_cd over its "searchVector", and the newest-first
-- walk checks it row by row. At 1.5 kB a vector went to the TOAST table (the row's limit is
-- 2 kB), so each read was an index lookup there too. MAIN keeps it in the row (compressed if need
-- be; out of line only if the row would not fit a page), and so do the small columns that lists
-- and search show for every row (title, question, summary, contributors): what makes room is the
-- large JSON read once per page (sections, participation, commissionCredit).
ALTER TABLE "Publication"
  ALTER COLUMN "searchVector" SET STORAGE MAIN,
  ALTER COLUMN "title" SET STORAGE MAIN,
  ALTER COLUMN "question" SET STORAGE MAIN,
  ALTER COLUMN "summary" SET STORAGE MAIN,
  ALTER COLUMN "contributors" SET STORAGE MAIN;

-- Papers whose title matches are candidates of their own, so that a title match is ranked however
-- many bodies mention a common word. A stored vector of the title alone, with its GIN index: the
-- planner may also read it row by row (newest first, on "publishedAt") without parsing the title.
-- Adding the column rewrites the table, which also moves the existing rows' vectors back into the
-- row under the storage set above, without firing the "Publication_immutable" UPDATE trigger.
ALTER TABLE "Publication" ADD COLUMN "titleVector" tsvector STORAGE MAIN GENERATED ALWAYS AS (
  to_tsvector('english'::regconfig, "title")
) STORED;
CREATE INDEX "Publication_titleVector_idx" ON "Publication" USING GIN ("titleVector");

-- The newest visible posts first: for a word found in most posts, walking this index and checking
-- each post's vector stops after a few hundred rows, where the GIN index would first list every
-- match (hundreds of thousands). Partial, like "Post_searchVector_visible_idx", with the predicate
-- every search query repeats.
CREATE INDEX "Post_createdAt_visible_idx" ON "Post" ("createdAt") WHERE "status" = 'VISIBLE';
