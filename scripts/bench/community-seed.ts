// The corpus of `npm run bench`: a busy community, sized by BENCH_SCALE (1 = 50,000 members, 300
// groups, 500,000 posts with threads of 30, 1,000 and 10,000 posts, 2,000 papers, 200,000 votes).
// All bulk SQL: the members and the thread group (seed.ts), the OPEN groups with their threads and
// papers (corpus-seed.ts), then here one open proposal per paper and the votes on them, with the
// kept tallies recounted by one UPDATE and every kept counter checked against a count of rows.
import pg from "pg";
import { TALLY_ASSIGNMENTS, TALLY_COUNTS } from "../../src/features/proposals/tally-sql";
import { type SeededCorpus, seedCorpus } from "./corpus-seed";
import { tallyMismatches } from "./recount";
import { type SeededData, seedBench } from "./seed";

export interface CommunitySize {
  members: number;
  groups: number;
  posts: number;
  papers: number;
  votes: number;
}

export const FULL_SIZE: CommunitySize = { members: 50_000, groups: 300, posts: 500_000, papers: 2_000, votes: 200_000 };

export function sizeFor(scale: number): CommunitySize {
  const at = (n: number, min: number) => Math.max(min, Math.round(n * scale));
  // The 10,000-post thread alone is 11,010 posts with its two smaller ones: posts never go below that.
  return {
    members: at(FULL_SIZE.members, 300),
    groups: at(FULL_SIZE.groups, 4),
    posts: at(FULL_SIZE.posts, 20_000),
    papers: at(FULL_SIZE.papers, 40),
    votes: at(FULL_SIZE.votes, 2_000),
  };
}

export interface Community {
  threads: SeededData;
  corpus: SeededCorpus;
  /** A group of the corpus whose members vote, its open proposals and some of its members. */
  voting: {
    groupSlug: string;
    proposals: { id: string; version: number }[];
    voters: { id: string; displayName: string }[];
  };
  /** A draft paper with an open proposal (the paper page as its group sees it). */
  draft: { groupSlug: string; paperSlug: string; title: string };
  counts: Record<string, number>;
}

const GROUPS_PER_MEMBER = 3;

