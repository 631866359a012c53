-- Commissions (issue 6): a commission gets a short title, published versions keep a snapshot of
-- who commissioned them and what they disclosed, invitation links can be tied to a commission and
-- revoked, members remember the link they joined through, and deadline reminders are claimed once.

ALTER TABLE "Commission" ADD COLUMN "title" TEXT NOT NULL;
ALTER TABLE "Commission" ADD COLUMN "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

ALTER TABLE "Publication" ADD COLUMN "commissionCredit" JSONB;

ALTER TABLE "GroupInvitation" ADD COLUMN "commissionId" UUID;
ALTER TABLE "GroupInvitation" ADD COLUMN "revokedAt" TIMESTAMPTZ(3);
ALTER TABLE "GroupInvitation" ADD COLUMN "revokedById" UUID;
CREATE INDEX "GroupInvitation_commissionId_idx" ON "GroupInvitation"("commissionId");
ALTER TABLE "GroupInvitation" ADD CONSTRAINT "GroupInvitation_commissionId_fkey" FOREIGN KEY ("commissionId") REFERENCES "Commission"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "GroupInvitation" ADD CONSTRAINT "GroupInvitation_revokedById_fkey" FOREIGN KEY ("revokedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "Membership" ADD COLUMN "invitationId" UUID;
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "GroupInvitation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "CommissionReminder" (
    "commissionId" UUID NOT NULL,
    "groupId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "sentAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommissionReminder_pkey" PRIMARY KEY ("commissionId","groupId","kind")
);
ALTER TABLE "CommissionReminder" ADD CONSTRAINT "CommissionReminder_commissionId_fkey" FOREIGN KEY ("commissionId") REFERENCES "Commission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CommissionReminder" ADD CONSTRAINT "CommissionReminder_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TYPE "NotificationKind" ADD VALUE 'ORGANISATION_INVITATION';
ALTER TYPE "NotificationKind" ADD VALUE 'COMMISSION_POSTED';
ALTER TYPE "NotificationKind" ADD VALUE 'COMMISSION_DECIDED';
ALTER TYPE "NotificationKind" ADD VALUE 'COMMISSION_RESPONSE';
