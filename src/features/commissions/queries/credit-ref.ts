import "server-only";
import { parseCommissionCredit } from "@/features/publishing/commission-credit";
import { db } from "@/server/db";

/** What a list needs to say "Commissioned by …": the organisation and the commission to link to. */
export type CreditRef = { commissionId: string; organisation: { slug: string; name: string; verified: boolean } };

/** Prisma select for a paper's commission, joined into a list query (no per-row lookups). */
export const COMMISSION_REF_SELECT = {
  select: { id: true, organisation: { select: { slug: true, name: true, verifiedAt: true } } },
} as const;

type CommissionRow = { id: string; organisation: { slug: string; name: string; verifiedAt: Date | null } } | null;

/** A draft's credit, from its live commission. */
export function creditRefOf(commission: CommissionRow): CreditRef | null {
  if (!commission) return null;
  const { slug, name, verifiedAt } = commission.organisation;
  return { commissionId: commission.id, organisation: { slug, name, verified: verifiedAt !== null } };
}

/** A published version's credit, from the snapshot taken when it was published. */
export function creditRefOfSnapshot(value: unknown): CreditRef | null {
  const credit = parseCommissionCredit(value);
  if (!credit) return null;
  const { slug, name, verified } = credit.organisation;
  return { commissionId: credit.commissionId, organisation: { slug, name, verified } };
}

/**
 * The credits of the commissioned papers among `paperIds`, by paper id, in one query. Papers and
 * proposals do not know about commissions: their pages ask for this and pass the credit in.
 */
export async function creditRefsOfPapers(paperIds: readonly string[]): Promise<Map<string, CreditRef>> {
  if (paperIds.length === 0) return new Map();
  const papers = await db.paper.findMany({
    where: { id: { in: [...paperIds] }, commissionId: { not: null } },
    select: { id: true, commission: COMMISSION_REF_SELECT },
  });
  return new Map(
    papers.flatMap((p) => {
      const ref = creditRefOf(p.commission);
      return ref ? [[p.id, ref] as const] : [];
    }),
  );
}
