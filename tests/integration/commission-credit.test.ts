import { beforeAll, describe, expect, it, vi } from "vitest";
import { closeProposal } from "@/composition/decisions";
import { updateCommission } from "@/features/commissions/mutations";
import { creditRefsOfPapers } from "@/features/commissions/queries/credit-ref";
import { canRespondTo, getRespondForm, listPublicationResponses } from "@/features/commissions/queries/responses";
import { respondToPublication } from "@/features/commissions/response";
import { ZRespondToPublication } from "@/features/commissions/response-schemas";
import { buildAtomFeed } from "@/features/library/atom";
import { listLibrary, listRecentPublications } from "@/features/library/queries";
import { ZLibraryParams } from "@/features/library/schemas";
import { listGroupPapers } from "@/features/papers/queries/paper-list";
import { createProposal } from "@/features/proposals/mutations";
import { getProposalPage } from "@/features/proposals/queries/proposal-page";
import { presentPublishedVersion } from "@/features/publishing/api/present";
import { loadPublishedVersion } from "@/features/publishing/api/queries";
import { publicationDownload } from "@/features/publishing/exports/download";
import { loadPublication } from "@/features/publishing/queries/publication";
import { getPublicationPage } from "@/features/publishing/queries/publication-page";
import { searchPublic } from "@/features/search/queries";
import { ZSearchParams } from "@/features/search/schemas";
import { db } from "@/server/db";
import { appError } from "./helpers/app-error";
import {
  acceptCommissionedPaper,
  BRIEF,
  makeCommission,
  makeOrganisation,
  type TestOrganisation,
} from "./helpers/commission-factories";
import { actorOf, addMember, days, makeGroup, makeUser, type TestGroup, type TestUser } from "./helpers/factories";
import { amend, endVoting, voteAll } from "./helpers/paper-factories";
import { makePublication } from "./helpers/publication-factories";
import { resetDatabase } from "./helpers/reset-db";

