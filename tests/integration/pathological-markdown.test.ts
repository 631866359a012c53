// Every Markdown field of every form, fed text built to be costly to render
// (tests/fixtures/pathological-markdown.ts): each submission is answered within a second, either
// refused with a message next to the field (and the text kept for the person) or rendered within
// bounds, and the thread that answers other requests is never held meanwhile. Text stored before
// the limits existed is shown as plain text with a notice, and rendered only once.

import { isRedirectError } from "next/dist/client/components/redirect-error";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeProposal } from "@/composition/decisions";
import { PERIODIC_TASKS } from "@/composition/jobs";
import * as commissions from "@/features/commissions/actions";
import { getCommissionPage } from "@/features/commissions/queries/commission";
import * as commissionResponses from "@/features/commissions/response-actions";
import * as discussions from "@/features/discussions/actions";
import * as organisations from "@/features/organisations/actions";
import { getOrganisationPage } from "@/features/organisations/queries";
import * as papers from "@/features/papers/actions";
import { getPaperPage } from "@/features/papers/queries/paper-page";
import * as proposals from "@/features/proposals/actions";
import { createProposal } from "@/features/proposals/mutations";
import { getProposalPage } from "@/features/proposals/queries/proposal-page";
import { PLAIN_TEXT_NOTICE } from "@/lib/markdown";
import type { FormState } from "@/server/action";
import type { CurrentUser } from "@/server/auth/session-store";
import { createAuthSession } from "@/server/auth/session-store";
import { db } from "@/server/db";
import { pruneRenderedMarkdown, RENDERER_VERSION, renderedHtml } from "@/server/markdown/rendered";
import { stopMarkdownWorkers } from "@/server/markdown/worker-pool";
import { pathologicalMarkdown } from "../fixtures/pathological-markdown";
import { timedWithStall as timed } from "../fixtures/stall";
import { acceptCommissionedPaper, makeCommission, makeOrganisation } from "./helpers/commission-factories";
import { makeThread } from "./helpers/discussion-factories";
import { actorOf, addMember, days, makeGroup, makeUser } from "./helpers/factories";
import { formOf, GENERIC_FAILURE } from "./helpers/hostile-corpus";
import { amend, endVoting, makePaper, voteAll } from "./helpers/paper-factories";
import { resetDatabase } from "./helpers/reset-db";

const signedIn = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/server/auth/current-user", () => ({
  getCurrentUser: async () => signedIn.user,
  requireCurrentUser: async () => signedIn.user,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, unstable_cache: <T>(fn: T) => fn }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "commons.test", "x-forwarded-for": "203.0.113.9" }),
  cookies: async () => ({ getAll: () => [], set: () => {} }),
}));

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;
type Outcome = { state?: FormState; redirect?: string; threw?: unknown };

async function run(action: Action, fields: Record<string, string>): Promise<Outcome> {
  try {
    return { state: await action({ ok: false }, formOf(fields)) };
  } catch (error) {
    if (isRedirectError(error)) return { redirect: String((error as { digest: string }).digest) };
    return { threw: error };
  }
}

let w: Awaited<ReturnType<typeof makeWorld>>;

async function makeWorld() {
  const member = await makeUser({ password: "member-password-123", perspective: "PRACTITIONER" });
  const [su, both] = [await makeUser({ perspective: "SERVICE_USER" }), await makeUser({ perspective: "BOTH" })];
  const group = await makeGroup(member);
  for (const u of [su, both]) await addMember(group, u);
  const thread = await makeThread(group, member, { posts: 2 });
  const paper = await makePaper(group, member);
  const proposal = await createProposal(
    actorOf(member),
    amend(paper, paper.sections[0]!, "A proposed new text for this section."),
  );
  const organisation = await makeOrganisation([member]);
  const { commissionId } = await makeCommission(member, organisation, [group]);
  const commissioned = await db.paper.findFirstOrThrow({ where: { commissionId }, select: { id: true, slug: true } });
  // A second commission, taken on and published, for the organisation's signed response.
  const second = await makeCommission(member, organisation, [group], { title: "A second commission" });
  const toPublish = await db.paper.findFirstOrThrow({
    where: { commissionId: second.commissionId },
    select: { id: true },
  });
  const voters = [member, su, both].map(actorOf);
  await acceptCommissionedPaper(toPublish.id, actorOf(su), voters);
  const revision = (await db.paper.findUniqueOrThrow({ where: { id: toPublish.id } })).revisionNumber;
  const publish = await createProposal(actorOf(member), {
    kind: "PUBLISH",
    paperId: toPublish.id,
    baseRevision: revision,
    rationale: "Ready for readers.",
    publicationNote: "",
  });
  await voteAll(voters, publish.id, "SUPPORT");
  await endVoting({ proposalIds: [publish.id] });
  expect(await closeProposal(publish.id)).toBe("PUBLISHED");
  const publication = await db.publication.findFirstOrThrow({ where: { paperId: toPublish.id }, select: { id: true } });
  const session = await createAuthSession(member.id, "pathological markdown test");
  return {
    member,
    group,
    thread,
    paper,
    proposal,
    organisation,
    commissionId,
    commissioned,
    publicationId: publication.id,
    session,
  };
}

