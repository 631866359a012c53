// Bulk seed for `npm run bench`: a group with ~200 members and three threads of very different
// sizes, written with set-based SQL (INSERT … SELECT generate_series), so 10,000 posts take seconds.
//
// The reply tree is realistic enough for the thread pages: most posts are top-level replies
// (parentId NULL, depth 0, sortKey = seq padded to 7 digits), the rest answer one of the 40 posts
// before them, down to depth 5 (sortKey = the parent's sortKey + own seq padded; a reply to a post
// already at depth 5 becomes that post's sibling). The signed-in bench user ("Bench Reader")
// belongs to the group, has reacted to some posts and has read part of each thread, but wrote no
// post, so its name on a page means "signed in".
import pg from "pg";

export interface SeededThread {
  id: string;
  size: number;
  title: string;
  /** The top-level post nearest the middle of the thread (by seq). */
  middleTopLevelPostId: string;
}

export interface SeededData {
  groupSlug: string;
  benchUser: { id: string; handle: string; displayName: string };
  members: number;
  threads: SeededThread[];
  counts: { posts: number; reactions: number; maxDepth: number };
}

const MAX_DEPTH = 5;
/** Share of posts after the second that reply to an earlier post rather than to the thread. */
const REPLY_SHARE = 0.4;
/** A reply answers one of this many posts before it. */
const REPLY_REACH = 40;

const PARAGRAPHS = [
  "In our service the waiting list doubled after the eligibility rules changed, and most of the people we turned away came back within three months in a worse state.",
  "Speaking as someone who used the service: the hardest part was not the wait itself but not knowing where I stood. A letter every few weeks would have changed a lot.",
  "The evidence from the pilot areas is mixed. Outcomes improved where caseloads stayed under thirty, and did not move at all where they did not.",
  "I would separate two questions here: who should be eligible, and how quickly a first contact should happen. The paper currently treats them as one.",
  "We tried a drop-in session on Thursdays for a year. Attendance was low at first, then steady once the reception staff started mentioning it on the phone.",
  "Could we ask the council for the figures by ward? The county average hides a lot of variation, and the worst-served areas are the ones without a local office.",
  "Agree with the direction, but the proposal needs a transition period. Staff were retrained twice in two years and people using the service noticed every time.",
  "One practical point: the form asks for documents that many people in temporary housing simply do not have. A named caseworker could confirm identity instead.",
];

const FIRST_NAMES = [
  "Ada",
  "Ben",
  "Chloe",
  "Dev",
  "Efua",
  "Finn",
  "Grace",
  "Hamza",
  "Isla",
  "Jon",
  "Kemi",
  "Liam",
  "Maya",
  "Noor",
  "Owen",
  "Priya",
  "Quinn",
  "Rosa",
  "Sam",
  "Tariq",
];
const LAST_NAMES = [
  "Adams",
  "Bello",
  "Chen",
  "Doyle",
  "Evans",
  "Fraser",
  "Gill",
  "Hughes",
  "Iqbal",
  "Jones",
  "Khan",
  "Lewis",
  "Moss",
  "Nolan",
  "Okafor",
  "Patel",
  "Reid",
  "Shah",
  "Tran",
  "Walsh",
];
const FIELDS = [
  "community midwife",
  "housing officer",
  "benefits adviser",
  "youth worker",
  "district nurse",
  "probation officer",
  "parent of a child with SEND",
  "tenant",
  "carer",
  "teacher",
];

const BENCH_USER = { handle: "bench_reader", displayName: "Bench Reader" };

