import "server-only";
import type { ReactNode } from "react";
import { CommissionCredit } from "@/components/ui/commission-credit";
import { creditRefsOfPapers } from "../queries/credit-ref";

/**
 * "Commissioned by …" for each commissioned paper among `paperIds`, looked up in one query, as a
 * function a papers or proposals component calls with a paper id. Pages in app/ compose it in, so
 * papers and proposals need nothing of commissions.
 */
export async function paperCredits(
  paperIds: readonly string[],
  className = "mt-1 text-sm",
): Promise<(paperId: string) => ReactNode> {
  const refs = await creditRefsOfPapers(paperIds);
  return (paperId) => {
    const ref = refs.get(paperId);
    return ref ? (
      <CommissionCredit organisation={ref.organisation} commissionId={ref.commissionId} className={className} />
    ) : null;
  };
}