// Next's server runtime provides AsyncLocalStorage globally; unstable_cache needs it at import.
vi.hoisted(() => {
  const hooks = process.getBuiltinModule("node:async_hooks");
  (globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage = hooks.AsyncLocalStorage;
});

beforeAll(resetDatabase);

const ORIGIN = "https://commons.test";
const a = actorOf;
/** Uncached reads, as in publication-pages.test.ts. */
const plain = async (gs: string, ps: string, v: number) => {
  const row = await loadPublication(gs, ps, v);
  return { ...row, publishedAt: row.publishedAt.toISOString() };
};

type World = {
  group: TestGroup;
  owner: TestUser;
  members: TestUser[];
  orgAdmin: TestUser;
  secondOrgAdmin: TestUser;
  otherOrgAdmin: TestUser;
  siteAdmin: TestUser;
  stranger: TestUser;
  organisation: TestOrganisation;
  commissionId: string;
  paper: { id: string; slug: string };
  publicationId: string;
};

/** A commissioned paper, taken on by the group and published as version 1. */
async function world(): Promise<World> {
  const owner = await makeUser({ perspective: "PRACTITIONER" });
  const group = await makeGroup(owner);
  const members = [await makeUser({ perspective: "SERVICE_USER" }), await makeUser({ perspective: "BOTH" })];
  for (const m of members) await addMember(group, m);
  const [orgAdmin, secondOrgAdmin, otherOrgAdmin, stranger] = [
    await makeUser(),
    await makeUser(),
    await makeUser(),
    await makeUser(),
  ];
  const siteAdmin = await makeUser({ siteRole: "ADMIN" });
  const organisation = await makeOrganisation([orgAdmin, secondOrgAdmin], {
    name: "Credit Test Trust",
    verified: true,
  });
  await makeOrganisation([otherOrgAdmin]);
  const { commissionId } = await makeCommission(orgAdmin, organisation, [group]);
  const paper = await db.paper.findFirstOrThrow({ where: { commissionId }, select: { id: true, slug: true } });
  const voters = [owner, ...members].map(a);
  await acceptCommissionedPaper(paper.id, a(members[0]), voters);
  // A member's merged amendment: the version's contributors are then more than the org admin who started the paper.
  const section = await db.section.findFirstOrThrow({
    where: { paperId: paper.id },
    orderBy: { position: "asc" },
    select: { id: true, anchor: true, heading: true, body: true },
  });
  const before = (await db.paper.findUniqueOrThrow({ where: { id: paper.id } })).revisionNumber;
  const amendment = await createProposal(
    a(members[0]),
    amend(paper, section, "Sanctions should pause while an appeal is heard.", { baseRevision: before }),
  );
  await voteAll(voters, amendment.id, "SUPPORT");
  await endVoting({ proposalIds: [amendment.id] });
  expect(await closeProposal(amendment.id)).toBe("MERGED");
  const revision = (await db.paper.findUniqueOrThrow({ where: { id: paper.id } })).revisionNumber;
  const publish = await createProposal(a(owner), {
    kind: "PUBLISH",
    paperId: paper.id,
    baseRevision: revision,
    rationale: "Ready for readers.",
    publicationNote: "",
  });
  await voteAll(voters, publish.id, "SUPPORT");
  await endVoting({ proposalIds: [publish.id] });
  expect(await closeProposal(publish.id)).toBe("PUBLISHED");
  const publication = await db.publication.findFirstOrThrow({ where: { paperId: paper.id }, select: { id: true } });
  return {
    group,
    owner,
    members,
    orgAdmin,
    secondOrgAdmin,
    otherOrgAdmin,
    siteAdmin,
    stranger,
    organisation,
    commissionId,
    paper,
    publicationId: publication.id,
  };
}

const RESPONSE = {
  signatoryName: "Jane Doe, Chief Executive",
  body: "We welcome the report.\n\nWe will **change our casework** as it recommends.",
};

describe("the credit wherever a commissioned paper appears", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it("the group's papers list, the proposal page, the library, search and the feeds say who commissioned it", async () => {
    const credit = {
      commissionId: w.commissionId,
      organisation: { slug: w.organisation.slug, name: "Credit Test Trust", verified: true },
    };
    // The papers list and the proposal page compose the credit in from commissions (app/ pages).
    const list = await listGroupPapers(a(w.owner), w.group.slug, 1);
    expect(list.papers.map((p) => p.id)).toContain(w.paper.id);
    const acceptance = await db.proposal.findFirstOrThrow({
      where: { paperId: w.paper.id, kind: "ACCEPT_COMMISSION" },
      select: { id: true },
    });
    expect((await getProposalPage(a(w.owner), acceptance.id)).paper.id).toBe(w.paper.id);
    expect((await creditRefsOfPapers([w.paper.id])).get(w.paper.id)).toEqual(credit);

    const library = await listLibrary(ZLibraryParams.parse({}));
    expect(library.entries.find((e) => e.paperSlug === w.paper.slug)!.commission).toEqual(credit);

    const search = await searchPublic(ZSearchParams.parse({ q: "benefit sanctions", type: "papers" }));
    expect(search.ok && search.hits.find((h) => h.kind === "paper" && h.groupSlug === w.group.slug)).toMatchObject({
      commission: credit,
    });

    const entries = await listRecentPublications({ groupSlug: w.group.slug, take: 10 });
    expect(entries[0]!.commissionedBy).toBe("Credit Test Trust");
    const feed = buildAtomFeed({ title: "t", selfPath: "/f", alternatePath: "/", origin: ORIGIN }, entries);
    expect(feed).toContain("Commissioned by Credit Test Trust.");
  });

  it("a paper nobody commissioned carries no credit", async () => {
    const plainPub = await makePublication({ title: "An uncommissioned paper" });
    const list = await listGroupPapers(a(plainPub.owner), plainPub.group.slug, 1);
    expect((await creditRefsOfPapers(list.papers.map((p) => p.id))).size).toBe(0);
    const api = presentPublishedVersion(ORIGIN, await loadPublishedVersion(plainPub.paper.id, 1));
    expect(api.commission).toBeNull();
    expect((await getPublicationPage(plainPub.group.slug, plainPub.paper.slug, "1", plain)).commission).toBeNull();
  });

  it("the API and the downloads carry the credit, the disclosure and the independence statement, then the response once made", async () => {
    const before = presentPublishedVersion(ORIGIN, await loadPublishedVersion(w.paper.id, 1));
    expect(before.commission).toMatchObject({
      organisation: {
        slug: w.organisation.slug,
        name: "Credit Test Trust",
        verified: true,
        url: `${ORIGIN}/organisations/${w.organisation.slug}`,
      },
      url: `${ORIGIN}/commissions/${w.commissionId}`,
      disclosure: BRIEF.disclosure,
      response: null,
    });
    expect(before.commission!.independence).toMatch(/had no say over votes, moderation or publication/);

    const file = async (format: "markdown" | "html") => {
      const d = await publicationDownload(w.group.slug, w.paper.slug, 1, format, ORIGIN);
      return { etag: d.etag, final: d.final, text: new TextDecoder().decode(await d.file()) };
    };
    const md = await file("markdown");
    expect(md.final).toBe(false);
    expect(md.text).toContain(
      `**Commissioned by** [Credit Test Trust](${ORIGIN}/organisations/${w.organisation.slug}) (verified organisation).`,
    );
    expect(md.text).toContain(BRIEF.disclosure);
    expect(md.text).toContain("**Independence:** Credit Test Trust commissioned this report");
    expect(md.text).not.toContain("## Response from");
    const html = await file("html");
    expect(html.text).toContain("<h3>What Credit Test Trust provided</h3>");

    await respondToPublication(a(w.orgAdmin), { publicationId: w.publicationId, ...RESPONSE });
    const after = presentPublishedVersion(ORIGIN, await loadPublishedVersion(w.paper.id, 1));
    expect(after.commission!.response).toMatchObject({ signatory: RESPONSE.signatoryName, markdown: RESPONSE.body });
    const md2 = await file("markdown");
    expect(md2.final).toBe(true);
    expect(md2.etag).not.toBe(md.etag);
    expect(md2.text).toContain("## Response from Credit Test Trust");
    expect(md2.text).toContain("Signed for Credit Test Trust by Jane Doe, Chief Executive (");
    expect(md2.text.indexOf("## Response from")).toBeLessThan(md2.text.indexOf("## How to cite"));
    expect((await file("html")).text).toContain("<strong>change our casework</strong>");
    const pdf = await publicationDownload(w.group.slug, w.paper.slug, 1, "pdf", ORIGIN);
    expect((await pdf.file()).byteLength).toBeGreaterThan(1000);
  });
});

