import { beforeAll, describe, expect, it, vi } from "vitest";
import { listLibrary } from "@/features/library/queries";
import { ZLibraryParams } from "@/features/library/schemas";
import { db } from "@/server/db";
import { makeGroup, makeUser } from "./helpers/factories";
import { publishNewPaper } from "./helpers/publish-flow";
import { resetDatabase } from "./helpers/reset-db";

// Feeds and the sitemap build absolute links from the request's host when NEXTAUTH_URL is unset.
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "commons.test" }) }));
delete process.env.NEXTAUTH_URL;

beforeAll(resetDatabase);

const library = (params: Record<string, unknown>) => listLibrary(ZLibraryParams.parse(params));

/** A small well-formedness check: balanced tags, no raw '<' or stray '&' in text. */
function expectWellFormedXml(xml: string) {
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  for (const token of body.split(/(<[^>]*>)/)) {
    if (token.startsWith("<")) {
      const m = /^<(\/?)([A-Za-z][\w:.-]*)(?:\s+[\w:.-]+="[^"<]*")*\s*(\/?)>$/.exec(token);
      expect(m, `bad tag ${token}`).not.toBeNull();
      if (m![1]) expect(stack.pop(), `unbalanced ${token}`).toBe(m![2]);
      else if (!m![3]) stack.push(m![2]!);
    } else {
      expect(token).not.toMatch(/<|&(?!(amp|lt|gt|quot|apos);)/);
    }
  }
  expect(stack).toEqual([]);
}

