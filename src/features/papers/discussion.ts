import "server-only";
import { createThread, replyToThread, type ThreadSubjectRef } from "@/features/discussions/mutations";
import { throughParent } from "@/server/authz/authorize";
import type { Actor } from "@/server/authz/permissions";
import { requireActor } from "@/server/authz/refusals";
import { db } from "@/server/db";
import { isUniqueViolation, notFound } from "@/server/errors";
import { loadPaperAccess } from "./access";
import type { StartDiscussionInput } from "./schemas";

/** The thread key and title for a paper, section or proposal, checking it exists and is readable. */
async function resolveSubject(actor: Actor, input: Pick<StartDiscussionInput, "subject" | "subjectId">) {
  switch (input.subject) {
    case "PAPER": {
      const { paper } = await loadPaperAccess(db, actor, input.subjectId);
      return {
        ref: { subject: "PAPER", paperId: paper.id } as ThreadSubjectRef,
        groupId: paper.groupId,
        title: `Discussion: ${paper.title}`,
      };
    }
    case "SECTION": {
      const section = await db.section.findUnique({
        where: { id: input.subjectId },
        select: { id: true, heading: true, paperId: true },
      });
      if (!section) throw notFound("That section");
      const { paper } = await throughParent("That section", loadPaperAccess(db, actor, section.paperId));
      return {
        ref: { subject: "SECTION", sectionId: section.id } as ThreadSubjectRef,
        groupId: paper.groupId,
        title: `${paper.title}: section “${section.heading}”`,
      };
    }
    case "PROPOSAL": {
      const proposal = await db.proposal.findUnique({
        where: { id: input.subjectId },
        select: { id: true, number: true, paperId: true },
      });
      if (!proposal) throw notFound("That proposal");
      const { paper } = await throughParent("That proposal", loadPaperAccess(db, actor, proposal.paperId));
      return {
        ref: { subject: "PROPOSAL", proposalId: proposal.id } as ThreadSubjectRef,
        groupId: paper.groupId,
        title: `${paper.title}: proposal #${proposal.number}`,
      };
    }
  }
}

function existingThread(ref: ThreadSubjectRef) {
  const where =
    ref.subject === "PAPER"
      ? { paperId: ref.paperId }
      : ref.subject === "SECTION"
        ? { sectionId: ref.sectionId }
        : { proposalId: ref.proposalId };
  return db.thread.findFirst({ where, select: { id: true } });
}

/**
 * Comments on a paper, section or proposal. The first comment starts its discussion thread; the
 * unique key per subject means two first comments at once end up in one thread.
 */
export async function commentOnSubject(actor: Actor, input: StartDiscussionInput) {
  // Signed out: asked to sign in first, never told whether the subject exists.
  requireActor(actor);
  const { ref, groupId, title } = await resolveSubject(actor, input);
  const found = await existingThread(ref);
  if (found) return { threadId: found.id, ...(await replyToThread(actor, { threadId: found.id, body: input.body })) };
  try {
    return await createThread(actor, { groupId, title: title.slice(0, 200), body: input.body }, ref);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await existingThread(ref);
    if (!winner) throw error;
    return { threadId: winner.id, ...(await replyToThread(actor, { threadId: winner.id, body: input.body })) };
  }
}