const day = (n: number) => days(n).toISOString().slice(0, 10);

type Field = { form: string; action: Action; field: string; max: number; valid: () => Record<string, string> };

function fields(): Field[] {
  const brief = () => ({
    title: "A commission title",
    question: "What should change about benefit sanctions for everyone?",
    background: "Background.",
    scope: "Scope.",
    goodAnswer: "A good answer.",
    disclosure: "What we provide.",
    contributionsOpenAt: day(1),
    draftingFrom: day(7),
    deadlineAt: day(30),
  });
  const amendForm = () => ({
    kind: "AMEND_SECTION",
    paperId: w.paper.id,
    sectionId: w.paper.sections[0]!.id,
    baseRevision: "1",
    heading: "Payments",
    body: "New section text.",
    rationale: "Because the current text is unclear.",
  });
  const briefFields = (form: string, action: Action, valid: () => Record<string, string>): Field[] =>
    (
      [
        ["background", 10_000],
        ["scope", 5_000],
        ["goodAnswer", 5_000],
        ["disclosure", 5_000],
      ] as const
    ).map(([field, max]) => ({ form, action, field, max, valid }));
  return [
    {
      form: "new thread",
      action: discussions.createThreadAction,
      field: "body",
      max: 20_000,
      valid: () => ({ groupId: w.group.id, title: "A thread title", body: "A first post." }),
    },
    {
      form: "reply",
      action: discussions.replyAction,
      field: "body",
      max: 20_000,
      valid: () => ({ threadId: w.thread.id, body: "A reply." }),
    },
    {
      form: "edit post",
      action: discussions.editPostAction,
      field: "body",
      max: 20_000,
      valid: () => ({ postId: w.thread.posts[0]!.id, body: "Edited." }),
    },
    {
      form: "comment on a paper",
      action: papers.commentOnSubjectAction,
      field: "body",
      max: 20_000,
      valid: () => ({ subject: "PAPER", subjectId: w.paper.id, body: "A comment." }),
    },
    {
      form: "new paper",
      action: papers.createPaperAction,
      field: "sections.0.body",
      max: 40_000,
      valid: () => ({
        groupId: w.group.id,
        title: "A new paper",
        question: "What should the policy be here?",
        summary: "A summary.",
        "sections.0.heading": "One",
        "sections.0.body": "Text.",
      }),
    },
    { form: "new proposal", action: proposals.createProposalAction, field: "body", max: 40_000, valid: amendForm },
    { form: "new proposal", action: proposals.createProposalAction, field: "rationale", max: 5_000, valid: amendForm },
    {
      form: "edit proposal",
      action: proposals.editProposalAction,
      field: "body",
      max: 40_000,
      valid: () => ({ ...amendForm(), proposalId: w.proposal.id }),
    },
    {
      form: "edit proposal",
      action: proposals.editProposalAction,
      field: "rationale",
      max: 5_000,
      valid: () => ({ ...amendForm(), proposalId: w.proposal.id }),
    },
    {
      form: "editorial fix",
      action: papers.editorialFixAction,
      field: "body",
      max: 40_000,
      valid: () => ({
        paperId: w.paper.id,
        sectionId: w.paper.sections[1]!.id,
        baseRevision: "1",
        heading: w.paper.sections[1]!.heading,
        body: w.paper.sections[1]!.body,
        reason: "Typo.",
      }),
    },
    {
      form: "new organisation",
      action: organisations.createOrganisationAction,
      field: "description",
      max: 5_000,
      valid: () => ({ name: "Pathological Org", kind: "CHARITY", description: "About us." }),
    },
    {
      form: "edit organisation",
      action: organisations.updateOrganisationAction,
      field: "description",
      max: 5_000,
      valid: () => ({
        organisationId: w.organisation.id,
        name: "Renamed Org",
        kind: "CHARITY",
        description: "About us.",
      }),
    },
    ...briefFields("new commission", commissions.createCommissionAction, () => ({
      organisationId: w.organisation.id,
      ...brief(),
      [`groups.${w.group.slug}`]: "on",
    })),
    ...briefFields("edit commission", commissions.updateCommissionAction, () => ({
      commissionId: w.commissionId,
      ...brief(),
    })),
    {
      form: "take a commission on",
      action: commissions.proposeAcceptanceAction,
      field: "rationale",
      max: 2_000,
      valid: () => ({ paperId: w.commissioned.id, rationale: "We should." }),
    },
    {
      form: "signed response",
      action: commissionResponses.respondToPublicationAction,
      field: "body",
      max: 10_000,
      valid: () => ({ publicationId: w.publicationId, signatoryName: "A. Person, Director", body: "Our response." }),
    },
  ];
}