export async function seedBench(
  databaseUrl: string,
  { members = 200, threadSizes = [30, 1_000, 10_000] }: { members?: number; threadSizes?: number[] } = {},
): Promise<SeededData> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  client.on("notice", () => {});
  try {
    await client.query("BEGIN");
    // A throwaway database filled by construction: skip the per-row foreign-key triggers.
    await client.query("SET LOCAL session_replication_role = replica");
    await client.query("SELECT setseed(0.42)"); // the same tree on every run

    // Member 1 owns the group, member 2 is the signed-in bench user.
    await client.query(
      `CREATE TEMP TABLE bench_members ON COMMIT DROP AS SELECT i, gen_random_uuid() AS id FROM generate_series(1, $1::int) i`,
      [members],
    );
    await client.query(`ALTER TABLE bench_members ADD PRIMARY KEY (i)`);
    await client.query(
      `INSERT INTO "User" (id, email, handle, "displayName", "createdAt", "sessionsValidFrom", "emailConfirmedAt")
       SELECT id,
              'member' || i || '@bench.invalid',
              CASE i WHEN 1 THEN 'bench_owner' WHEN 2 THEN $1 ELSE 'member_' || lpad(i::text, greatest(3, length(i::text)), '0') END,
              CASE i WHEN 1 THEN 'Bench Owner' WHEN 2 THEN $2
                     ELSE ($3::text[])[1 + i % 20] || ' ' || ($4::text[])[1 + (i * 7 / 20) % 20] END,
              now() - interval '400 days' + i * interval '1 hour',
              now() - interval '400 days',
              now() - interval '400 days' + i * interval '1 hour'
         FROM bench_members`,
      [BENCH_USER.handle, BENCH_USER.displayName, FIRST_NAMES, LAST_NAMES],
    );
    // Perspectives: 40% practitioners, 35% service users, 15% both, 10% other.
    await client.query(
      `INSERT INTO "Profile" ("userId", perspective, sector, "fieldDetail")
       SELECT id,
              (CASE WHEN i % 20 < 8 THEN 'PRACTITIONER' WHEN i % 20 < 15 THEN 'SERVICE_USER' WHEN i % 20 < 18 THEN 'BOTH' ELSE 'OTHER' END)::"Perspective",
              (ARRAY['HEALTH','SOCIAL_CARE','EDUCATION','HOUSING','WELFARE','JUSTICE','OTHER'])[1 + i % 7]::"Sector",
              ($1::text[])[1 + i % 10]
         FROM bench_members`,
      [FIELDS],
    );
    const group = await client.query<{ id: string }>(
      `INSERT INTO "Group" (slug, name, description, "joinPolicy", "createdById", "memberCount", "threadCount", "createdAt")
       SELECT 'bench', 'Bench', 'A group seeded by npm run bench: threads of 30, 1,000 and 10,000 posts.', 'OPEN', id, $1, $2, now() - interval '365 days'
         FROM bench_members WHERE i = 1
       RETURNING id`,
      [members, threadSizes.length],
    );
    const groupId = group.rows[0]!.id;
    await client.query(
      `INSERT INTO "Membership" ("groupId", "userId", role, status, "createdAt", "joinedAt")
       SELECT $1, id, (CASE WHEN i = 1 THEN 'OWNER' WHEN i IN (3, 4) THEN 'MODERATOR' ELSE 'MEMBER' END)::"GroupRole", 'ACTIVE',
              now() - interval '365 days' + i * interval '1 hour', now() - interval '365 days' + i * interval '1 hour'
         FROM bench_members`,
      [groupId],
    );

    // Authors are any member but the bench user: member index 1, or 3..members.
    const authorIndex = (x: string, members: string) =>
      `(CASE WHEN (${x}) % (${members} - 1) = 0 THEN 1 ELSE 2 + (${x}) % (${members} - 1) END)`;

    const threads: SeededThread[] = [];
    let maxDepth = 0;
    for (const [index, size] of threadSizes.entries()) {
      const title = `Waiting times: ${size.toLocaleString("en-GB")} posts`;
      // The thread started 10 minutes per post ago (at least 30 days), its posts spread evenly since.
      const thread = await client.query<{ id: string }>(
        `INSERT INTO "Thread" ("groupId", subject, title, "authorId", "postCount", "lastSeq", "lastPostAt", "createdAt")
         SELECT $1, 'GROUP', $2, id, $3::int, $3::int, now() - interval '1 hour' * $4::int,
                now() - greatest(interval '30 days', interval '10 minutes' * $3::int) - interval '1 hour' * $4::int
           FROM bench_members WHERE i = 5 + $4::int
         RETURNING id`,
        [groupId, title, size, index],
      );
      const threadId = thread.rows[0]!.id;

      // Who answers whom: posts 1 and 2 start the thread, later ones answer the thread or one of
      // the posts shortly before them.
      await client.query(`DROP TABLE IF EXISTS bench_plan, bench_tree, bench_reactions`);
      await client.query(
        `CREATE TEMP TABLE bench_plan AS
         SELECT s AS seq, gen_random_uuid() AS id,
                CASE WHEN s <= 2 OR random() >= $2 THEN NULL
                     ELSE s - 1 - floor(random() * least(s - 3, $3 - 1))::int END AS parent_seq
           FROM generate_series(1, $1::int) s`,
        [size, REPLY_SHARE, REPLY_REACH],
      );
      await client.query(`CREATE INDEX ON bench_plan (parent_seq)`);
      // Depth and sortKey follow from the parents, walked down from the top-level posts in one
      // recursive query; an answer to a post at the maximum depth becomes its sibling.
      await client.query(
        `CREATE TEMP TABLE bench_tree AS
         WITH RECURSIVE t (seq, parent_seq, depth, sort_key) AS (
           SELECT seq, NULL::int, 0, lpad(seq::text, 7, '0') FROM bench_plan WHERE parent_seq IS NULL
           UNION ALL
           SELECT p.seq,
                  CASE WHEN t.depth < $1 THEN t.seq ELSE t.parent_seq END,
                  least(t.depth + 1, $1),
                  CASE WHEN t.depth < $1 THEN t.sort_key ELSE left(t.sort_key, $1 * 7) END || lpad(p.seq::text, 7, '0')
             FROM bench_plan p JOIN t ON p.parent_seq = t.seq
         )
         SELECT t.seq, b.id, t.parent_seq, t.depth, t.sort_key FROM t JOIN bench_plan b USING (seq)`,
        [MAX_DEPTH],
      );
      await client.query(`ALTER TABLE bench_tree ADD PRIMARY KEY (seq)`);
      const placed = await client.query<{ n: number; depth: number }>(
        `SELECT count(*)::int AS n, max(depth)::int AS depth FROM bench_tree`,
      );
      if (placed.rows[0]!.n !== size)
        throw new Error(`bench seed: ${size - placed.rows[0]!.n} posts got no place in the reply tree`);
      maxDepth = Math.max(maxDepth, placed.rows[0]!.depth);

      // Reactions: a long tail (most posts none or a few, some a dozen), from distinct members
      // (j * 17 differs for every j below 200, modulo 200).
      await client.query(
        `CREATE TEMP TABLE bench_reactions AS
         SELECT b.seq, 1 + (b.seq * 13 + j * 17 + CASE r.kind WHEN 'USEFUL' THEN 101 ELSE 0 END) % $1::int AS member, r.kind
           FROM bench_tree b
           CROSS JOIN LATERAL (VALUES ('AGREE', floor(power(random(), 3) * 13 + b.seq * 0)::int),
                                      ('USEFUL', floor(power(random(), 4) * 7 + b.seq * 0)::int)) r (kind, n)
           CROSS JOIN LATERAL generate_series(1, r.n) j`,
        [members],
      );

      // Posts go in in seq order, as they would have been written; the kept counters come from
      // the tree and the reactions above.
      await client.query(
        `INSERT INTO "Post" (id, "threadId", seq, "parentId", depth, "sortKey", "authorId", "bodyMarkdown", "bodyHtml", status,
                             "replyCount", "agreeCount", "usefulCount", "createdAt", "featuredAt", "featuredById")
         SELECT b.id, t.id, b.seq, parent.id, b.depth, b.sort_key,
                CASE WHEN b.seq = 1 THEN t."authorId" ELSE author.id END,
                body.first || CASE WHEN b.seq % 3 = 0 THEN E'\n\n' || body.second ELSE '' END,
                '<p>' || body.first || '</p>' || CASE WHEN b.seq % 3 = 0 THEN E'\n<p>' || body.second || '</p>' ELSE '' END,
                'VISIBLE',
                coalesce(replies.n, 0), coalesce(reactions.agree, 0), coalesce(reactions.useful, 0),
                t."createdAt" + (t."lastPostAt" - t."createdAt") * ((b.seq - 1)::float8 / greatest($3::int - 1, 1)),
                CASE WHEN b.seq % 97 = 0 AND b.depth = 0 THEN now() - interval '1 day' END,
                CASE WHEN b.seq % 97 = 0 AND b.depth = 0 THEN owner.id END
           FROM bench_tree b
           JOIN "Thread" t ON t.id = $1
           LEFT JOIN bench_tree parent ON parent.seq = b.parent_seq
           LEFT JOIN (SELECT parent_seq, count(*)::int AS n FROM bench_tree WHERE parent_seq IS NOT NULL GROUP BY 1) replies ON replies.parent_seq = b.seq
           LEFT JOIN (SELECT seq, count(*) FILTER (WHERE kind = 'AGREE')::int AS agree, count(*) FILTER (WHERE kind = 'USEFUL')::int AS useful
                        FROM bench_reactions GROUP BY 1) reactions ON reactions.seq = b.seq
           JOIN bench_members author ON author.i = ${authorIndex("b.seq * 37 + $4::int", "$5::int")}
           JOIN bench_members owner ON owner.i = 1
           CROSS JOIN LATERAL (
             SELECT CASE WHEN b.seq = 1 THEN 'Opening post. ' ELSE '' END || ($2::text[])[1 + b.seq % 8] AS first,
                    ($2::text[])[1 + (b.seq * 5 + 3) % 8] AS second
           ) body
          ORDER BY b.seq`,
        [threadId, PARAGRAPHS, size, index, members],
      );
      await client.query(
        `INSERT INTO "Reaction" ("postId", "userId", kind, "createdAt")
         SELECT b.id, m.id, r.kind::"ReactionKind", p."createdAt" + interval '1 hour'
           FROM bench_reactions r
           JOIN bench_tree b USING (seq)
           JOIN bench_members m ON m.i = r.member
           JOIN "Post" p ON p.id = b.id`,
      );
      // The bench user has read 60% of each thread.
      await client.query(
        `INSERT INTO "ThreadRead" ("threadId", "userId", "lastReadSeq", "readAt")
         SELECT $1, id, greatest(1, floor($2::int * 0.6)::int), now() - interval '2 days' FROM bench_members WHERE i = 2`,
        [threadId, size],
      );

      const middle = await client.query<{ id: string }>(
        `SELECT id FROM "Post" WHERE "threadId" = $1 AND depth = 0 ORDER BY abs(seq - $2::int / 2), seq LIMIT 1`,
        [threadId, size],
      );
      threads.push({ id: threadId, size, title, middleTopLevelPostId: middle.rows[0]!.id });
    }

    const bench = await client.query<{ id: string }>(`SELECT id FROM "User" WHERE handle = $1`, [BENCH_USER.handle]);
    const totals = await client.query<{ posts: number; reactions: number }>(
      `SELECT (SELECT count(*)::int FROM "Post") AS posts, (SELECT count(*)::int FROM "Reaction") AS reactions`,
    );
    await client.query("COMMIT");
    await client.query(`ANALYZE "User", "Profile", "Group", "Membership", "Thread", "Post", "Reaction", "ThreadRead"`);
    return {
      groupSlug: "bench",
      benchUser: { id: bench.rows[0]!.id, ...BENCH_USER },
      members,
      threads,
      counts: { ...totals.rows[0]!, maxDepth },
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