describe("library, feeds and sitemap", () => {
  let a: Awaited<ReturnType<typeof publishNewPaper>>;
  let b: Awaited<ReturnType<typeof publishNewPaper>>;
  let closed: Awaited<ReturnType<typeof publishNewPaper>>;
  beforeAll(async () => {
    a = await publishNewPaper({ title: "Alpha & <Omega> paper" });
    b = await publishNewPaper({ title: "Beta paper" });
    closed = await publishNewPaper({ title: "Members-only group's paper", joinPolicy: "APPROVAL" });
    // Spread the publication dates out for the date filter (the trigger forbids UPDATE, so briefly disable it).
    await db.$executeRawUnsafe(`ALTER TABLE "Publication" DISABLE TRIGGER "Publication_immutable"`);
    await db.$executeRaw`UPDATE "Publication" SET "publishedAt" = '2026-01-10T12:00:00Z' WHERE "paperId" = ${a.paper.id}::uuid`;
    await db.$executeRaw`UPDATE "Publication" SET "publishedAt" = '2026-03-10T12:00:00Z' WHERE "paperId" = ${b.paper.id}::uuid`;
    await db.$executeRawUnsafe(`ALTER TABLE "Publication" ENABLE TRIGGER "Publication_immutable"`);
  });

  it("lists the latest version of each published paper, newest first, whatever the join policy", async () => {
    const r = await library({});
    expect(r.entries.map((e) => e.title)).toEqual([
      "Members-only group's paper",
      "Beta paper",
      "Alpha & <Omega> paper",
    ]);
    expect(r.entries[1]).toMatchObject({ version: 1, groupSlug: b.group.slug, contributorCount: 1, commission: null });
    expect(r.total).toBe(3);
  });

  it("filters by group, commissioning organisation and date range; bad filters are ignored", async () => {
    expect((await library({ group: a.group.slug })).entries.map((e) => e.title)).toEqual(["Alpha & <Omega> paper"]);
    expect((await library({ from: "2026-02-01", to: "2026-03-10" })).entries.map((e) => e.title)).toEqual([
      "Beta paper",
    ]);
    expect((await library({ to: "2026-01-10" })).entries.map((e) => e.title)).toEqual(["Alpha & <Omega> paper"]);
    expect((await library({ organisation: "nobody-commissions-this" })).entries).toEqual([]);
    const org = await db.organisation.create({
      data: { slug: "dwp-test", name: "Department for Tests", kind: "PUBLIC_BODY" },
    });
    const commission = await db.commission.create({
      data: {
        organisationId: org.id,
        title: "T",
        question: "Q?",
        background: "B",
        scope: "S",
        goodAnswer: "G",
        disclosure: "D",
        contributionsOpenAt: new Date(),
        draftingFrom: new Date(),
        deadlineAt: new Date(),
      },
    });
    await db.paper.update({ where: { id: b.paper.id }, data: { commissionId: commission.id } });
    const commissioned = await library({ organisation: "dwp-test" });
    expect(commissioned.entries.map((e) => [e.title, e.commission])).toEqual([
      [
        "Beta paper",
        {
          commissionId: commission.id,
          organisation: { slug: "dwp-test", name: "Department for Tests", verified: false },
        },
      ],
    ]);
    expect(
      (await library({ group: "NOT A SLUG", from: "yesterday", page: "-3", field: "ASTROLOGY" })).entries,
    ).toHaveLength(3);
  });

  it("paginates 20 a page", async () => {
    const owner = await makeUser();
    const group = await makeGroup(owner);
    for (let i = 0; i < 21; i++) await publishNewPaper({ group, title: `Paged paper ${String(i).padStart(2, "0")}` });
    const first = await library({ group: group.slug });
    const second = await library({ group: group.slug, page: 2 });
    expect(first.entries).toHaveLength(20);
    expect(second.entries).toHaveLength(1);
    expect(first.pageCount).toBe(2);
    expect(new Set([...first.entries, ...second.entries].map((e) => e.id)).size).toBe(21);
  });

  it("serves valid Atom feeds, site-wide and per group, with escaped titles", async () => {
    const { GET: siteFeed } = await import("@/app/feeds/publications.atom/route");
    const { GET: groupFeed } = await import("@/app/groups/[slug]/publications.atom/route");
    const site = await siteFeed();
    expect(site.headers.get("content-type")).toMatch(/^application\/atom\+xml/);
    const xml = await site.text();
    expectWellFormedXml(xml);
    expect(xml).toContain("<title>Alpha &amp; &lt;Omega&gt; paper</title>");
    expect(xml.match(/<entry>/g)).toHaveLength(24);
    const permalink = `http://commons.test/groups/${a.group.slug}/papers/${a.paper.slug}/v/1`;
    expect(xml).toContain(`<id>${permalink}</id>`);

    const own = await (
      await groupFeed(new Request("http://commons.test"), { params: Promise.resolve({ slug: a.group.slug }) })
    ).text();
    expectWellFormedXml(own);
    expect(own.match(/<entry>/g)).toHaveLength(1);
    expect(own).toContain(`<link rel="alternate" type="text/html" href="${permalink}"/>`);
    expect(
      (await groupFeed(new Request("http://commons.test"), { params: Promise.resolve({ slug: "no-such-group" }) }))
        .status,
    ).toBe(404);
  });

  it("lists public pages in the sitemap: published permalinks, open groups, not members-only drafts", async () => {
    const sitemap = (await import("@/app/sitemap")).default;
    const urls = (await sitemap()).map((e) => e.url);
    expect(urls).toContain(`http://commons.test/groups/${a.group.slug}/papers/${a.paper.slug}/v/1`);
    expect(urls).toContain(`http://commons.test/groups/${closed.group.slug}/papers/${closed.paper.slug}/v/1`);
    expect(urls).toContain(`http://commons.test/groups/${a.group.slug}/papers/${a.paper.slug}`);
    expect(urls).not.toContain(`http://commons.test/groups/${closed.group.slug}/papers/${closed.paper.slug}`);
    expect(urls).not.toContain(`http://commons.test/groups/${closed.group.slug}`);
    expect(urls).toContain("http://commons.test/library");
  });

  // Last: it adds a publication, and the tests above count them.
  it("filters by the group's field", async () => {
    const owner = await makeUser();
    const housing = await makeGroup(owner);
    await db.group.update({ where: { id: housing.id }, data: { sector: "HOUSING" } });
    await publishNewPaper({ group: housing, title: "Temporary accommodation standards" });
    const found = await library({ field: "HOUSING" });
    expect(found.entries.map((e) => [e.title, e.groupSector])).toEqual([
      ["Temporary accommodation standards", "HOUSING"],
    ]);
    expect((await library({ field: "JUSTICE" })).entries).toEqual([]);
  });
});
