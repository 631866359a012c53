-- Papers, proposals and votes (issue 4): proposal numbers, the title a retitle was written
-- against, and per-word provenance of each section's body.

ALTER TABLE "Paper" ADD COLUMN "proposalCount" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Section" ADD COLUMN "provenance" JSONB NOT NULL DEFAULT '[]';

ALTER TABLE "Proposal" ADD COLUMN "number" INTEGER;
ALTER TABLE "Proposal" ADD COLUMN "baseTitle" TEXT;
UPDATE "Proposal" p SET "number" = n.rn
  FROM (SELECT id, row_number() OVER (PARTITION BY "paperId" ORDER BY "createdAt", id) AS rn FROM "Proposal") n
  WHERE n.id = p.id;
ALTER TABLE "Proposal" ALTER COLUMN "number" SET NOT NULL;
UPDATE "Paper" pa SET "proposalCount" = c.n
  FROM (SELECT "paperId", count(*) AS n FROM "Proposal" GROUP BY "paperId") c
  WHERE c."paperId" = pa.id;

CREATE UNIQUE INDEX "Proposal_paperId_number_key" ON "Proposal"("paperId", "number");

-- A retitle proposal covers the paper's front matter: title, question and summary.
ALTER TABLE "Proposal" ADD COLUMN "baseQuestion" TEXT;
ALTER TABLE "Proposal" ADD COLUMN "baseSummary" TEXT;
ALTER TABLE "Proposal" ADD COLUMN "proposedQuestion" TEXT;
ALTER TABLE "Proposal" ADD COLUMN "proposedSummary" TEXT;

-- Owners changing a paper's decision rules is logged in the open, like other governing actions.
ALTER TYPE "ModerationActionKind" ADD VALUE 'CHANGE_PAPER_RULES';

-- One discussion thread per paper, per section and per proposal.
DROP INDEX "Thread_paperId_idx";
DROP INDEX "Thread_sectionId_idx";
DROP INDEX "Thread_proposalId_idx";
CREATE UNIQUE INDEX "Thread_paperId_key" ON "Thread"("paperId");
CREATE UNIQUE INDEX "Thread_sectionId_key" ON "Thread"("sectionId");
CREATE UNIQUE INDEX "Thread_proposalId_key" ON "Thread"("proposalId");
