// Closing a proposal knows nothing of what a passed proposal does: it judges the tally and hands a
// passed proposal to the handler for its kind (src/features/proposals/outcome-handlers.ts). The
// composition root wires the real handlers (src/composition/decisions.ts); here stand-ins check
// the contract: which handler runs, in the closing transaction, and who is told afterwards.
import { beforeEach, describe, expect, it } from "vitest";
import { outcomeHandlers } from "@/composition/decisions";
import { closeDueProposals, closeProposal } from "@/features/proposals/close-proposal";
import { createProposal } from "@/features/proposals/mutations";
import type { OutcomeHandler, OutcomeHandlers } from "@/features/proposals/outcome-handlers";
import type { Proposal } from "@/generated/prisma/client";
import type { Tx } from "@/server/db";
import { db } from "@/server/db";
import { actorOf, addMember, makeGroup, makeUser } from "./helpers/factories";
import { amend, endVoting, makePaper, voteAll } from "./helpers/paper-factories";
import { resetDatabase } from "./helpers/reset-db";

beforeEach(resetDatabase);

async function world() {
  const owner = await makeUser({ perspective: "PRACTITIONER" });
  const voters = [
    owner,
    await makeUser({ perspective: "SERVICE_USER" }),
    await makeUser({ perspective: "PRACTITIONER" }),
  ];
  const group = await makeGroup(owner);
  for (const v of voters.slice(1)) await addMember(group, v);
  const paper = await makePaper(group, owner);
  const propose = async () =>
    (await createProposal(actorOf(owner), amend(paper, paper.sections[0]!, "A new first section."))).id;
  return { owner, voters: voters.map(actorOf), paper, propose };
}

/** Handlers that record what they were given and mark the proposal merged, as a real one would. */
function recordingHandlers() {
  const calls: { kind: string; proposalId: string; inTransaction: boolean }[] = [];
  const handler: OutcomeHandler = async (tx: Tx, proposal: Proposal, closedAt: Date) => {
    calls.push({ kind: proposal.kind, proposalId: proposal.id, inTransaction: tx !== (db as unknown as Tx) });
    await tx.proposal.update({
      where: { id: proposal.id },
      data: { closedAt, status: "MERGED", statusNote: "Handled by a stand-in." },
    });
    return { outcome: "MERGED", revision: 7 };
  };
  const handlers = Object.fromEntries(Object.keys(outcomeHandlers).map((kind) => [kind, handler])) as OutcomeHandlers;
  return { calls, handlers };
}

describe("closeProposal and its outcome handlers", () => {
  it("wires a handler for every kind of proposal", () => {
    expect(Object.keys(outcomeHandlers).sort()).toEqual([
      "ACCEPT_COMMISSION",
      "ADD_SECTION",
      "AMEND_SECTION",
      "PUBLISH",
      "REMOVE_SECTION",
      "RETITLE",
    ]);
  });

  it("hands a passed proposal to the handler for its kind, once, and tells its voters what the handler reports", async () => {
    const w = await world();
    const id = await w.propose();
    await voteAll(w.voters, id, "SUPPORT");
    await endVoting({ proposalIds: [id] });
    const { calls, handlers } = recordingHandlers();

    expect(await closeProposal(handlers, id)).toBe("MERGED");
    expect(await closeProposal(handlers, id)).toBe("NOT_DUE");
    expect(calls).toEqual([{ kind: "AMEND_SECTION", proposalId: id, inTransaction: true }]);
    expect(await db.proposal.findUniqueOrThrow({ where: { id }, select: { status: true, statusNote: true } })).toEqual({
      status: "MERGED",
      statusNote: "Handled by a stand-in.",
    });
    // The paper's text is the handler's business: the stand-in wrote no revision.
    expect(await db.revision.count({ where: { paperId: w.paper.id } })).toBe(1);
    const told = await db.notification.findMany({ where: { kind: "PROPOSAL_CLOSED" }, select: { text: true } });
    expect(told.length).toBeGreaterThan(0);
    for (const n of told) expect(n.text).toContain("(revision 7)");
  });

  it("never calls a handler for a proposal that did not pass, or that is not due", async () => {
    const w = await world();
    const rejected = await w.propose();
    await voteAll(w.voters, rejected, "OPPOSE");
    const running = await w.propose();
    await endVoting({ proposalIds: [rejected] });
    const { calls, handlers } = recordingHandlers();

    expect(await closeDueProposals(handlers, { paperId: w.paper.id })).toEqual(["REJECTED"]);
    expect(await closeProposal(handlers, running)).toBe("NOT_DUE");
    expect(calls).toEqual([]);
  });
});