describe("the published page shows the credit as it stood at publication", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it("keeps the snapshot's disclosure after the organisation edits its commission, and renders it safely", async () => {
    const commission = await db.commission.findUniqueOrThrow({ where: { id: w.commissionId } });
    await updateCommission(a(w.orgAdmin), {
      commissionId: w.commissionId,
      title: commission.title,
      question: commission.question,
      background: commission.background,
      scope: commission.scope,
      goodAnswer: commission.goodAnswer,
      disclosure: "Edited later: <script>alert(1)</script> we gave nothing.",
      contributionsOpenAt: commission.contributionsOpenAt,
      draftingFrom: commission.draftingFrom,
      deadlineAt: commission.deadlineAt,
    });
    const page = await getPublicationPage(w.group.slug, w.paper.slug, "1", plain);
    expect(page.commission!.credit.disclosure).toBe(BRIEF.disclosure);
    expect(page.commission!.disclosureHtml).toContain("We fund two workshops");
    expect(page.commission!.credit.organisation).toEqual({
      slug: w.organisation.slug,
      name: "Credit Test Trust",
      kind: "CHARITY",
      verified: true,
    });
    expect(presentPublishedVersion(ORIGIN, await loadPublishedVersion(w.paper.id, 1)).commission!.disclosure).toBe(
      BRIEF.disclosure,
    );
  });
});

