import "server-only";
import type { currentText } from "@/features/papers/persist-change";
import { parseRuns } from "@/features/papers/text/provenance";
import { commissionCreditFor } from "@/features/publishing/commission-credit";
import type { Tx } from "@/server/db";
import type { Contributor, Contributors, Participation, PerspectiveCounts, PublishedSection } from "./published";

type State = Awaited<ReturnType<typeof currentText>>;
type PerspectiveRow = { activity: "proposed" | "discussed" | "voted"; perspective: keyof PerspectiveCounts; n: bigint };

const zeroCounts = (): PerspectiveCounts => ({ PRACTITIONER: 0, SERVICE_USER: 0, BOTH: 0, OTHER: 0 });

/** Everyone whose words are in the paper: the starter, and each author of a merged proposal. */
async function contributorsOf(tx: Tx, paperId: string): Promise<Contributor[]> {
  const rows = await tx.$queryRaw<
    {
      userId: string | null;
      displayName: string;
      handle: string | null;
      perspective: Contributor["perspective"];
      startedPaper: boolean;
      merged: bigint;
    }[]
  >`
    WITH people AS (
      SELECT "createdById" AS id, true AS started, 0 AS merged FROM "Paper" WHERE id = ${paperId}::uuid AND "createdById" IS NOT NULL
      UNION ALL
      SELECT "authorId", false, 1 FROM "Proposal"
       WHERE "paperId" = ${paperId}::uuid AND status = 'MERGED' AND "authorId" IS NOT NULL
    )
    SELECT u.id AS "userId", u."displayName", CASE WHEN u."deletedAt" IS NULL THEN u.handle END AS handle,
           coalesce(pr.perspective, 'OTHER') AS perspective, bool_or(p.started) AS "startedPaper", sum(p.merged) AS merged
      FROM people p JOIN "User" u ON u.id = p.id LEFT JOIN "Profile" pr ON pr."userId" = u.id
     GROUP BY u.id, u."displayName", u.handle, u."deletedAt", pr.perspective
     ORDER BY bool_or(p.started) DESC, sum(p.merged) DESC, u."displayName"`;
  return rows.map((r) => ({ ...r, handle: r.handle, mergedProposals: Number(r.merged) }));
}

/** Who proposed, discussed and voted, by perspective; plus the distinct commenters and voters. */
async function participationOf(tx: Tx, paperId: string) {
  const rows = await tx.$queryRaw<PerspectiveRow[]>`
    WITH threads AS (
      SELECT t.id FROM "Thread" t WHERE t."paperId" = ${paperId}::uuid
      UNION ALL SELECT t.id FROM "Thread" t JOIN "Section" s ON s.id = t."sectionId" WHERE s."paperId" = ${paperId}::uuid
      UNION ALL SELECT t.id FROM "Thread" t JOIN "Proposal" p ON p.id = t."proposalId" WHERE p."paperId" = ${paperId}::uuid
    ),
    proposers AS (SELECT DISTINCT "authorId" AS id FROM "Proposal" WHERE "paperId" = ${paperId}::uuid AND "authorId" IS NOT NULL),
    commenters AS (SELECT DISTINCT po."authorId" AS id FROM "Post" po JOIN threads t ON t.id = po."threadId" WHERE po."authorId" IS NOT NULL),
    voters AS (
      SELECT DISTINCT ON (v."userId") v."userId" AS id, v.perspective FROM "Vote" v JOIN "Proposal" p ON p.id = v."proposalId"
       WHERE p."paperId" = ${paperId}::uuid AND v."userId" IS NOT NULL ORDER BY v."userId", v."updatedAt" DESC
    ),
    unlinked AS (
      SELECT v.perspective FROM "Vote" v JOIN "Proposal" p ON p.id = v."proposalId" WHERE p."paperId" = ${paperId}::uuid AND v."userId" IS NULL
    )
    SELECT 'proposed' AS activity, coalesce(pr.perspective, 'OTHER') AS perspective, count(*) AS n
      FROM proposers x LEFT JOIN "Profile" pr ON pr."userId" = x.id GROUP BY 2
    UNION ALL
    SELECT 'discussed', coalesce(pr.perspective, 'OTHER'), count(*) FROM commenters x LEFT JOIN "Profile" pr ON pr."userId" = x.id GROUP BY 2
    UNION ALL
    SELECT 'voted', perspective, count(*) FROM (SELECT perspective FROM voters UNION ALL SELECT perspective FROM unlinked) v GROUP BY 1, 2`;
  const participation: Participation = { proposed: zeroCounts(), discussed: zeroCounts(), voted: zeroCounts() };
  for (const row of rows) participation[row.activity][row.perspective] += Number(row.n);
  const total = (c: PerspectiveCounts) => c.PRACTITIONER + c.SERVICE_USER + c.BOTH + c.OTHER;
  return { participation, commenters: total(participation.discussed), voters: total(participation.voted) };
}

/**
 * Publishes the paper's current text as its next version, inside the transaction that holds the
 * paper lock. The row is written once and never changed: a trigger refuses updates.
 */
export async function publishCurrentText(
  tx: Tx,
  state: State,
  meta: { proposalId: string | null; correctionNote: string | null },
) {
  const paperId = state.paper.id;
  const last = await tx.publication.findFirst({
    where: { paperId },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  const version = (last?.version ?? 0) + 1;
  const revision = await tx.revision.findUniqueOrThrow({
    where: { paperId_number: { paperId, number: state.paper.revisionNumber } },
    select: { id: true },
  });
  const paper = await tx.paper.findUniqueOrThrow({ where: { id: paperId }, select: { licence: true } });
  const sections: PublishedSection[] = state.sections.map((s) => ({
    id: s.id,
    anchor: s.anchor,
    heading: s.heading,
    body: s.body,
    provenance: parseRuns(s.provenance),
  }));
  const { participation, commenters, voters } = await participationOf(tx, paperId);
  const contributors: Contributors = { people: await contributorsOf(tx, paperId), commenters, voters };
  const publication = await tx.publication.create({
    data: {
      paperId,
      version,
      revisionId: revision.id,
      proposalId: meta.proposalId,
      title: state.paper.title,
      question: state.paper.question,
      summary: state.paper.summary,
      sections,
      contributors,
      participation,
      licence: paper.licence,
      correctionNote: meta.correctionNote,
      commissionCredit: (await commissionCreditFor(tx, paperId)) ?? undefined,
    },
    select: { id: true, version: true },
  });
  return { ...publication, contributors };
}
