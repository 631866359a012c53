import "server-only";
import type { Participation, PerspectiveCounts } from "@/features/publishing/published";
import { Prisma } from "@/generated/prisma/client";
import { paperPath, publicationPath } from "@/lib/paths";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { requireCommissionPermission } from "../access";
import { activityWeeks, timelinePosition } from "../dashboard-weeks";
import { daysLeft, type PostingState, phaseOf, postingStateOf } from "../timeline";

type Perspective = keyof PerspectiveCounts;
type Activity = keyof Participation;
export type ProposalCounts = { open: number; passed: number; failed: number; other: number };
export type WeekActivity = { weekStart: Date; posts: number; proposals: number; votes: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const zeroCounts = (): PerspectiveCounts => ({ PRACTITIONER: 0, SERVICE_USER: 0, BOTH: 0, OTHER: 0 });
const zeroParticipation = (): Participation => ({
  proposed: zeroCounts(),
  discussed: zeroCounts(),
  voted: zeroCounts(),
});

// The threads about a commission's papers: each paper's own, its sections' and its proposals'.
// Every step is an index lookup (CommissionPosting's key, the unique Thread subject keys, the
// Section and Proposal paperId indexes), so the cost follows the commission's size, not the site's.
// Posts and votes are then read per thread and per proposal through LATERAL … OFFSET 0: the
// OFFSET stops Postgres flattening the subquery; flattened, a check with 200k posts hashed the
// whole Post table (360 ms) instead of walking each thread's posts by index (4 ms).
const papersAndThreads = (commissionId: string) => Prisma.sql`
    papers AS (SELECT "paperId" AS id FROM "CommissionPosting" WHERE "commissionId" = ${commissionId}::uuid),
    threads AS (
      SELECT t.id, t."paperId" AS paper FROM "Thread" t WHERE t."paperId" IN (SELECT id FROM papers)
      UNION ALL SELECT t.id, s."paperId" FROM "Section" s JOIN "Thread" t ON t."sectionId" = s.id WHERE s."paperId" IN (SELECT id FROM papers)
      UNION ALL SELECT t.id, p."paperId" FROM "Proposal" p JOIN "Thread" t ON t."proposalId" = p.id WHERE p."paperId" IN (SELECT id FROM papers)
    )`;

/**
 * Distinct people who proposed, commented and voted, by perspective, per paper (paperId set) and
 * across the commission (paperId null), in one query. Deleted accounts are left out: their
 * votes are unlinked and their profile is gone, so they are no longer a person to count.
 * Proposers and commenters count under their profile's perspective; voters under the one their
 * latest vote recorded.
 */
async function participationRows(commissionId: string) {
  return db.$queryRaw<{ paperId: string | null; activity: Activity; perspective: Perspective; n: bigint }[]>`
    WITH ${papersAndThreads(commissionId)},
    acts AS (
      SELECT t.paper, 'discussed' AS activity, po."authorId" AS "userId"
        FROM threads t CROSS JOIN LATERAL (SELECT "authorId" FROM "Post" WHERE "threadId" = t.id AND "authorId" IS NOT NULL OFFSET 0) po
      UNION
      SELECT p."paperId", 'proposed', p."authorId" FROM "Proposal" p WHERE p."paperId" IN (SELECT id FROM papers) AND p."authorId" IS NOT NULL
    ),
    profiled AS (
      SELECT a.paper, a.activity, a."userId", coalesce(pr.perspective, 'OTHER') AS perspective
        FROM acts a JOIN "User" u ON u.id = a."userId" AND u."deletedAt" IS NULL LEFT JOIN "Profile" pr ON pr."userId" = a."userId"
    ),
    votes AS (
      SELECT p."paperId" AS paper, v."userId", v.perspective, v."updatedAt"
        FROM "Proposal" p
        CROSS JOIN LATERAL (SELECT "userId", perspective, "updatedAt" FROM "Vote" WHERE "proposalId" = p.id AND "userId" IS NOT NULL OFFSET 0) v
        JOIN "User" u ON u.id = v."userId" AND u."deletedAt" IS NULL
       WHERE p."paperId" IN (SELECT id FROM papers)
    ),
    voters_per_paper AS (SELECT DISTINCT ON (paper, "userId") paper, perspective FROM votes ORDER BY paper, "userId", "updatedAt" DESC),
    voters_overall AS (SELECT DISTINCT ON ("userId") perspective FROM votes ORDER BY "userId", "updatedAt" DESC)
    SELECT paper AS "paperId", activity, perspective::text AS perspective, count(DISTINCT "userId") AS n
      FROM profiled GROUP BY GROUPING SETS ((paper, activity, perspective), (activity, perspective))
    UNION ALL SELECT paper, 'voted', perspective::text, count(*) FROM voters_per_paper GROUP BY paper, perspective
    UNION ALL SELECT NULL, 'voted', perspective::text, count(*) FROM voters_overall GROUP BY perspective`;
}

/** Proposals on each paper, by outcome. */
async function proposalRows(commissionId: string) {
  return db.$queryRaw<{ paperId: string; open: bigint; passed: bigint; failed: bigint; other: bigint }[]>`
    SELECT p."paperId",
           count(*) FILTER (WHERE p.status = 'OPEN') AS open,
           count(*) FILTER (WHERE p.status IN ('MERGED', 'PASSED')) AS passed,
           count(*) FILTER (WHERE p.status = 'REJECTED') AS failed,
           count(*) FILTER (WHERE p.status IN ('WITHDRAWN', 'NEEDS_UPDATE')) AS other
      FROM "Proposal" p JOIN "CommissionPosting" cp ON cp."paperId" = p."paperId"
     WHERE cp."commissionId" = ${commissionId}::uuid
     GROUP BY p."paperId"`;
}

/**
 * Posts, proposals and votes per paper per UTC week (Monday start) from `from` on. Weeks with
 * nothing in them are absent here; activityOf fills them in.
 */
async function activityRows(commissionId: string, from: Date) {
  return db.$queryRaw<{ paperId: string; week: Date; posts: bigint; proposals: bigint; votes: bigint }[]>`
    WITH ${papersAndThreads(commissionId)},
    events AS (
      SELECT t.paper, po."createdAt" AS at, 'post' AS kind FROM threads t CROSS JOIN LATERAL (SELECT "createdAt" FROM "Post" WHERE "threadId" = t.id OFFSET 0) po
      UNION ALL SELECT p."paperId", p."createdAt", 'proposal' FROM "Proposal" p WHERE p."paperId" IN (SELECT id FROM papers)
      UNION ALL SELECT p."paperId", v."createdAt", 'vote'
        FROM "Proposal" p CROSS JOIN LATERAL (SELECT "createdAt" FROM "Vote" WHERE "proposalId" = p.id OFFSET 0) v WHERE p."paperId" IN (SELECT id FROM papers)
    )
    SELECT paper AS "paperId", date_trunc('week', at, 'UTC') AS week,
           count(*) FILTER (WHERE kind = 'post') AS posts,
           count(*) FILTER (WHERE kind = 'proposal') AS proposals,
           count(*) FILTER (WHERE kind = 'vote') AS votes
      FROM events WHERE at >= ${from}
     GROUP BY 1, 2`;
}

async function commissionFacts(commissionId: string) {
  return db.commission.findUniqueOrThrow({
    where: { id: commissionId },
    select: {
      id: true,
      title: true,
      question: true,
      createdAt: true,
      contributionsOpenAt: true,
      draftingFrom: true,
      deadlineAt: true,
      organisation: { select: { name: true, slug: true } },
      postings: {
        orderBy: { createdAt: "asc" },
        select: {
          status: true,
          decidedAt: true,
          group: { select: { name: true, slug: true } },
          paper: {
            select: {
              id: true,
              title: true,
              slug: true,
              publications: { orderBy: { version: "desc" }, take: 1, select: { version: true, publishedAt: true } },
            },
          },
        },
      },
    },
  });
}

/**
 * Everything the commission dashboard and its CSV show, for the organisation's admins (and site
 * admins, for oversight). A fixed number of queries whatever the number of groups, posts or votes.
 */
export async function loadCommissionDashboard(actor: Actor, commissionId: string, now = new Date()) {
  if (!UUID.test(commissionId)) throw notFound("That commission");
  await requireCommissionPermission(db, actor, commissionId, "commission.viewDashboard");
  const c = await commissionFacts(commissionId);
  const weeks = activityWeeks(c.createdAt, now);
  const [participation, proposals, activity] = await Promise.all([
    participationRows(c.id),
    proposalRows(c.id),
    activityRows(c.id, weeks[0]),
  ]);

  const byPaper = new Map(c.postings.map((p) => [p.paper.id, zeroParticipation()]));
  const overall = zeroParticipation();
  for (const row of participation) {
    const target = row.paperId === null ? overall : byPaper.get(row.paperId);
    if (target) target[row.activity][row.perspective] += Number(row.n);
  }

  const weekIndex = new Map(weeks.map((w, i) => [w.getTime(), i]));
  const emptyWeeks = () => weeks.map((weekStart): WeekActivity => ({ weekStart, posts: 0, proposals: 0, votes: 0 }));
  const totals = emptyWeeks();
  const perPaper = new Map(c.postings.map((p) => [p.paper.id, emptyWeeks()]));
  for (const row of activity) {
    const i = weekIndex.get(row.week.getTime());
    const series = perPaper.get(row.paperId);
    if (i === undefined || !series) continue;
    for (const target of [series[i], totals[i]]) {
      target.posts += Number(row.posts);
      target.proposals += Number(row.proposals);
      target.votes += Number(row.votes);
    }
  }

  const postings = c.postings.map((p) => {
    const latest = p.paper.publications[0] ?? null;
    const counts = proposals.find((r) => r.paperId === p.paper.id);
    // Both maps were built from these same postings.
    const participation = byPaper.get(p.paper.id);
    const activity = perPaper.get(p.paper.id);
    if (!participation || !activity) throw new Error(`Posting ${p.paper.id} has no dashboard figures`);
    return {
      paperId: p.paper.id,
      group: p.group,
      paper: { title: p.paper.title, slug: p.paper.slug, path: paperPath(p.group.slug, p.paper.slug) },
      state: postingStateOf(
        { status: p.status, publishedAt: latest?.publishedAt ?? null },
        c.deadlineAt,
        now,
      ) as PostingState,
      decidedAt: p.decidedAt,
      latestVersion: latest
        ? {
            version: latest.version,
            publishedAt: latest.publishedAt,
            path: publicationPath(p.group.slug, p.paper.slug, latest.version),
          }
        : null,
      proposals: {
        open: Number(counts?.open ?? 0),
        passed: Number(counts?.passed ?? 0),
        failed: Number(counts?.failed ?? 0),
        other: Number(counts?.other ?? 0),
      } satisfies ProposalCounts,
      participation,
      activity,
    };
  });

  const timeline = {
    contributionsOpenAt: c.contributionsOpenAt,
    draftingFrom: c.draftingFrom,
    deadlineAt: c.deadlineAt,
  };
  return {
    commission: {
      id: c.id,
      title: c.title,
      question: c.question,
      createdAt: c.createdAt,
      organisation: c.organisation,
      ...timeline,
      phase: phaseOf(
        timeline,
        postings.map((p) => p.state),
        now,
      ),
      daysLeft: daysLeft(c.deadlineAt, now),
      position: timelinePosition(timeline, now),
    },
    postings,
    participation: overall,
    proposals: postings.reduce<ProposalCounts>(
      (sum, p) => ({
        open: sum.open + p.proposals.open,
        passed: sum.passed + p.proposals.passed,
        failed: sum.failed + p.proposals.failed,
        other: sum.other + p.proposals.other,
      }),
      { open: 0, passed: 0, failed: 0, other: 0 },
    ),
    activity: totals,
    now,
  };
}

export type CommissionDashboard = Awaited<ReturnType<typeof loadCommissionDashboard>>;
export type DashboardPosting = CommissionDashboard["postings"][number];
