import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeProposal, closeProposalIfDue } from "@/composition/decisions";
import { getPaperPage } from "@/features/papers/queries/paper-page";
import { createProposal } from "@/features/proposals/mutations";
import { getProposeForm } from "@/features/proposals/queries/proposal-form";
import { getProposalPage } from "@/features/proposals/queries/proposal-page";
import { bibtexCitation, plainCitation } from "@/features/publishing/components/citation";
import { loadPublication } from "@/features/publishing/queries/publication";
import {
  cachedPublication,
  getPublicationPage,
  getPublishedSectionProvenance,
} from "@/features/publishing/queries/publication-page";
import { db } from "@/server/db";
import { appError } from "./helpers/app-error";
import { actorOf, addMember, makeGroup, makeUser } from "./helpers/factories";
import { amend, endVoting, makePaper, voteAll } from "./helpers/paper-factories";
import { resetDatabase } from "./helpers/reset-db";

// Next's server runtime provides AsyncLocalStorage globally; unstable_cache needs it at import.
vi.hoisted(() => {
  const hooks = process.getBuiltinModule("node:async_hooks");
  (globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage = hooks.AsyncLocalStorage;
});

// Outside a Next.js request, unstable_cache uses globalThis.__incrementalCache: a Map here, so
// the tests run Next's own caching code against an in-memory store.
const store = new Map<string, unknown>();
const g = globalThis as { __incrementalCache?: unknown };
beforeAll(() => {
  g.__incrementalCache = {
    isOnDemandRevalidate: false,
    generateSimpleCacheKey: async (key: string) => key,
    get: async (key: string) => (store.has(key) ? { value: store.get(key), isStale: false } : null),
    set: async (key: string, value: unknown) => void store.set(key, value),
  };
});
afterAll(() => {
  delete g.__incrementalCache;
});
beforeAll(resetDatabase);

/** Uncached reads, for checking what the pages show. */
const plain = async (gs: string, ps: string, v: number) => {
  const row = await loadPublication(gs, ps, v);
  return { ...row, publishedAt: row.publishedAt.toISOString() };
};

const publishInput = (paperId: string, baseRevision: number, publicationNote = "") => ({
  kind: "PUBLISH" as const,
  paperId,
  baseRevision,
  rationale: "The draft answers the question well now.",
  publicationNote,
});

/** An APPROVAL group's paper with one merged amendment (revision 2 by `su`), published as version 1. */
async function world() {
  const owner = await makeUser({ perspective: "PRACTITIONER" });
  const group = await makeGroup(owner, { joinPolicy: "APPROVAL" });
  const su = await makeUser({ perspective: "SERVICE_USER" });
  const both = await makeUser({ perspective: "BOTH" });
  for (const u of [su, both]) await addMember(group, u);
  const paper = await makePaper(group, owner);
  const voters = [owner, su, both].map(actorOf);
  const amendment = await createProposal(
    actorOf(su),
    amend(paper, paper.sections[0]!, "Pay benefits every week.\n\nAppeals take months."),
  );
  await voteAll(voters, amendment.id, "SUPPORT");
  await endVoting({ proposalIds: [amendment.id] });
  expect(await closeProposal(amendment.id)).toBe("MERGED");
  const pub = await createProposal(actorOf(owner), publishInput(paper.id, 2));
  await voteAll(voters, pub.id, "SUPPORT");
  await endVoting({ proposalIds: [pub.id] });
  expect(await closeProposal(pub.id)).toBe("PUBLISHED");
  return { owner, su, both, group, paper, voters, amendment };
}

describe("published version pages", () => {
  it("are readable signed out even for an APPROVAL group's paper; a missing or malformed version is NOT_FOUND", async () => {
    const w = await world();
    const page = await getPublicationPage(w.group.slug, w.paper.slug, "1", plain);
    expect(page.publication).toMatchObject({ version: 1, title: w.paper.title, licence: "CC-BY-4.0" });
    expect(page.publication.publishedAt).toBeInstanceOf(Date);
    expect(page.publication.sections[0]!.body).toBe("Pay benefits every week.\n\nAppeals take months.");
    expect(page).toMatchObject({ latest: 1, newer: false });
    for (const bad of ["2", "0", "abc", "01", "1.5", "-1", "9999999"]) {
      expect((await appError(getPublicationPage(w.group.slug, w.paper.slug, bad, plain))).code).toBe("NOT_FOUND");
    }
    expect((await appError(getPublicationPage("no-such-group", w.paper.slug, "1", plain))).code).toBe("NOT_FOUND");
    expect(
      (await appError(getPublishedSectionProvenance(w.group.slug, w.paper.slug, "1", "no-such-section", plain))).code,
    ).toBe("NOT_FOUND");
  });

  it("says a newer version exists on every version but the latest", async () => {
    const w = await world();
    const second = await createProposal(
      actorOf(w.owner),
      amend(w.paper, w.paper.sections[1]!, "Assessments happen face to face when asked.", { baseRevision: 2 }),
    );
    await voteAll(w.voters, second.id, "SUPPORT");
    await endVoting({ proposalIds: [second.id] });
    await closeProposal(second.id);
    const pub = await createProposal(actorOf(w.su), publishInput(w.paper.id, 3, "Assessments can be face to face."));
    await voteAll(w.voters, pub.id, "SUPPORT");
    await endVoting({ proposalIds: [pub.id] });
    expect(await closeProposal(pub.id)).toBe("PUBLISHED");

    const v1 = await getPublicationPage(w.group.slug, w.paper.slug, "1", plain);
    const v2 = await getPublicationPage(w.group.slug, w.paper.slug, "2", plain);
    expect(v1).toMatchObject({ latest: 2, newer: true });
    expect(v2).toMatchObject({ latest: 2, newer: false });
    expect(v2.publication.correctionNote).toBe("Assessments can be face to face.");
    expect(v2.versions.map((v) => v.version)).toEqual([2, 1]);
  });

  it("attributes each passage of a published section to the proposal that wrote it, with author, tally and discussion", async () => {
    const w = await world();
    const { provenance: data } = await getPublishedSectionProvenance(
      w.group.slug,
      w.paper.slug,
      "1",
      w.paper.sections[0]!.anchor.toUpperCase(),
      plain,
    );
    expect(data.passages.map((p) => p.revision)).toContain(2);
    expect(data.passages.map((p) => p.text).join("")).toBe("Pay benefits every week.\n\nAppeals take months.");
    const byRevision = new Map(data.revisions.map((r) => [r.number, r]));
    const r2 = byRevision.get(2)!;
    expect(r2.proposal).toMatchObject({ id: w.amendment.id, author: { handle: w.su.handle } });
    // Members who are both count on each side of the perspective tally.
    expect(r2.proposal!.tally).toMatchObject({ support: 3, oppose: 0, practitionerSupport: 2, serviceUserSupport: 2 });
    // "Appeals take months." was in the first draft.
    expect(data.passages.find((p) => p.text.includes("Appeals"))!.revision).toBe(1);
    expect(byRevision.get(1)).toMatchObject({ kind: "INITIAL", author: { handle: w.owner.handle } });
  });

  it("caches the publication across requests: a repeat view queries only the list of versions", async () => {
    const w = await world();
    const findFirst = vi.spyOn(db.publication, "findFirst");
    const findMany = vi.spyOn(db.publication, "findMany");
    // getPublicationPage is also memoised per request by React's cache(), which does nothing
    // outside a render: each call here stands for one request.
    const first = await getPublicationPage(w.group.slug, w.paper.slug, "1");
    expect([findFirst.mock.calls.length, findMany.mock.calls.length]).toEqual([1, 1]);
    const second = await getPublicationPage(w.group.slug, w.paper.slug, "1");
    expect([findFirst.mock.calls.length, findMany.mock.calls.length]).toEqual([1, 2]);
    // What the cache gives back is what the database gave, dates included.
    expect(second.publication).toEqual(first.publication);
    expect(second.publication.publishedAt).toBeInstanceOf(Date);
    // The section view reuses the same cached read: no publication query, one for the revisions.
    await getPublishedSectionProvenance(w.group.slug, w.paper.slug, "1", w.paper.sections[0]!.anchor);
    expect(findFirst.mock.calls.length).toBe(1);
    // A missing version is not cached: each request asks again.
    await appError(cachedPublication(w.group.slug, w.paper.slug, 7));
    await appError(cachedPublication(w.group.slug, w.paper.slug, 7));
    expect(findFirst.mock.calls.length).toBe(3);
    findFirst.mockRestore();
    findMany.mockRestore();
  });

  it("lets members propose publishing only a draft that is not yet published, and shows a vote to publish as such", async () => {
    const w = await world();
    // Revision 2 is published as version 1: nothing new to publish.
    const published = await getPaperPage(actorOf(w.su), w.group.slug, w.paper.slug);
    expect(published).toMatchObject({ latestVersion: 1, canProposePublish: false });
    expect(published.versions.map((v) => v.version)).toEqual([1]);
    const form = await getProposeForm(actorOf(w.su), w.group.slug, w.paper.slug, { kind: "PUBLISH" });
    expect(form.blocked).toMatch(/already published as version 1/);

    const change = await createProposal(
      actorOf(w.owner),
      amend(w.paper, w.paper.sections[2]!, "Free advice at every job centre and online.", { baseRevision: 2 }),
    );
    await voteAll(w.voters, change.id, "SUPPORT");
    await endVoting({ proposalIds: [change.id] });
    await closeProposal(change.id);
    expect(await getPaperPage(actorOf(w.su), w.group.slug, w.paper.slug)).toMatchObject({ canProposePublish: true });
    // This APPROVAL group's draft is for members only, while its published versions are public.
    expect((await appError(getPaperPage(null, w.group.slug, w.paper.slug))).code).toBe("NOT_FOUND");
    expect((await getPublicationPage(w.group.slug, w.paper.slug, "1", plain)).publication.version).toBe(1);
    const ready = await getProposeForm(actorOf(w.su), w.group.slug, w.paper.slug, { kind: "PUBLISH" });
    expect(ready).toMatchObject({ blocked: null, kind: "PUBLISH", publish: { lastVersion: 1, thresholdPercent: 67 } });

    const vote = await createProposal(actorOf(w.su), publishInput(w.paper.id, 3, "Advice online too."));
    const open = await getProposalPage(actorOf(w.both), vote.id);
    expect(open.proposal).toMatchObject({
      kind: "PUBLISH",
      baseRevisionNumber: 3,
      publicationNote: "Advice online too.",
      publish: { version: 2, published: false },
    });
    expect((await getProposeForm(actorOf(w.both), w.group.slug, w.paper.slug, { kind: "PUBLISH" })).blocked).toMatch(
      /already open \(proposal #/,
    );
    expect(await getPaperPage(actorOf(w.both), w.group.slug, w.paper.slug)).toMatchObject({ canProposePublish: false });

    // Once voting has ended the proposal page closes it first (its explicit call), and names the version it made.
    await voteAll(w.voters, vote.id, "SUPPORT");
    await endVoting({ proposalIds: [vote.id] });
    await closeProposalIfDue(actorOf(w.both), vote.id);
    const passed = await getProposalPage(actorOf(w.both), vote.id);
    expect(passed.proposal).toMatchObject({ status: "PASSED", publish: { version: 2, published: true } });
    expect((await getPaperPage(actorOf(w.su), w.group.slug, w.paper.slug)).latestVersion).toBe(2);
  });

  it("cites the group as a collective author with the permalink and licence", () => {
    const facts = {
      groupName: "Welfare reform",
      title: "Pay {weekly} & sooner",
      version: 2,
      publishedAt: new Date("2026-11-22T10:00:00Z"),
      url: "https://example.org/groups/w/papers/p/v/2",
    };
    expect(plainCitation(facts)).toBe(
      "Welfare reform, Policy Commons (2026). Pay {weekly} & sooner. Version 2. https://example.org/groups/w/papers/p/v/2. Licensed under CC BY 4.0.",
    );
    const bib = bibtexCitation(facts, "pay-weekly-v2");
    expect(bib).toContain("author = {{Welfare reform, Policy Commons}}");
    expect(bib).toContain("title = {{Pay weekly \\& sooner}}");
    expect(bib).toContain("url = {https://example.org/groups/w/papers/p/v/2}");
    expect(bib).toMatch(/version = \{2\},[\s\S]*license = \{CC BY 4\.0\}/);
  });
});
