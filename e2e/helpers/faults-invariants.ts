// What must hold in the database however a write was interrupted: every kept counter equals a
// recount of the rows it counts, and no paper lacks its first revision. Each query returns the
// offending rows, so a failure names them.
import { TALLY_COUNTS, TALLY_DIFFERS } from "../../src/features/proposals/tally-sql";
import type { Stack } from "./faults-stack";

const CHECKS: Record<string, string> = {
  "thread postCount/lastSeq": `
    SELECT t.id, t."postCount", t."lastSeq", count(p.id) AS posts, coalesce(max(p.seq), 0) AS "maxSeq"
    FROM "Thread" t LEFT JOIN "Post" p ON p."threadId" = t.id
    GROUP BY t.id HAVING t."postCount" <> count(p.id) OR t."lastSeq" <> coalesce(max(p.seq), 0)`,
  "post replyCount": `
    SELECT p.id, p."replyCount", (SELECT count(*) FROM "Post" c WHERE c."parentId" = p.id) AS replies
    FROM "Post" p WHERE p."replyCount" <> (SELECT count(*) FROM "Post" c WHERE c."parentId" = p.id)`,
  "group counters": `
    SELECT g.slug, g."memberCount", g."threadCount", g."paperCount",
      (SELECT count(*) FROM "Membership" m WHERE m."groupId" = g.id AND m.status = 'ACTIVE') AS members,
      (SELECT count(*) FROM "Thread" t WHERE t."groupId" = g.id AND t.subject = 'GROUP') AS threads,
      (SELECT count(*) FROM "Paper" p WHERE p."groupId" = g.id) AS papers
    FROM "Group" g
    WHERE g."memberCount" <> (SELECT count(*) FROM "Membership" m WHERE m."groupId" = g.id AND m.status = 'ACTIVE')
       OR g."threadCount" <> (SELECT count(*) FROM "Thread" t WHERE t."groupId" = g.id AND t.subject = 'GROUP')
       OR g."paperCount" <> (SELECT count(*) FROM "Paper" p WHERE p."groupId" = g.id)`,
  "proposal tallies": `
    SELECT p.id, p."supportCount", p."opposeCount", p."abstainCount", t.*
    FROM "Proposal" p CROSS JOIN LATERAL (
      SELECT ${TALLY_COUNTS}
      FROM "Vote" v WHERE v."proposalId" = p.id AND v."proposalVersion" = p.version) t
    WHERE ${TALLY_DIFFERS}`,
  "paper revisions": `
    SELECT p.id, p."revisionNumber", max(r.number) AS "maxRevision", bool_or(r.number = 1) AS "hasFirst"
    FROM "Paper" p LEFT JOIN "Revision" r ON r."paperId" = p.id
    GROUP BY p.id HAVING NOT coalesce(bool_or(r.number = 1), false) OR p."revisionNumber" <> coalesce(max(r.number), 0)`,
  "sections of papers without a first revision": `
    SELECT s.id, s."paperId" FROM "Section" s
    WHERE NOT EXISTS (SELECT 1 FROM "Revision" r WHERE r."paperId" = s."paperId" AND r.number = 1)`,
};

/** Every broken invariant with its offending rows; empty when the data is whole. */
export async function brokenInvariants(stack: Stack): Promise<Record<string, unknown[]>> {
  const broken: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(CHECKS)) {
    const rows = await stack.query(sql);
    if (rows.length > 0) broken[name] = rows;
  }
  return broken;
}
