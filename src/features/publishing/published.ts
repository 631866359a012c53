import { z } from "zod";

/**
 * The shapes stored in a Publication row. A publication is immutable: these are written once,
 * when the vote to publish passes, and every reader (pages, exports, the API, search) reads them.
 */

const ZPerspectiveCounts = z.object({
  PRACTITIONER: z.number(),
  SERVICE_USER: z.number(),
  BOTH: z.number(),
  OTHER: z.number(),
});
export type PerspectiveCounts = z.infer<typeof ZPerspectiveCounts>;

export const ZPublishedSection = z.object({
  /** The draft section's id: links provenance back to proposals that targeted it. */
  id: z.string(),
  anchor: z.string(),
  heading: z.string(),
  /** Markdown, as published. */
  body: z.string(),
  /** Runs of [revisionNumber, tokenCount] over the body (see features/papers/text/provenance.ts). */
  provenance: z.array(z.tuple([z.number(), z.number()])),
});
export type PublishedSection = z.infer<typeof ZPublishedSection>;

export const ZContributor = z.object({
  userId: z.string().nullable(),
  displayName: z.string(),
  handle: z.string().nullable(),
  perspective: z.enum(["PRACTITIONER", "SERVICE_USER", "BOTH", "OTHER"]),
  startedPaper: z.boolean(),
  mergedProposals: z.number(),
});
export type Contributor = z.infer<typeof ZContributor>;

export const ZContributors = z.object({
  /** Everyone whose words are in the paper: the starter and each proposer with a merged proposal. */
  people: z.array(ZContributor),
  /** Distinct members who commented in the paper's, its sections' or its proposals' discussions. */
  commenters: z.number(),
  /** Distinct members who voted on any of the paper's proposals (unlinked votes of deleted accounts included). */
  voters: z.number(),
});
export type Contributors = z.infer<typeof ZContributors>;

/** How many people of each perspective proposed, discussed and voted. */
export const ZParticipation = z.object({
  proposed: ZPerspectiveCounts,
  discussed: ZPerspectiveCounts,
  voted: ZPerspectiveCounts,
});
export type Participation = z.infer<typeof ZParticipation>;

export function parsePublishedSections(value: unknown): PublishedSection[] {
  return z.array(ZPublishedSection).parse(value);
}
export function parseContributors(value: unknown): Contributors {
  return ZContributors.parse(value);
}
export function parseParticipation(value: unknown): Participation {
  return ZParticipation.parse(value);
}
