// After the vote scenario: concurrent voters must leave exactly one vote per person and proposal,
// and every proposal's kept tallies must equal a recount of its counted votes (recount.ts, written
// apart from the app's own tally rule).
import pg from "pg";
import { tallyMismatches } from "./recount";

export type VoteIntegrity = { votes: number; doubled: number; tallyMismatches: number; tallyExample: string | null };

export async function checkVoteIntegrity(databaseUrl: string): Promise<VoteIntegrity> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const votes = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Vote"`)).rows[0]!.n;
    const doubled = (
      await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM "Vote" WHERE "userId" IS NOT NULL GROUP BY "proposalId", "userId" HAVING count(*) > 1) d`,
      )
    ).rows[0]!.n;
    const tallies = await tallyMismatches(client);
    return { votes, doubled, tallyMismatches: tallies.n, tallyExample: tallies.example };
  } finally {
    await client.end();
  }
}
