import "server-only";
import { Prisma } from "@/generated/prisma/client";

// Who of a paper's followers hears what, as SELECTs of one "userId" column for notifyAudience():
// one statement however many follow. Muted rows (unfollowed) never count.

/**
 * Followers who may vote on its proposals now: an active membership of the paper's group with no
 * group suspension, on an account that is neither suspended nor deleted.
 */
export function followersWhoMayVote(paperId: string, now: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT f."userId" FROM "PaperFollow" f
    JOIN "Paper" pa ON pa.id = f."paperId"
    JOIN "Membership" m ON m."groupId" = pa."groupId" AND m."userId" = f."userId"
    JOIN "User" u ON u.id = f."userId"
    WHERE f."paperId" = ${paperId}::uuid AND f."mutedAt" IS NULL
      AND m.status = 'ACTIVE' AND (m."suspendedUntil" IS NULL OR m."suspendedUntil" <= ${now})
      AND u."deletedAt" IS NULL AND (u."suspendedUntil" IS NULL OR u."suspendedUntil" <= ${now})
      AND u."emailConfirmedAt" IS NOT NULL`;
}

/**
 * Every member of the paper's group who may vote now, follower or not: for a vote the whole group
 * owns, such as whether to take a commissioned paper on (nobody follows a paper nobody started).
 */
export function membersWhoMayVote(paperId: string, now: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT m."userId" FROM "Paper" pa
    JOIN "Membership" m ON m."groupId" = pa."groupId"
    JOIN "User" u ON u.id = m."userId"
    WHERE pa.id = ${paperId}::uuid
      AND m.status = 'ACTIVE' AND (m."suspendedUntil" IS NULL OR m."suspendedUntil" <= ${now})
      AND u."deletedAt" IS NULL AND (u."suspendedUntil" IS NULL OR u."suspendedUntil" <= ${now})
      AND u."emailConfirmedAt" IS NOT NULL`;
}

/**
 * Followers who may still read the paper: anyone (signed in) in an open group, active members
 * (suspended ones too) in a members-only group, and site admins. Someone who left a members-only
 * group is told nothing more of its papers.
 */
export function followersWhoMayRead(paperId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT f."userId" FROM "PaperFollow" f
    JOIN "Paper" pa ON pa.id = f."paperId"
    JOIN "Group" g ON g.id = pa."groupId"
    JOIN "User" u ON u.id = f."userId"
    LEFT JOIN "Membership" m ON m."groupId" = pa."groupId" AND m."userId" = f."userId"
    WHERE f."paperId" = ${paperId}::uuid AND f."mutedAt" IS NULL AND u."deletedAt" IS NULL
      AND (g."joinPolicy" = 'OPEN' OR m.status = 'ACTIVE' OR u."siteRole" = 'ADMIN')`;
}
