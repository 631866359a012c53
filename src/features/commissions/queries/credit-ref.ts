import { parseCommissionCredit } from "@/features/publishing/commission-credit";

/** What a list needs to say "Commissioned by …": the organisation and the commission to link to. */
export type CreditRef = { commissionId: string; organisation: { slug: string; name: string; verified: boolean } };

/** Prisma select for a paper's commission, joined into a list query (no per-row lookups). */
export const COMMISSION_REF_SELECT = { select: { id: true, organisation: { select: { slug: true, name: true, verifiedAt: true } } } } as const;

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