beforeAll(async () => {
  await resetDatabase();
  w = await makeWorld();
  signedIn.user = {
    ...actorOf(w.member),
    sessionId: w.session,
    handle: w.member.handle,
    displayName: w.member.displayName,
  };
});

afterAll(() => stopMarkdownWorkers());

describe("pathological Markdown in every field", () => {
  it.each(fields().map((f) => [`${f.form}: ${f.field}`, f] as const))(
    "%s: each answered within a second, refused next to the field or rendered",
    async (_name, f) => {
      const failures: string[] = [];
      for (const { name, markdown } of pathologicalMarkdown(f.max)) {
        // This is about rendering, not about how often a member may post.
        await db.$executeRawUnsafe(`DELETE FROM rate_limits`);
        const {
          result: outcome,
          ms,
          stallMs,
        } = await timed(() => run(f.action, { ...f.valid(), [f.field]: markdown }));
        const where = `${name} (${markdown.length} chars)`;
        if (ms > 1_000) failures.push(`${where}: answered after ${Math.round(ms)} ms`);
        if (stallMs > 1_000) failures.push(`${where}: held this thread for ${Math.round(stallMs)} ms`);
        if (outcome.threw) {
          failures.push(`${where}: threw ${String(outcome.threw)}`);
          continue;
        }
        const state = outcome.state;
        if (!state || state.ok) continue; // accepted: rendered within bounds
        if (GENERIC_FAILURE.test(state.message ?? "")) failures.push(`${where}: 5xx-class failure: ${state.message}`);
        const fieldError = state.fieldErrors?.[f.field];
        if (state.message === "Please correct the highlighted fields." && !fieldError)
          failures.push(`${where}: field errors ${JSON.stringify(state.fieldErrors)} do not name ${f.field}`);
        if (
          fieldError &&
          !/nested|list items|columns|cells|links|mention|lines|formatting|emphasis|too complex/.test(fieldError)
        )
          failures.push(`${where}: unclear message "${fieldError}"`);
        // What the person typed comes back to them.
        if (state.values?.[f.field] !== markdown) failures.push(`${where}: the text was not kept`);
      }
      expect(failures).toEqual([]);
    },
  );

  it("reports every problem of a form at once: two Markdown fields over different limits, and a title too long", async () => {
    await db.$executeRawUnsafe(`DELETE FROM rate_limits`);
    const { state } = await run(proposals.createProposalAction, {
      kind: "AMEND_SECTION",
      paperId: w.paper.id,
      sectionId: w.paper.sections[0]!.id,
      baseRevision: "1",
      heading: "h".repeat(200),
      body: `${"> ".repeat(50)}x`,
      rationale: "[x](/a) ".repeat(400),
    });
    expect(state?.ok).toBe(false);
    expect(state?.fieldErrors).toMatchObject({
      heading: expect.stringMatching(/at most 160/),
      body: expect.stringMatching(/nested at most 8 deep; here they go 50 deep/),
      rationale: expect.stringMatching(/at most 300 links; this one has 400/),
    });
  });
});

describe("limits counted as the person sees them", () => {
  it("a post exactly at its limit, its line breaks sent as CRLF as browsers do, is accepted as the counter said", async () => {
    await db.$executeRawUnsafe(`DELETE FROM rate_limits`);
    const lines = "A line of a long post.\n".repeat(20_000 / 23); // 869 lines, LF as the textarea holds them
    const body = lines + "x".repeat(20_000 - lines.length);
    expect(body.length).toBe(20_000);
    const outcome = await run(discussions.replyAction, { threadId: w.thread.id, body: body.replaceAll("\n", "\r\n") });
    expect(outcome.state?.fieldErrors).toBeUndefined();
    expect(outcome.redirect).toContain("/posts/"); // posted: the reply's page
    const stored = await db.post.findFirstOrThrow({
      where: { threadId: w.thread.id },
      orderBy: { seq: "desc" },
      select: { bodyMarkdown: true },
    });
    expect(stored.bodyMarkdown).toBe(body);
  });
});

