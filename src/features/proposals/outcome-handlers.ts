import type { NewNotification } from "@/features/notifications/mutations";
import type { Proposal } from "@/generated/prisma/client";
import type { ProposalKind } from "@/generated/prisma/enums";
import type { Tx } from "@/server/db";

/**
 * What a passed proposal does is not this feature's business: the feature that owns the outcome
 * does it. Papers merge text changes, publishing publishes, commissions accept; the composition
 * root (src/composition/decisions.ts) hands closeProposal one handler per proposal kind. A new
 * kind of decision is one new handler, not an edit here.
 *
 * A handler runs inside the closing transaction, which already holds the proposal's row lock
 * (take the paper lock after it, never before). It does the work, records the proposal's new
 * status, closedAt and note itself, and reports the outcome; closeProposal then tells the voters
 * and the author, and sends any further notifications the handler returned.
 */
export type HandledOutcome = "MERGED" | "PUBLISHED" | "ACCEPTED" | "NEEDS_UPDATE";

export type OutcomeResult = {
  outcome: HandledOutcome;
  /** The revision merged, or the version published, for the voters' notification. */
  revision?: number;
  /** Sent after the voters are told, e.g. the contributors of a published paper. */
  notifications?: NewNotification[];
};

export type OutcomeHandler = (tx: Tx, proposal: Proposal, closedAt: Date) => Promise<OutcomeResult>;

export type OutcomeHandlers = Record<ProposalKind, OutcomeHandler>;
