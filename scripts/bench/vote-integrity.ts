// After the vote scenario: concurrent voters must leave exactly one vote per person and proposal,
// and every proposal's kept tallies must equal a recount of its counted votes.
import pg from "pg";
import { TALLY_COUNTS, TALLY_DIFFERS } from "../../src/features/proposals/tally-sql";

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
        CROSS JOIN LATERAL (SELECT ${TALLY_COUNTS} FROM "Vote" v WHERE v."proposalId" = p.id AND v."proposalVersion" = p.version) t
        WHERE ${TALLY_DIFFERS}`)
    ).rows[0]!.n;
    return { votes, doubled, tallyMismatches };
  } finally {
    await client.end();
  }
}
