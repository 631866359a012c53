-- Nobody misses a vote (issue 16): members follow papers and hear when a proposal opens on one, a
-- day before its voting closes if they have not voted, and how it ended; proposers hear of votes
-- on their proposals, batched. None of these tables is shown on a public page, so none sends
-- page-cache notices (see 20261207090000_page_cache_notify).

ALTER TYPE "NotificationKind" ADD VALUE 'PROPOSAL_OPENED';
ALTER TYPE "NotificationKind" ADD VALUE 'PROPOSAL_CLOSING';
ALTER TYPE "NotificationKind" ADD VALUE 'PROPOSAL_VOTES';

CREATE TABLE "PaperFollow" (
    "paperId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "mutedAt" TIMESTAMPTZ(3),
    CONSTRAINT "PaperFollow_pkey" PRIMARY KEY ("paperId","userId")
);
CREATE INDEX "PaperFollow_userId_idx" ON "PaperFollow"("userId");
ALTER TABLE "PaperFollow" ADD CONSTRAINT "PaperFollow_paperId_fkey" FOREIGN KEY ("paperId") REFERENCES "Paper"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PaperFollow" ADD CONSTRAINT "PaperFollow_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "VoteNotice" (
    "proposalId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "VoteNotice_pkey" PRIMARY KEY ("proposalId","userId")
);
ALTER TABLE "VoteNotice" ADD CONSTRAINT "VoteNotice_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "VoteNotice" ADD CONSTRAINT "VoteNotice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "ProposalNotice" (
    "proposalId" UUID NOT NULL,
    "votesToldAt" TIMESTAMPTZ(3),
    "closingRemindedAt" TIMESTAMPTZ(3),
    CONSTRAINT "ProposalNotice_pkey" PRIMARY KEY ("proposalId")
);
ALTER TABLE "ProposalNotice" ADD CONSTRAINT "ProposalNotice_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- "Waiting for your vote" walks a member's groups' papers being drafted, then their open proposals.
CREATE INDEX "Paper_groupId_status_idx" ON "Paper"("groupId", "status");

-- Those who already took part follow by default: starters, proposers and voters of every paper.
INSERT INTO "PaperFollow" ("paperId", "userId")
SELECT "id", "createdById" FROM "Paper" WHERE "createdById" IS NOT NULL
UNION SELECT "paperId", "authorId" FROM "Proposal" WHERE "authorId" IS NOT NULL
UNION SELECT p."paperId", v."userId" FROM "Vote" v JOIN "Proposal" p ON p."id" = v."proposalId" WHERE v."userId" IS NOT NULL
ON CONFLICT DO NOTHING;