export async function seedCommunity(databaseUrl: string, size: CommunitySize): Promise<Community> {
  const threads = await seedBench(databaseUrl, { members: size.members });
  const corpus = await seedCorpus(databaseUrl, {
    totalPosts: size.posts,
    papers: size.papers,
    groups: size.groups - 1, // the thread group is one of them
    groupsPerMember: GROUPS_PER_MEMBER,
    publishEvery: 4, // a quarter of the papers are still drafts
  });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT setseed(0.23)");
    // One open proposal per paper, amending its second section, under the paper's own rules.
    await client.query(
      `INSERT INTO "Proposal" ("paperId", number, kind, "sectionId", "authorId", rationale, "baseRevisionNumber",
                               "baseHeading", "baseText", "proposedHeading", "proposedText",
                               quorum, "thresholdPercent", "requireBothPerspectives", "closesAt")
       SELECT p.id, 1, 'AMEND_SECTION', s.id, p."createdById", 'Say who answers, and by when.', 1,
              s.heading, s.body, s.heading, s.body || E'\\n\\nEvery letter names the person to contact.',
              p.quorum, p."thresholdPercent", p."requireBothPerspectives", now() + interval '60 days'
         FROM "Paper" p JOIN "Section" s ON s."paperId" = p.id AND s.position = 2`,
    );
    await client.query(
      `UPDATE "Paper" p SET "proposalCount" = (SELECT count(*) FROM "Proposal" WHERE "paperId" = p.id)`,
    );
    // Votes: on each proposal, members of the paper's group, picked at random, with their perspective.
    const proposals = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Proposal"`)).rows[0]!.n;
    const perProposal = Math.max(1, Math.ceil(size.votes / proposals));
    await client.query(
      `INSERT INTO "Vote" ("proposalId", "userId", choice, reason, "proposalVersion", perspective, "createdAt", "updatedAt")
       SELECT pr.id, m."userId", (ARRAY['SUPPORT','SUPPORT','OPPOSE','ABSTAIN'])[1 + floor(random() * 4)::int]::"VoteChoice",
              '', pr.version, pf.perspective, now() - interval '1 day', now() - interval '1 day'
         FROM "Proposal" pr
         JOIN "Paper" pa ON pa.id = pr."paperId"
         CROSS JOIN LATERAL (
           SELECT "userId" FROM "Membership" WHERE "groupId" = pa."groupId" AND status = 'ACTIVE'
            ORDER BY md5(pr.id::text || "userId"::text) LIMIT $1::int
         ) m
         JOIN "Profile" pf ON pf."userId" = m."userId"`,
      [perProposal],
    );
    // The kept tallies, all proposals at once, by the app's rule (src/features/proposals/tally-sql.ts).
    await client.query(
      `UPDATE "Proposal" p SET ${TALLY_ASSIGNMENTS}
       FROM (
         SELECT v."proposalId", ${TALLY_COUNTS}
         FROM "Vote" v JOIN "Proposal" pr ON pr.id = v."proposalId" AND v."proposalVersion" = pr.version
         GROUP BY 1
       ) t
       WHERE p.id = t."proposalId"`,
    );
    // Every kept counter against a count of the rows it stands for: a wrong one fails the seed.
    const wrong = (
      await client.query<{ what: string; n: number }>(
        `SELECT 'Group.memberCount' AS what, count(*)::int AS n FROM "Group" g
           WHERE "memberCount" <> (SELECT count(*) FROM "Membership" m WHERE m."groupId" = g.id AND m.status = 'ACTIVE')
         UNION ALL SELECT 'Group.threadCount', count(*)::int FROM "Group" g WHERE "threadCount" <> (SELECT count(*) FROM "Thread" t WHERE t."groupId" = g.id)
         UNION ALL SELECT 'Group.paperCount', count(*)::int FROM "Group" g WHERE "paperCount" <> (SELECT count(*) FROM "Paper" p WHERE p."groupId" = g.id)
         UNION ALL SELECT 'Thread.postCount', count(*)::int FROM "Thread" t WHERE "postCount" <> (SELECT count(*) FROM "Post" p WHERE p."threadId" = t.id)
         UNION ALL SELECT 'Paper.proposalCount', count(*)::int FROM "Paper" p WHERE "proposalCount" <> (SELECT count(*) FROM "Proposal" r WHERE r."paperId" = p.id)`,
      )
    ).rows.filter((r) => r.n > 0);
    // The tallies were just set with the app's rule: check them against a recount written apart from it.
    const tallies = await tallyMismatches(client);
    if (tallies.n > 0) wrong.push({ what: `Proposal tallies (e.g. ${tallies.example})`, n: tallies.n });
    // The votes meant: per proposal, perProposal of its group's active members (all of them, if fewer).
    const { rows: voteCount } = await client.query<{ stored: number; meant: number }>(
      `SELECT (SELECT count(*)::int FROM "Vote") AS stored,
              (SELECT coalesce(sum(LEAST($1::int, (SELECT count(*) FROM "Membership" m JOIN "Profile" pf ON pf."userId" = m."userId"
                                                    WHERE m."groupId" = pa."groupId" AND m.status = 'ACTIVE'))), 0)::int
                 FROM "Proposal" pr JOIN "Paper" pa ON pa.id = pr."paperId") AS meant`,
      [perProposal],
    );
    if (voteCount[0]!.stored !== voteCount[0]!.meant)
      wrong.push({ what: `Votes (${voteCount[0]!.stored} stored, ${voteCount[0]!.meant} meant)`, n: 1 });
    if (wrong.length > 0)
      throw new Error(
        `community seed: kept counters wrong: ${wrong.map((w) => `${w.what} in ${w.n} rows`).join(", ")}`,
      );

    const counts = (
      await client.query<Record<string, number>>(
        `SELECT (SELECT count(*)::int FROM "User") AS users, (SELECT count(*)::int FROM "Group") AS groups,
                (SELECT count(*)::int FROM "Membership") AS memberships, (SELECT count(*)::int FROM "Thread") AS threads,
                (SELECT count(*)::int FROM "Post") AS posts, (SELECT max("postCount")::int FROM "Thread") AS "largestThread",
                (SELECT count(*)::int FROM "Paper") AS papers, (SELECT count(*)::int FROM "Publication") AS publications,
                (SELECT count(*)::int FROM "Proposal") AS proposals, (SELECT count(*)::int FROM "Vote") AS votes`,
      )
    ).rows[0]!;
    // The voting group: the first corpus group (the published paper's), its proposals and 200 members.
    const votingSlug = corpus.groupSlugs[0]!;
    const voting = await client.query<{ id: string; version: number }>(
      `SELECT pr.id, pr.version FROM "Proposal" pr JOIN "Paper" p ON p.id = pr."paperId" JOIN "Group" g ON g.id = p."groupId" WHERE g.slug = $1`,
      [votingSlug],
    );
    const voters = await client.query<{ id: string; displayName: string }>(
      `SELECT u.id, u."displayName" FROM "Membership" m JOIN "Group" g ON g.id = m."groupId" JOIN "User" u ON u.id = m."userId"
        WHERE g.slug = $1 AND m.status = 'ACTIVE' ORDER BY u.handle LIMIT 200`,
      [votingSlug],
    );
    const draft = await client.query<{ groupSlug: string; paperSlug: string; title: string }>(
      `SELECT g.slug AS "groupSlug", p.slug AS "paperSlug", p.title FROM "Paper" p JOIN "Group" g ON g.id = p."groupId"
        WHERE g.slug = $1 AND NOT EXISTS (SELECT 1 FROM "Publication" x WHERE x."paperId" = p.id) ORDER BY p.title LIMIT 1`,
      [votingSlug],
    );
    await client.query("COMMIT");
    await client.query(`ANALYZE "Paper", "Proposal", "Vote", "Membership"`);
    if (!draft.rows[0]) throw new Error("community seed: the voting group has no draft paper");
    return {
      threads,
      corpus,
      voting: { groupSlug: votingSlug, proposals: voting.rows, voters: voters.rows },
      draft: draft.rows[0],
      counts,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
