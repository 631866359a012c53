-- Email preferences per kind (issue 16): immediately, daily digest, weekly digest or off, with
-- one-click unsubscribing. The old single "email me" switch becomes these: off stays off.

CREATE TYPE "EmailFrequency" AS ENUM ('IMMEDIATELY', 'DAILY', 'WEEKLY', 'OFF');
CREATE TYPE "EmailTopic" AS ENUM ('REPLIES', 'THREADS', 'PAPERS', 'GROUPS', 'COMMISSIONS', 'DIGEST');

ALTER TABLE "Profile" ADD COLUMN "emailReplies" "EmailFrequency" NOT NULL DEFAULT 'IMMEDIATELY';
ALTER TABLE "Profile" ADD COLUMN "emailThreads" "EmailFrequency" NOT NULL DEFAULT 'DAILY';
ALTER TABLE "Profile" ADD COLUMN "emailPapers" "EmailFrequency" NOT NULL DEFAULT 'DAILY';
ALTER TABLE "Profile" ADD COLUMN "emailGroups" "EmailFrequency" NOT NULL DEFAULT 'DAILY';
ALTER TABLE "Profile" ADD COLUMN "emailCommissions" "EmailFrequency" NOT NULL DEFAULT 'DAILY';
ALTER TABLE "Profile" ADD COLUMN "dailyDigestAt" TIMESTAMPTZ(3);
ALTER TABLE "Profile" ADD COLUMN "weeklyDigestAt" TIMESTAMPTZ(3);
UPDATE "Profile" SET "emailReplies" = 'OFF', "emailThreads" = 'OFF', "emailPapers" = 'OFF',
                     "emailGroups" = 'OFF', "emailCommissions" = 'OFF'
 WHERE "emailNotifications" = false;
ALTER TABLE "Profile" DROP COLUMN "emailNotifications";

ALTER TABLE "OutboxEmail" ADD COLUMN "topic" "EmailTopic";
ALTER TABLE "OutboxEmail" ADD COLUMN "notificationId" UUID;
ALTER TABLE "OutboxEmail" ADD COLUMN "headers" JSONB;
CREATE INDEX "OutboxEmail_notificationId_idx" ON "OutboxEmail"("notificationId");
ALTER TABLE "OutboxEmail" ADD CONSTRAINT "OutboxEmail_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "Notification"("id") ON DELETE CASCADE ON UPDATE CASCADE;
