// Bulk seed of the corpus that the library and search pages of `npm run bench` read: OPEN groups
// with threads of varied text (posts enough to bring the database to BENCH_CORPUS_POSTS, 100,000
// by default) and BENCH_CORPUS_PAPERS published papers (1,000 by default). Runs after the thread
// seed (scripts/bench/seed.ts) and reuses its members as authors.
//
// Posts are sentences drawn at random from a word list in SQL (INSERT … SELECT generate_series),
// so every search word matches a realistic share of them. Marker words make known result sets:
// RARE_WORD is in about one post in 10,000 and one paper in 100; PHRASE is in one post in 50.
// Papers are built in JS (their provenance runs need the app's own tokeniser) and inserted with
// jsonb_to_recordset: Paper + Section + Revision 1 + Publication version 1, shaped as createPaper
// and publishCurrentText write them. Triggers stay on (no replica mode), so search columns kept
// by triggers are filled as they would be by the app.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { freshRuns } from "../../src/features/papers/text/provenance";
import type {
  Contributor,
  Contributors,
  Participation,
  PerspectiveCounts,
  PublishedSection,
} from "../../src/features/publishing/published";

/** A word in roughly one post in 10,000 and one paper in 100: a search with few results. */
export const RARE_WORD = "quillwort";
/** A two-word phrase in one post in 50 (and in every tenth paper). */
export const PHRASE = "named caseworker";
/** A word in a large share of posts and papers: a search with many results. */
export const COMMON_WORD = "housing";

// The word list: common words of the subject, repeated by weight (COMMON_WORD is the most frequent).
const WORDS = [
  ...Array<string>(6).fill(COMMON_WORD),
  ...[
    "support",
    "service",
    "people",
    "waiting",
    "council",
    "benefit",
    "families",
    "funding",
    "staff",
    "evidence",
  ].flatMap((w) => [w, w, w]),
  ..."advice appeal assessment budget care carers children claim community contact court debt decision deposit discharge eligibility employment eviction family form health hospital income inspection landlord letter local mental nurse office outcome pilot placement policy poverty referral rent school sanction shelter social tenancy training transport tribunal visit ward welfare worker young".split(
    " ",
  ),
  ..."after again before between early every fewer first longer many more most often quickly rarely slowly sooner still through under when where while within without".split(
    " ",
  ),
  ..."and but for from into of on the to with because after the the the a a".split(" "),
];

const TOPICS = [
  "Universal Credit",
  "temporary housing",
  "hospital discharge",
  "school exclusions",
  "adult social care",
  "mental health crisis care",
  "youth services",
  "probation",
  "special educational needs",
  "energy debt",
  "child maintenance",
  "homelessness prevention",
];
const ANGLES = [
  "waiting times in",
  "first contact in",
  "appeals in",
  "funding for",
  "local reporting on",
  "eligibility for",
  "named caseworkers for",
  "complaints about",
  "transitions out of",
  "outcomes of",
];
const HEADINGS = [
  "The problem",
  "What people told us",
  "What the evidence says",
  "What we propose",
  "Costs and funding",
  "How to report on it",
  "Open questions",
];

export interface SeededCorpus {
  groupSlugs: string[];
  /** Posts and publications in the whole database after seeding (thread seed included). */
  counts: { posts: number; threads: number; papers: number; publications: number };
  /** A published paper to measure: group slug, paper slug, version and its title. */
  published: { groupSlug: string; paperSlug: string; version: number; title: string };
  /** Posts and papers that hold each marker (what a search for it may find). */
  markers: { rarePosts: number; rarePapers: number; phrasePosts: number };
}

