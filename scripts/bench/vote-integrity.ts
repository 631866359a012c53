// After the vote scenario: concurrent voters must leave exactly one vote per person and proposal,
// and every proposal's kept tallies must equal a recount of its counted votes.
import pg from "pg";

export type VoteIntegrity = { votes: number; doubled: number; tallyMismatches: number };

export async function checkVoteIntegrity(databaseUrl: string): Promise<VoteIntegrity> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const votes = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Vote"`)).rows[0]!.n;
    const doubled = (
      await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM "Vote" WHERE "userId" IS NOT NULL GROUP BY "proposalId", "userId" HAVING count(*) > 1) d`)
    ).rows[0]!.n;
    const tallyMismatches = (
      await client.query<{ n: number }>(`
        SELECT count(*)::int AS n FROM "Proposal" p
        LEFT JOIN LATERAL (
          SELECT count(*) FILTER (WHERE choice = 'SUPPORT') AS s, count(*) FILTER (WHERE choice = 'OPPOSE') AS o, count(*) FILTER (WHERE choice = 'ABSTAIN') AS a
          FROM "Vote" v WHERE v."proposalId" = p.id AND v."proposalVersion" = p.version
        ) t ON true
        WHERE p."supportCount" <> t.s OR p."opposeCount" <> t.o OR p."abstainCount" <> t.a`)
    ).rows[0]!.n;
    return { votes, doubled, tallyMismatches };
  } finally {
    await client.end();
  }
}