describe("the organisation's signed response", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it("no one but the commissioning organisation's admins may respond, and a refusal stores nothing", async () => {
    const input = { publicationId: w.publicationId, ...RESPONSE };
    expect((await appError(respondToPublication(null, input))).code).toBe("UNAUTHENTICATED");
    for (const who of [w.stranger, w.otherOrgAdmin, w.owner, w.members[0], w.siteAdmin]) {
      expect((await appError(respondToPublication(a(who), input))).code).toBe("FORBIDDEN");
      expect((await appError(getRespondForm(a(who), w.group.slug, w.paper.slug, "1"))).code).toBe("FORBIDDEN");
      expect(await canRespondTo(a(who), w.publicationId, [])).toBe(false);
    }
    // The organisation's own admin, on a version of a paper it did not commission.
    const other = await makePublication({ title: "Nobody commissioned this" });
    const otherPub = await db.publication.findFirstOrThrow({
      where: { paperId: other.paper.id },
      select: { id: true },
    });
    expect((await appError(respondToPublication(a(w.orgAdmin), { ...input, publicationId: otherPub.id }))).code).toBe(
      "FORBIDDEN",
    );
    expect((await appError(getRespondForm(a(w.orgAdmin), other.group.slug, other.paper.slug, "1"))).code).toBe(
      "NOT_FOUND",
    );
    // Suspended admins may not sign for the organisation either.
    await db.user.update({ where: { id: w.secondOrgAdmin.id }, data: { suspendedUntil: days(2) } });
    expect(
      (await appError(respondToPublication({ ...a(w.secondOrgAdmin), suspendedUntil: days(2) }, input))).code,
    ).toBe("FORBIDDEN");
    await db.user.update({ where: { id: w.secondOrgAdmin.id }, data: { suspendedUntil: null } });
    expect(await db.commissionResponse.count({ where: { publicationId: w.publicationId } })).toBe(0);
    expect(
      await db.notification.count({
        where: { kind: "COMMISSION_RESPONSE", url: { startsWith: `/groups/${w.group.slug}/` } },
      }),
    ).toBe(0);
  });

  it("an admin responds: signed by them, shown at once on the page, the contributors told; once only", async () => {
    expect(await canRespondTo(a(w.orgAdmin), w.publicationId, [])).toBe(true);
    const form = await getRespondForm(a(w.orgAdmin), w.group.slug, w.paper.slug, "1");
    expect(form.organisation.name).toBe("Credit Test Trust");
    await respondToPublication(a(w.orgAdmin), { publicationId: w.publicationId, ...RESPONSE });
    const stored = await db.commissionResponse.findFirstOrThrow({ where: { publicationId: w.publicationId } });
    expect(stored).toMatchObject({
      signedById: w.orgAdmin.id,
      signatoryName: RESPONSE.signatoryName,
      organisationId: w.organisation.id,
      commissionId: w.commissionId,
    });

    const responses = await listPublicationResponses(w.publicationId);
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({
      signatoryName: RESPONSE.signatoryName,
      organisation: { name: "Credit Test Trust", verified: true },
    });
    expect(responses[0]!.bodyHtml).toContain("<strong>change our casework</strong>");
    expect(await canRespondTo(a(w.orgAdmin), w.publicationId, responses)).toBe(false);

    const publication = await loadPublication(w.group.slug, w.paper.slug, 1);
    const told = await db.notification.findMany({
      where: { kind: "COMMISSION_RESPONSE", url: { startsWith: `/groups/${w.group.slug}/` } },
      select: { userId: true, url: true },
    });
    // Everyone whose words are in the version, except the admin who signed (who started the paper for the organisation).
    const contributors = (
      publication.contributors.people.map((p) => p.userId).filter((id) => id && id !== w.orgAdmin.id) as string[]
    ).sort();
    expect(contributors).toContain(w.members[0]!.id);
    expect(told.map((n) => n.userId).sort()).toEqual(contributors);
    expect(told[0]!.url).toBe(`/groups/${w.group.slug}/papers/${w.paper.slug}/v/1#commission-response`);

    const again = await appError(
      respondToPublication(a(w.secondOrgAdmin), {
        publicationId: w.publicationId,
        signatoryName: "Sam Roe, Chair",
        body: "A second word.",
      }),
    );
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toMatch(/already responded to version 1/);
    expect((await appError(getRespondForm(a(w.orgAdmin), w.group.slug, w.paper.slug, "1"))).code).toBe("CONFLICT");
  });

  it("two admins responding at once: exactly one response is stored", async () => {
    await db.commissionResponse.deleteMany({ where: { publicationId: w.publicationId } });
    const spans: { start: number; end: number }[] = [];
    const timed = async (work: () => Promise<unknown>) => {
      const span = { start: performance.now(), end: 0 };
      spans.push(span);
      try {
        return await work();
      } finally {
        span.end = performance.now();
      }
    };
    const results = await Promise.allSettled([
      timed(() =>
        respondToPublication(a(w.orgAdmin), {
          publicationId: w.publicationId,
          signatoryName: "Jane Doe, Chief Executive",
          body: "First.",
        }),
      ),
      timed(() =>
        respondToPublication(a(w.secondOrgAdmin), {
          publicationId: w.publicationId,
          signatoryName: "Sam Roe, Chair",
          body: "Second.",
        }),
      ),
    ]);
    // The two really ran at the same time: each started before the other finished.
    expect(spans[0]!.start).toBeLessThan(spans[1]!.end);
    expect(spans[1]!.start).toBeLessThan(spans[0]!.end);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "CONFLICT" });
    expect(await db.commissionResponse.count({ where: { publicationId: w.publicationId } })).toBe(1);
  });

  it("hostile Markdown in a response is sanitised wherever it is rendered", async () => {
    await db.commissionResponse.deleteMany({ where: { publicationId: w.publicationId } });
    const body =
      '<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n[click](javascript:alert(3)) <iframe src="https://evil.test"></iframe>\n\nPlain words.';
    await respondToPublication(a(w.orgAdmin), {
      publicationId: w.publicationId,
      signatoryName: "<b>Jane</b>, CEO",
      body,
    });
    const [response] = await listPublicationResponses(w.publicationId);
    for (const html of [
      response!.bodyHtml,
      new TextDecoder().decode(await (await publicationDownload(w.group.slug, w.paper.slug, 1, "html", ORIGIN)).file()),
    ]) {
      expect(html).not.toMatch(/<script|onerror|javascript:|<iframe/i);
      expect(html).toContain("Plain words.");
    }
    const html = new TextDecoder().decode(
      await (await publicationDownload(w.group.slug, w.paper.slug, 1, "html", ORIGIN)).file(),
    );
    expect(html).toContain("by &lt;b&gt;Jane&lt;/b&gt;, CEO (");
  });

  it("the form's schema bounds the signatory and the body", () => {
    const parsed = ZRespondToPublication.safeParse({
      publicationId: "nope",
      signatoryName: "J",
      body: "x".repeat(10_001),
    });
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["publicationId", "signatoryName", "body"]));
  });
});