/** A small deterministic PRNG (mulberry32): the same papers on every run. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

type Member = { id: string; displayName: string; handle: string; perspective: Contributor["perspective"] };

function buildPaper(index: number, groupId: string, members: Member[], random: () => number) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const sentence = (extra = "") =>
    `${capitalise(Array.from({ length: 10 + Math.floor(random() * 14) }, () => pick(WORDS)).join(" "))}${extra}.`;
  const paragraph = (n: number) => Array.from({ length: n }, () => sentence()).join(" ");
  const topic = TOPICS[index % TOPICS.length]!;
  const angle = ANGLES[Math.floor(index / TOPICS.length) % ANGLES.length]!;
  const title = `${capitalise(angle)} ${topic} (${index + 1})`;
  const slug = `${slugify(title)}`;
  const question = `What should change about ${angle} ${topic}?`;
  const summary = `${paragraph(2)}${index % 100 === 7 ? ` Includes a note on ${RARE_WORD}.` : ""}`;
  const count = 3 + (index % 3);
  const sections = HEADINGS.slice(0, count).map((heading, i) => {
    let body = `${paragraph(3)}\n\n${paragraph(2)}`;
    if (i === 1 && index % 10 === 0) body += `\n\nEvery person hears from a ${PHRASE} within ten working days.`;
    if (i === 2 && index % 100 === 7) body += `\n\nThe ${RARE_WORD} pilot is the exception.`;
    return { id: randomUUID(), anchor: slugify(heading), position: i + 1, heading, body };
  });
  const starter = members[(index * 7) % members.length]!;
  const proposers = Array.from(
    { length: index % 5 },
    (_, k) => members[(index * 13 + k * 31 + 1) % members.length]!,
  ).filter((m) => m.id !== starter.id);
  const unique = [...new Map(proposers.map((m) => [m.id, m])).values()];
  const person = (m: Member, started: boolean, merged: number): Contributor => ({
    userId: m.id,
    displayName: m.displayName,
    handle: m.handle,
    perspective: m.perspective,
    startedPaper: started,
    mergedProposals: merged,
  });
  const zero = (): PerspectiveCounts => ({ PRACTITIONER: 0, SERVICE_USER: 0, BOTH: 0, OTHER: 0 });
  const spread = (n: number): PerspectiveCounts => {
    const c = zero();
    const p = Math.round(n * 0.4),
      s = Math.round(n * 0.35),
      b = Math.round(n * 0.15);
    Object.assign(c, { PRACTITIONER: p, SERVICE_USER: s, BOTH: b, OTHER: Math.max(0, n - p - s - b) });
    return c;
  };
  const commenters = 2 + Math.floor(random() * 40);
  const voters = 3 + Math.floor(random() * 60);
  const proposed = zero();
  for (const m of unique) proposed[m.perspective] += 1;
  const participation: Participation = { proposed, discussed: spread(commenters), voted: spread(voters) };
  const contributors: Contributors = {
    people: [person(starter, true, 0), ...unique.map((m, k) => person(m, false, 1 + (k % 3)))],
    commenters,
    voters,
  };
  const published: PublishedSection[] = sections.map((s) => ({
    id: s.id,
    anchor: s.anchor,
    heading: s.heading,
    body: s.body,
    provenance: freshRuns(s.body, 1),
  }));
  const paperId = randomUUID();
  return {
    paper: { id: paperId, groupId, slug, title, question, summary, createdById: starter.id },
    sections: sections.map((s) => ({ ...s, paperId, provenance: freshRuns(s.body, 1) })),
    revision: {
      id: randomUUID(),
      paperId,
      authorId: starter.id,
      snapshot: {
        title,
        question,
        summary,
        sections: sections.map(({ id, anchor, heading, body }) => ({ id, anchor, heading, body })),
      },
    },
    publication: { paperId, title, question, summary, sections: published, contributors, participation },
  };
}

export async function seedCorpus(
  databaseUrl: string,
  {
    totalPosts = 100_000,
    papers = 1_000,
    groups = 8,
    postsPerThread = 100,
    groupsPerMember = groups,
    publishEvery = 1,
  }: {
    totalPosts?: number;
    papers?: number;
    groups?: number;
    postsPerThread?: number;
    /** Each member joins this many of the groups (member 1, the owner, joins all). */
    groupsPerMember?: number;
    /** One paper in this many stays an unpublished draft (1: all are published). */
    publishEvery?: number;
  } = {},
): Promise<SeededCorpus> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  client.on("notice", () => {});
  try {
    await client.query("BEGIN");
    await client.query("SELECT setseed(0.17)");
    const members = (
      await client.query<Member>(
        `SELECT u.id, u."displayName", u.handle, p.perspective FROM "User" u JOIN "Profile" p ON p."userId" = u.id
          WHERE u.email LIKE 'member%@bench.invalid' ORDER BY u."createdAt"`,
      )
    ).rows;
    if (members.length === 0) throw new Error("corpus seed: run the thread seed first (it makes the members)");

    const slugs = Array.from({ length: groups }, (_, i) => `corpus-${i + 1}`);
    const groupRows = await client.query<{ id: string; slug: string }>(
      `INSERT INTO "Group" (slug, name, description, "joinPolicy", "createdById", "memberCount", "createdAt")
       SELECT s, 'Corpus ' || i, 'A group seeded by npm run bench for the library and search.', 'OPEN', $2::uuid, 0, now() - interval '400 days'
         FROM unnest($1::text[]) WITH ORDINALITY AS g (s, i)
       RETURNING id, slug`,
      [slugs, members[0]!.id],
    );
    const groupIds = slugs.map((s) => groupRows.rows.find((g) => g.slug === s)!.id);
    // Member i joins groups (i·7 + k·101) mod G for k < groupsPerMember: spread evenly, no cross
    // product of every member and every group.
    await client.query(
      `INSERT INTO "Membership" ("groupId", "userId", role, status, "createdAt", "joinedAt")
       SELECT ($1::uuid[])[1 + gi], m, (CASE WHEN i = 1 THEN 'OWNER' ELSE 'MEMBER' END)::"GroupRole", 'ACTIVE', now() - interval '400 days', now() - interval '400 days'
         FROM unnest($2::uuid[]) WITH ORDINALITY AS mm (m, i)
         CROSS JOIN LATERAL (
           SELECT DISTINCT CASE WHEN i = 1 THEN k ELSE ((i * 7 + k * 101) % $3::int)::int END AS gi
             FROM generate_series(0, CASE WHEN i = 1 THEN $3::int ELSE least($4::int, $3::int) END - 1) k
         ) chosen`,
      [groupIds, members.map((m) => m.id), groups, groupsPerMember],
    );
    await client.query(
      `UPDATE "Group" g SET "memberCount" = c.n
         FROM (SELECT "groupId", count(*)::int AS n FROM "Membership" WHERE status = 'ACTIVE' GROUP BY 1) c WHERE c."groupId" = g.id`,
    );

    // Threads of postsPerThread posts, round-robin over the groups, enough to reach totalPosts.
    const existing = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Post"`)).rows[0]!.n;
    const threadCount = Math.max(0, Math.ceil((totalPosts - existing) / postsPerThread));
    await client.query(
      `CREATE TEMP TABLE corpus_threads ON COMMIT DROP AS
       SELECT i, gen_random_uuid() AS id, ($1::uuid[])[1 + i % $2::int] AS group_id,
              ($3::uuid[])[1 + (i * 11) % $4::int] AS author_id,
              now() - interval '365 days' + (i::float8 / greatest($5::int, 1)) * interval '330 days' AS created_at
         FROM generate_series(0, $5::int - 1) i`,
      [groupIds, groups, members.map((m) => m.id), members.length, threadCount],
    );
    await client.query(
      `INSERT INTO "Thread" (id, "groupId", subject, title, "authorId", "postCount", "lastSeq", "lastPostAt", "createdAt")
       SELECT id, group_id, 'GROUP', 'On ' || lower(($1::text[])[1 + i % array_length($1::text[], 1)]) || ': thread ' || (i + 1),
              author_id, $2::int, $2::int, created_at + interval '1 hour' * $2::int, created_at
         FROM corpus_threads`,
      [TOPICS, postsPerThread],
    );
    // Posts: flat (top-level) replies of 1-3 sentences from the word list, an hour apart; n
    // numbers every corpus post, and picks out the markers' posts.
    await client.query(
      `INSERT INTO "Post" ("threadId", seq, depth, "sortKey", "authorId", "bodyMarkdown", "bodyHtml", status, "createdAt")
       SELECT t.id, s, 0, lpad(s::text, 7, '0'), ($3::uuid[])[1 + (t.i * 7 + s * 37) % $4::int], body.text, '<p>' || body.text || '</p>', 'VISIBLE',
              t.created_at + interval '1 hour' * s
         FROM corpus_threads t
         CROSS JOIN generate_series(1, $1::int) s
         CROSS JOIN LATERAL (SELECT t.i * $1::int + s AS n) num
         CROSS JOIN LATERAL (
           SELECT string_agg(sentence, ' ') ||
                  CASE WHEN num.n % 50 = 0 THEN ' We asked for a ${PHRASE} and waited.' ELSE '' END ||
                  CASE WHEN num.n % 10000 = 1 THEN ' The ${RARE_WORD} case was different.' ELSE '' END AS text
             FROM (SELECT upper(left(w, 1)) || substr(w, 2) || '.' AS sentence
                     FROM (SELECT k, string_agg(($2::text[])[1 + floor(random() * array_length($2::text[], 1))::int], ' ') AS w
                             FROM generate_series(1, 1 + (num.n % 3)) k
                             CROSS JOIN LATERAL generate_series(1, 8 + (num.n * k) % 13) j
                            GROUP BY k) words) sentences
         ) body`,
      [postsPerThread, WORDS, members.map((m) => m.id), members.length],
    );
    await client.query(
      `UPDATE "Group" g SET "threadCount" = c.n FROM (SELECT "groupId", count(*)::int AS n FROM "Thread" GROUP BY 1) c WHERE c."groupId" = g.id`,
    );

    // Papers, each published once, spread over the groups and over the last year.
    const random = prng(42);
    const built = Array.from({ length: papers }, (_, i) => buildPaper(i, groupIds[i % groups]!, members, random));
    const json = (rows: unknown[]) => JSON.stringify(rows);
    await client.query(
      `INSERT INTO "Paper" (id, "groupId", slug, title, question, summary, "createdById", "createdAt", "updatedAt")
       SELECT p.id, p."groupId", p.slug, p.title, p.question, p.summary, p."createdById", now() - interval '400 days', now() - interval '400 days'
         FROM jsonb_to_recordset($1::jsonb) AS p (id uuid, "groupId" uuid, slug text, title text, question text, summary text, "createdById" uuid)`,
      [json(built.map((b) => b.paper))],
    );
    await client.query(
      `INSERT INTO "Section" (id, "paperId", anchor, position, heading, body, provenance)
       SELECT s.id, s."paperId", s.anchor, s.position, s.heading, s.body, s.provenance
         FROM jsonb_to_recordset($1::jsonb) AS s (id uuid, "paperId" uuid, anchor text, position int, heading text, body text, provenance jsonb)`,
      [json(built.flatMap((b) => b.sections))],
    );
    await client.query(
      `INSERT INTO "Revision" (id, "paperId", number, kind, "authorId", snapshot, "createdAt")
       SELECT r.id, r."paperId", 1, 'INITIAL', r."authorId", r.snapshot, now() - interval '400 days'
         FROM jsonb_to_recordset($1::jsonb) AS r (id uuid, "paperId" uuid, "authorId" uuid, snapshot jsonb)`,
      [json(built.map((b) => b.revision))],
    );
    await client.query(
      `INSERT INTO "Publication" ("paperId", version, "revisionId", title, question, summary, sections, contributors, participation, licence, "publishedAt")
       SELECT p."paperId", 1, r.id, p.title, p.question, p.summary, p.sections, p.contributors, p.participation, 'CC-BY-4.0',
              p."publishedAt"
         FROM jsonb_to_recordset($1::jsonb) AS p ("paperId" uuid, title text, question text, summary text, sections jsonb, contributors jsonb, participation jsonb, "publishedAt" timestamptz)
         JOIN "Revision" r ON r."paperId" = p."paperId" AND r.number = 1`,
      [
        json(
          built.flatMap((b, i) =>
            publishEvery > 1 && i % publishEvery === publishEvery - 1
              ? []
              : [
                  {
                    ...b.publication,
                    publishedAt: new Date(Date.now() - (365 - (i / papers) * 364) * 86_400_000).toISOString(),
                  },
                ],
          ),
        ),
      ],
    );
    await client.query(
      `UPDATE "Group" g SET "paperCount" = c.n FROM (SELECT "groupId", count(*)::int AS n FROM "Paper" GROUP BY 1) c WHERE c."groupId" = g.id`,
    );

    const counts = (
      await client.query<SeededCorpus["counts"]>(
        `SELECT (SELECT count(*)::int FROM "Post") AS posts, (SELECT count(*)::int FROM "Thread") AS threads,
                (SELECT count(*)::int FROM "Paper") AS papers, (SELECT count(*)::int FROM "Publication") AS publications`,
      )
    ).rows[0]!;
    const markers = (
      await client.query<SeededCorpus["markers"]>(
        `SELECT (SELECT count(*)::int FROM "Post" WHERE "bodyMarkdown" LIKE $1) AS "rarePosts",
                (SELECT count(*)::int FROM "Publication" WHERE summary LIKE $1 OR sections::text LIKE $1) AS "rarePapers",
                (SELECT count(*)::int FROM "Post" WHERE "bodyMarkdown" LIKE $2) AS "phrasePosts"`,
        [`%${RARE_WORD}%`, `%${PHRASE}%`],
      )
    ).rows[0]!;
    // The check the brief asks for: every row meant is there.
    if (counts.posts !== existing + threadCount * postsPerThread)
      throw new Error(`corpus seed: ${counts.posts} posts, expected ${existing + threadCount * postsPerThread}`);
    if (counts.publications < papers - Math.floor(papers / publishEvery))
      throw new Error(
        `corpus seed: ${counts.publications} publications, expected at least ${papers - Math.floor(papers / publishEvery)}`,
      );
    await client.query("COMMIT");
    await client.query(
      `ANALYZE "Group", "Membership", "Thread", "Post", "Paper", "Section", "Revision", "Publication"`,
    );
    const first = built[0]!;
    return {
      groupSlugs: slugs,
      counts,
      published: { groupSlug: slugs[0]!, paperSlug: first.paper.slug, version: 1, title: first.paper.title },
      markers,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
