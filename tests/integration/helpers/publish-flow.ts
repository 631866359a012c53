// Publishes a paper through the real flow (PUBLISH proposal, votes, close), as publishing.test.ts does.

import { closeProposal } from "@/composition/decisions";
import { createProposal } from "@/features/proposals/mutations";
import type { JoinPolicy } from "@/generated/prisma/client";
import { actorOf, addMember, makeGroup, makeUser } from "./factories";
import { endVoting, makePaper, voteAll } from "./paper-factories";

export async function publishNewPaper(
  options: {
    title?: string;
    sections?: { heading: string; body: string }[];
    joinPolicy?: JoinPolicy;
    group?: { id: string; slug: string };
  } = {},
) {
  const owner = await makeUser();
  const group = options.group ?? (await makeGroup(owner, { joinPolicy: options.joinPolicy }));
  if (options.group) await addMember(group, owner, "OWNER");
  const paper = await makePaper(group, owner, {
    title: options.title,
    sections: options.sections,
    rules: { quorum: 1 },
  });
  const p = await createProposal(actorOf(owner), {
    kind: "PUBLISH",
    paperId: paper.id,
    baseRevision: 1,
    rationale: "Ready to share with everyone.",
    publicationNote: "",
  });
  await voteAll([actorOf(owner)], p.id, "SUPPORT");
  await endVoting({ proposalIds: [p.id] });
  const outcome = await closeProposal(p.id);
  if (outcome !== "PUBLISHED") throw new Error(`expected the paper to be published, got ${outcome}`);
  return { owner, group, paper };
}
