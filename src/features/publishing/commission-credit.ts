import { z } from "zod";
import type { Tx } from "@/server/db";

/**
 * What a published commissioned report says about who commissioned it. It is copied onto the
 * Publication when a version is published, so the credit, the disclosure and the independence
 * statement a reader sees are the ones that stood then, whatever the organisation edits later.
 */
export const ZCommissionCredit = z.object({
  commissionId: z.string(),
  organisation: z.object({ slug: z.string(), name: z.string(), kind: z.string(), verified: z.boolean() }),
  commissionTitle: z.string(),
  question: z.string(),
  disclosure: z.string(),
  deadlineAt: z.string(),
  independence: z.string(),
});
export type CommissionCredit = z.infer<typeof ZCommissionCredit>;

export function independenceStatement(organisationName: string): string {
  return (
    `${organisationName} commissioned this report and set its brief. It could comment and propose changes like any member, ` +
    `but it had no say over votes, moderation or publication: the group's members wrote the text and decided every change.`
  );
}

/** The credit for a paper's commission, or null when the paper was not commissioned. */
export async function commissionCreditFor(tx: Tx, paperId: string): Promise<CommissionCredit | null> {
  const paper = await tx.paper.findUniqueOrThrow({
    where: { id: paperId },
    select: {
      commission: {
        select: {
          id: true,
          title: true,
          question: true,
          disclosure: true,
          deadlineAt: true,
          organisation: { select: { slug: true, name: true, kind: true, verifiedAt: true } },
        },
      },
    },
  });
  const c = paper.commission;
  if (!c) return null;
  return {
    commissionId: c.id,
    organisation: {
      slug: c.organisation.slug,
      name: c.organisation.name,
      kind: c.organisation.kind,
      verified: c.organisation.verifiedAt !== null,
    },
    commissionTitle: c.title,
    question: c.question,
    disclosure: c.disclosure,
    deadlineAt: c.deadlineAt.toISOString(),
    independence: independenceStatement(c.organisation.name),
  };
}

/** Reads a stored credit; anything malformed reads as no credit rather than breaking the page. */
export function parseCommissionCredit(value: unknown): CommissionCredit | null {
  const parsed = ZCommissionCredit.safeParse(value);
  return parsed.success ? parsed.data : null;
}
