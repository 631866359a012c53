// A recount of every proposal's kept tallies, written here from the rule in words and on purpose not
// from src/features/proposals/tally-sql.ts (which the app and the seed use to set them): a check that
// shares the code it checks cannot fail. The rule: on the proposal's current version, support,
// oppose and abstain count the votes of each choice; the practitioners' side counts the support and
// opposition of voters whose perspective was PRACTITIONER or BOTH, the service users' side those of
// SERVICE_USER or BOTH. Proposals without a vote must have every tally at 0.
import type pg from "pg";

const RECOUNT = `
  SELECT p.id,
         ARRAY[p."supportCount", p."opposeCount", p."abstainCount",
               p."practitionerSupportCount", p."practitionerOpposeCount",
               p."serviceUserSupportCount", p."serviceUserOpposeCount"] AS kept,
         ARRAY[coalesce(r.support, 0), coalesce(r.oppose, 0), coalesce(r.abstain, 0),
               coalesce(r.practitioner_support, 0), coalesce(r.practitioner_oppose, 0),
               coalesce(r.service_user_support, 0), coalesce(r.service_user_oppose, 0)] AS recounted
    FROM "Proposal" p
    LEFT JOIN (
      SELECT v."proposalId",
             sum(CASE WHEN v.choice = 'SUPPORT' THEN 1 ELSE 0 END)::int AS support,
             sum(CASE WHEN v.choice = 'OPPOSE' THEN 1 ELSE 0 END)::int AS oppose,
             sum(CASE WHEN v.choice = 'ABSTAIN' THEN 1 ELSE 0 END)::int AS abstain,
             sum(CASE WHEN v.choice = 'SUPPORT' AND v.perspective::text IN ('PRACTITIONER', 'BOTH') THEN 1 ELSE 0 END)::int AS practitioner_support,
             sum(CASE WHEN v.choice = 'OPPOSE' AND v.perspective::text IN ('PRACTITIONER', 'BOTH') THEN 1 ELSE 0 END)::int AS practitioner_oppose,
             sum(CASE WHEN v.choice = 'SUPPORT' AND v.perspective::text IN ('SERVICE_USER', 'BOTH') THEN 1 ELSE 0 END)::int AS service_user_support,
             sum(CASE WHEN v.choice = 'OPPOSE' AND v.perspective::text IN ('SERVICE_USER', 'BOTH') THEN 1 ELSE 0 END)::int AS service_user_oppose
        FROM "Vote" v
        JOIN "Proposal" pr ON pr.id = v."proposalId" AND v."proposalVersion" = pr.version
       GROUP BY v."proposalId"
    ) r ON r."proposalId" = p.id`;

/** Proposals whose kept tallies differ from the recount, and one example of them. */
export async function tallyMismatches(
  client: pg.Client | pg.PoolClient,
): Promise<{ n: number; example: string | null }> {
  const { rows } = await client.query<{ n: number; example: string | null }>(
    `SELECT count(*)::int AS n, min(format('proposal %s: kept %s, recounted %s', id, kept, recounted)) AS example
       FROM (${RECOUNT}) c WHERE kept IS DISTINCT FROM recounted`,
  );
  return rows[0]!;
}
