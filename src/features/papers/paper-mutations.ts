import "server-only";
import { recordModerationAction } from "@/features/moderation/log";
import { authorize } from "@/server/authz/authorize";
import type { Actor } from "@/server/authz/permissions";
import { assertInGroup, requireActor } from "@/server/authz/refusals";
import { db, QUEUED_TRANSACTION } from "@/server/db";
import { conflict, invalid, notFound } from "@/server/errors";
import { renderForWrite } from "@/server/markdown/rendered";
import { consumeLimit } from "@/server/rate-limit";
import { assertDrafting, loadPaperAccess } from "./access";
import { insertPaper } from "./insert-paper";
import { PAPER_LIMITS } from "./limits";
import { currentText, lockPaper, writeRevision } from "./persist-change";
import type { CreatePaperInput, DecisionRulesInput, EditorialFixInput } from "./schemas";
import { sectionMarkdown } from "./text/heading-offset";
import { changedWordCount } from "./text/word-diff";

/** Starts a paper: the paper, its sections and revision 1 (the starter's first draft), or nothing. */
export async function createPaper(actor: Actor, input: CreatePaperInput) {
  const me = requireActor(actor);
  const { group } = await authorize(me, "paper.create", { groupId: input.groupId });
  await consumeLimit("paper", me.id);
  const rendered = await renderForWrite(
    Object.fromEntries(input.sections.map((s, i) => [`sections.${i}.body`, sectionMarkdown(s.body)])),
    { by: me.id },
  );
  const created = await insertPaper(group, { ...input, authorId: me.id });
  await rendered.save();
  return created;
}

/** Owners set how proposals on the paper are decided; proposals already open keep their rules. */
export async function updateDecisionRules(actor: Actor, input: DecisionRulesInput) {
  const me = requireActor(actor);
  const { paper, membership } = await loadPaperAccess(db, me, input.paperId);
  assertInGroup(me, "paper.setRules", membership);
  const { paperId, ...rules } = input;
  if (rules.publishThresholdPercent < rules.thresholdPercent) {
    throw invalid("Please correct the highlighted fields.", {
      publishThresholdPercent: "Publishing should need at least as much support as other proposals.",
    });
  }
  const before = {
    votingPeriodHours: paper.votingPeriodHours,
    quorum: paper.quorum,
    thresholdPercent: paper.thresholdPercent,
    publishThresholdPercent: paper.publishThresholdPercent,
    requireBothPerspectives: paper.requireBothPerspectives,
  };
  if (Object.entries(rules).every(([k, v]) => before[k as keyof typeof before] === v))
    throw invalid("Nothing changed.");
  await db.$transaction(async (tx) => {
    await tx.paper.update({ where: { id: paperId }, data: rules, select: { id: true } });
    await recordModerationAction(tx, {
      groupId: paper.groupId,
      actorId: me.id,
      kind: "CHANGE_PAPER_RULES",
      // subjectId names a member acted on; the paper goes in the details.
      details: { paperId, paperTitle: paper.title, before, after: rules },
    });
  });
}

/**
 * A moderator corrects a typo without a vote. The fix must be small, is checked against the
 * revision the moderator was looking at, and is recorded as a revision and in the moderation log.
 */
export async function makeEditorialFix(actor: Actor, input: EditorialFixInput) {
  const me = requireActor(actor);
  const { paper, membership } = await loadPaperAccess(db, me, input.paperId);
  assertInGroup(me, "paper.editorialFix", membership);
  assertDrafting(paper);
  const rendered = await renderForWrite({ body: sectionMarkdown(input.body) }, { by: me.id });
  const fixed = await db.$transaction(async (tx) => {
    await lockPaper(tx, paper.id);
    const state = await currentText(tx, paper.id);
    if (state.paper.revisionNumber !== input.baseRevision) {
      throw conflict(
        "The paper changed while you were editing. Your text is kept below; reload the section to see the change, then fix it again.",
      );
    }
    const section = state.sections.find((s) => s.id === input.sectionId);
    if (!section) throw notFound("That section");
    const limit = PAPER_LIMITS.editorialWords;
    const words = changedWordCount(`${section.heading}\n${section.body}`, `${input.heading}\n${input.body}`, {
      atMost: limit,
    });
    if (words === 0) throw invalid("Nothing changed.");
    if (words > limit) {
      throw invalid(
        `Editorial fixes are for small corrections: this one changes more than ${limit} words, and the limit is ${limit}. Propose larger changes so that the group can vote on them.`,
      );
    }
    const { number } = await writeRevision(
      tx,
      state,
      { kind: "AMEND_SECTION", sectionId: section.id, heading: input.heading, body: input.body },
      { kind: "EDITORIAL", authorId: me.id, reason: input.reason },
    );
    await recordModerationAction(tx, {
      groupId: paper.groupId,
      actorId: me.id,
      kind: "EDITORIAL_FIX",
      reason: input.reason,
      details: {
        paperId: paper.id,
        sectionId: section.id,
        paperTitle: paper.title,
        sectionHeading: input.heading,
        revision: number,
        wordsChanged: words,
      },
    });
    return { revision: number };
  }, QUEUED_TRANSACTION);
  await rendered.save();
  return fixed;
}