describe("text stored before the limits existed", () => {
  const NESTED = `${"- ".repeat(4_000)}x`;

  it("an organisation's description is shown as plain text with a notice, rendered once and quickly", async () => {
    await db.organisation.update({ where: { id: w.organisation.id }, data: { description: NESTED } });
    const first = await timed(() => getOrganisationPage(w.organisation.slug, null));
    expect(first.ms).toBeLessThan(1_000);
    expect(first.stallMs).toBeLessThan(1_000);
    const html = first.result!.organisation.descriptionHtml;
    expect(html).toContain(PLAIN_TEXT_NOTICE);
    expect(html).toContain("- - - - x");
    const stored = await db.renderedMarkdown.findMany({ where: { html }, select: { plain: true } });
    expect(stored).toEqual([{ plain: true }]);
    // Later views read what was stored.
    const second = await timed(() => getOrganisationPage(w.organisation.slug, null));
    expect(second.result!.organisation.descriptionHtml).toBe(html);
    expect(await db.renderedMarkdown.count({ where: { html } })).toBe(1);
  });

  it("a proposal's rationale, a section of the paper and a commission's brief likewise", async () => {
    await db.proposal.update({ where: { id: w.proposal.id }, data: { rationale: `${"> ".repeat(3_000)}x` } });
    await db.section.update({ where: { id: w.paper.sections[2]!.id }, data: { body: "a\n-\n".repeat(5_000) } });
    await db.commission.update({ where: { id: w.commissionId }, data: { scope: "[a](".repeat(2_000) } });
    const viewer = actorOf(w.member);
    const { result, ms, stallMs } = await timed(async () => ({
      proposal: await getProposalPage(viewer, w.proposal.id),
      paper: await getPaperPage(viewer, w.group.slug, w.paper.slug),
      commission: await getCommissionPage(null, w.commissionId),
    }));
    expect(ms).toBeLessThan(1_500);
    expect(stallMs).toBeLessThan(1_000);
    expect(result.proposal.proposal.rationaleHtml).toContain(PLAIN_TEXT_NOTICE);
    expect(result.paper.sections.find((s) => s.id === w.paper.sections[2]!.id)!.bodyHtml).toContain(PLAIN_TEXT_NOTICE);
    expect(result.paper.sections.find((s) => s.id === w.paper.sections[0]!.id)!.bodyHtml).not.toContain(
      PLAIN_TEXT_NOTICE,
    );
    expect(result.commission.html.scope).toContain(PLAIN_TEXT_NOTICE);
    expect(result.commission.html.background).not.toContain(PLAIN_TEXT_NOTICE);
  });

  it("a text is rendered once: later reads come from the store", async () => {
    const markdown = "Some **bold** text.";
    const [html] = await renderedHtml([markdown]);
    expect(html).toBe("<p>Some <strong>bold</strong> text.</p>");
    const row = await db.renderedMarkdown.findFirstOrThrow({ where: { html }, select: { key: true, plain: true } });
    expect(row.plain).toBe(false);
    // Same text, same key: a second read is one query and no render.
    await db.renderedMarkdown.update({ where: { key: row.key }, data: { html: "<p>from the store</p>" } });
    expect(await renderedHtml([markdown])).toEqual(["<p>from the store</p>"]);
  });

  it("HTML from an older renderer version is pruned by a daily job; the current version's stays", async () => {
    await db.renderedMarkdown.create({
      data: { key: "old-version-row", version: RENDERER_VERSION - 1, html: "<p>old</p>" },
    });
    const current = await db.renderedMarkdown.count({ where: { version: RENDERER_VERSION } });
    expect(PERIODIC_TASKS.find((t) => t.name === "prune-rendered-markdown")?.cron).toBe("47 4 * * *");
    expect(await pruneRenderedMarkdown()).toBe(1);
    expect(await db.renderedMarkdown.count({ where: { key: "old-version-row" } })).toBe(0);
    expect(await db.renderedMarkdown.count({ where: { version: RENDERER_VERSION } })).toBe(current);
  });
});
