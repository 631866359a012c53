// Bulk seed for the vote part of `npm run bench`: a group of its own ("bench-votes") with 120
// members of mixed perspectives, a paper in it (three sections and revision 1, as createPaper
// writes them) and one OPEN proposal amending its second section, with the paper's rules copied
// and voting open for the paper's whole period. Separate from the thread seed, so that the votes
// change nothing the page measurements read.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { freshRuns } from "../../src/features/papers/text/provenance";

export interface Voter {
  id: string;
  displayName: string;
  perspective: "PRACTITIONER" | "SERVICE_USER" | "BOTH" | "OTHER";
}

export interface SeededVotes {
  groupSlug: string;
  paperId: string;
  proposalId: string;
  /** The proposal's version: what every vote must name. */
  version: number;
  /** Every member, owner first. */
  members: Voter[];
}

const PAPER = {
  slug: "first-contact-within-ten-days",
  title: "First contact within ten working days",
  question: "How quickly should someone who asks for help hear from a named person?",
  summary: "A target for first contact, how to reach it without cutting eligibility, and how to report on it by area.",
};

const SECTIONS = [
  {
    heading: "The problem",
    body: "People who ask for help wait an average of six weeks for a first contact, and most hear nothing in between. Waiting without news is what people who used the service describe as the hardest part.",
  },
  {
    heading: "What we propose",
    body: "Every person who asks for help hears from a named caseworker within ten working days. The caseworker explains what happens next and when, even when support itself cannot start yet.",
  },
  {
    heading: "Reporting",
    body: "The council publishes the time to first contact every quarter, by ward, alongside the number of people waiting.",
  },
];

const AMENDED_BODY =
  "Every person who asks for help hears from a named caseworker within ten working days, by phone or by letter as they prefer. The caseworker explains what happens next and when, even when support itself cannot start yet.";

const anchorOf = (heading: string) => heading.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

export async function seedVotes(databaseUrl: string, { members = 120 }: { members?: number } = {}): Promise<SeededVotes> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica"); // built consistent; skip the FK triggers

    // Member 1 owns the group and makes the proposal; everyone, member 1 included, may vote.
    const users = await client.query<Voter>(
      `INSERT INTO "User" (email, handle, "displayName", "createdAt", "sessionsValidFrom")
       SELECT 'voter' || i || '@bench.invalid', 'voter_' || lpad(i::text, 3, '0'), 'Voter ' || i,
              now() - interval '200 days', now() - interval '200 days'
         FROM generate_series(1, $1::int) i
       RETURNING id, "displayName"`,
      [members],
    );
    const ids = users.rows.map((u) => u.id);
    // Perspectives as in the thread seed: 40% practitioners, 35% service users, 15% both, 10% other.
    const profiles = await client.query<{ userId: string; perspective: Voter["perspective"] }>(
      `INSERT INTO "Profile" ("userId", perspective, sector)
       SELECT id, (CASE WHEN i % 20 < 8 THEN 'PRACTITIONER' WHEN i % 20 < 15 THEN 'SERVICE_USER' WHEN i % 20 < 18 THEN 'BOTH' ELSE 'OTHER' END)::"Perspective",
              'SOCIAL_CARE'
         FROM unnest($1::uuid[]) WITH ORDINALITY AS m (id, i)
       RETURNING "userId", perspective`,
      [ids],
    );
    const perspectiveOf = new Map(profiles.rows.map((p) => [p.userId, p.perspective]));
    const ownerId = ids[0]!;

    const groupId = randomUUID();
    await client.query(
      `INSERT INTO "Group" (id, slug, name, description, "joinPolicy", "createdById", "memberCount", "paperCount")
       VALUES ($1, 'bench-votes', 'Bench votes', 'A group seeded by npm run bench: many members voting on one proposal at once.', 'OPEN', $2, $3, 1)`,
      [groupId, ownerId, members],
    );
    await client.query(
      `INSERT INTO "Membership" ("groupId", "userId", role, status, "joinedAt")
       SELECT $1, id, (CASE WHEN i = 1 THEN 'OWNER' ELSE 'MEMBER' END)::"GroupRole", 'ACTIVE', now() - interval '100 days'
         FROM unnest($2::uuid[]) WITH ORDINALITY AS m (id, i)`,
      [groupId, ids],
    );

    // The paper, its sections and revision 1, shaped as createPaper writes them.
    const paperId = randomUUID();
    const sections = SECTIONS.map((s, i) => ({ id: randomUUID(), anchor: anchorOf(s.heading), position: i + 1, ...s }));
    const paper = await client.query<{ votingPeriodHours: number; quorum: number; thresholdPercent: number; requireBothPerspectives: boolean }>(
      `INSERT INTO "Paper" (id, "groupId", slug, title, question, summary, "createdById", "proposalCount")
       VALUES ($1, $2, $3, $4, $5, $6, $7, 1)
       RETURNING "votingPeriodHours", quorum, "thresholdPercent", "requireBothPerspectives"`,
      [paperId, groupId, PAPER.slug, PAPER.title, PAPER.question, PAPER.summary, ownerId],
    );
    await client.query(
      `INSERT INTO "Section" (id, "paperId", anchor, position, heading, body, provenance)
       SELECT s.id, $1, s.anchor, s.position, s.heading, s.body, s.provenance
         FROM jsonb_to_recordset($2::jsonb) AS s (id uuid, anchor text, position int, heading text, body text, provenance jsonb)`,
      [paperId, JSON.stringify(sections.map((s) => ({ ...s, provenance: freshRuns(s.body, 1) })))],
    );
    const snapshot = {
      title: PAPER.title,
      question: PAPER.question,
      summary: PAPER.summary,
      sections: sections.map(({ id, anchor, heading, body }) => ({ id, anchor, heading, body })),
    };
    await client.query(`INSERT INTO "Revision" ("paperId", number, kind, "authorId", snapshot) VALUES ($1, 1, 'INITIAL', $2, $3::jsonb)`, [
      paperId,
      ownerId,
      JSON.stringify(snapshot),
    ]);

    // Proposal #1 amends section 2 against revision 1, under the paper's rules as they stand now.
    const amended = sections[1]!;
    const rules = paper.rows[0]!;
    const proposal = await client.query<{ id: string; version: number }>(
      `INSERT INTO "Proposal" ("paperId", number, kind, "sectionId", "authorId", rationale, "baseRevisionNumber",
                               "baseHeading", "baseText", "proposedHeading", "proposedText",
                               quorum, "thresholdPercent", "requireBothPerspectives", "closesAt")
       VALUES ($1, 1, 'AMEND_SECTION', $2, $3, $4, 1, $5, $6, $5, $7, $8, $9, $10, now() + make_interval(hours => $11))
       RETURNING id, version`,
      [
        paperId,
        amended.id,
        ownerId,
        "Some people cannot take calls at work; a letter reaches them.",
        amended.heading,
        amended.body,
        AMENDED_BODY,
        rules.quorum,
        rules.thresholdPercent,
        rules.requireBothPerspectives,
        rules.votingPeriodHours,
      ],
    );
    await client.query("COMMIT");
    await client.query(`ANALYZE "User", "Profile", "Group", "Membership", "Paper", "Section", "Revision", "Proposal", "Vote"`);
    return {
      groupSlug: "bench-votes",
      paperId,
      proposalId: proposal.rows[0]!.id,
      version: proposal.rows[0]!.version,
      members: users.rows.map((u) => ({ id: u.id, displayName: u.displayName, perspective: perspectiveOf.get(u.id)! })),
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
