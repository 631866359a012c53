import "server-only";
import { cache } from "react";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { loadPaperAccess } from "../access";

/**
 * A paper found by its group's slug and its own slug, with what the viewer may do there.
 * NOT_FOUND when there is no such paper or the viewer may not read it (members-only groups).
 * Cached per request, so a page and its metadata share one lookup.
 */
export const paperAccessBySlug = cache(async (viewer: Actor, groupSlug: string, paperSlug: string) => {
  const found = await db.paper.findFirst({
    where: { slug: paperSlug.toLowerCase(), group: { slug: groupSlug.toLowerCase() } },
    select: { id: true },
  });
  if (!found) throw notFound("That paper");
  return loadPaperAccess(db, viewer, found.id);
});

/** Who did something, as pages show it: null stands for a former member (account deleted). */
export const PERSON = { select: { handle: true, displayName: true, deletedAt: true } } as const;
export type Person = { handle: string; displayName: string } | null;

export function personOf(user: { handle: string; displayName: string; deletedAt: Date | null } | null): Person {
  return user && !user.deletedAt ? { handle: user.handle, displayName: user.displayName } : null;
}

/** The tally columns of a proposal, selected together everywhere a tally is shown. */
export const TALLY = {
  supportCount: true,
  opposeCount: true,
  abstainCount: true,
  practitionerSupportCount: true,
  practitionerOpposeCount: true,
  serviceUserSupportCount: true,
  serviceUserOpposeCount: true,
} as const;

/** A proposal as the paper's pages list it: which one, who made it, and its tally columns. */
export const PROPOSAL_REF = { id: true, number: true, kind: true, author: PERSON, ...TALLY } as const;
export type ProposalRefRow = {
  id: string;
  number: number;
  kind: string;
  author: { handle: string; displayName: string; deletedAt: Date | null } | null;
} & { [K in keyof typeof TALLY]: number };
