// A published version made through the real flow: a merged amendment, then a PUBLISH proposal
// voted through and closed (as tests/integration/publishing.test.ts does step by step).

import { closeProposal } from "@/composition/decisions";
import { createProposal } from "@/features/proposals/mutations";
import type { JoinPolicy } from "@/generated/prisma/enums";
import { actorOf, addMember, makeGroup, makeUser } from "./factories";
import { amend, endVoting, makePaper, voteAll } from "./paper-factories";

export const PUBLISHED_BODY =
  "Pay benefits **every week**, not monthly.\n\n# Why weekly\n\nClaimants “run out” — see the [evidence](https://example.org/report) and /people pages.\n\n- shorter waits\n- fewer loans\n\n> Advances are loans.";

export async function makePublication(options: { joinPolicy?: JoinPolicy; title?: string; body?: string } = {}) {
  const owner = await makeUser({ perspective: "PRACTITIONER" });
  const group = await makeGroup(owner, { joinPolicy: options.joinPolicy });
  const [su, other] = await Promise.all([makeUser({ perspective: "SERVICE_USER" }), makeUser()]);
  for (const u of [su, other]) await addMember(group, u);
  const paper = await makePaper(group, owner, { title: options.title });
  const voters = [owner, su, other].map(actorOf);

  const merged = await createProposal(actorOf(su), amend(paper, paper.sections[0]!, options.body ?? PUBLISHED_BODY));
  await voteAll(voters, merged.id, "SUPPORT");
  await endVoting({ proposalIds: [merged.id] });
  await closeProposal(merged.id);

  const publish = await createProposal(actorOf(owner), {
    kind: "PUBLISH",
    paperId: paper.id,
    baseRevision: 2,
    rationale: "Ready for readers now.",
    publicationNote: "",
  });
  await voteAll(voters, publish.id, "SUPPORT");
  await endVoting({ proposalIds: [publish.id] });
  if ((await closeProposal(publish.id)) !== "PUBLISHED") throw new Error("the paper was not published");
  return { owner, su, other, group, paper, merged };
}
