import { type APIRequestContext, expect, type Locator, test } from "@playwright/test";
import { pathologicalMarkdown } from "../tests/fixtures/pathological-markdown";
import { newIdentity, register, sql } from "./fixtures";

// Markdown built to be costly to render, through the production server as a person would send it:
// each is refused before it is rendered, with a message next to the field (the text kept), and
// other visitors' pages keep answering meanwhile. Text stored before the limits existed is shown as
// plain text with a notice to signed-out visitors. The time bounds here only tell a stalled server
// from a working one on a busy machine; speed is measured by npm run bench. tests/integration/
// pathological-markdown.test.ts does every field of every form; this proves the real server.

/**
 * Puts text into a field at once, as pasting does. Playwright's fill() types text with many lines
 * in time that grows with the square of the lines in Chromium (2,000 lines: 15 s, in any page).
 */
async function paste(field: Locator, text: string) {
  await field.evaluate((element, value) => {
    const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")!.set!;
    setValue.call(element, value);
    element.dispatchEvent(new Event("input", { bubbles: true }));
  }, text);
}

/** Fetches a simple page over and over until stopped; returns the slowest answer in ms. */
function keepFetching(request: APIRequestContext, path: string) {
  let stop = false;
  let slowest = 0;
  let count = 0;
  const done = (async () => {
    while (!stop) {
      const started = Date.now();
      const response = await request.get(path);
      expect(response.status()).toBe(200);
      slowest = Math.max(slowest, Date.now() - started);
      count += 1;
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return async () => {
    stop = true;
    await done;
    return { slowest, count };
  };
}

test("costly Markdown in a reply is refused before rendering, the text is kept, and other pages keep answering", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const who = newIdentity("patho");
  await register(page, who);
  await page.goto("/groups/welfare-reform");
  await page.getByRole("button", { name: "Join group" }).click();
  await expect(page.getByText("You are a member of this group.")).toBeVisible();
  const [thread] = await sql<{ id: string }>(
    `SELECT t.id FROM "Thread" t JOIN "Group" g ON g.id = t."groupId" WHERE g.slug = 'welfare-reform' AND t.subject = 'GROUP' AND t."lockedAt" IS NULL ORDER BY t."createdAt" LIMIT 1`,
  );
  await page.goto(`/threads/${thread!.id}`);

  const stopFetching = keepFetching(request, "/privacy");
  const byName = new Map(pathologicalMarkdown(20_000).map((p) => [p.name, p.markdown]));
  const cases: [string, RegExp][] = [
    ["nested list markers, 10,000 deep", /nested at most 8 deep/],
    ["nested quotes (quote10k)", /nested at most 8 deep/],
    ["10,000 list items", /at most 500 list items/],
    ["1,000-column table", /at most 30 columns/],
    ["5,000 links", /at most 300 links/],
    ["5,000 mentions", /mention at most 20 people/],
    ["setext underlines", /list items|lines/],
    ["bracket soup", /too much formatting/],
    ["10,000 paragraphs", /at most 2,000 lines/],
  ];
  const composer = page.getByRole("textbox", { name: "Your reply" }).first();
  for (const [name, message] of cases) {
    const markdown = byName.get(name)!;
    await paste(composer, markdown);
    const started = Date.now();
    await page.getByRole("button", { name: "Post reply" }).first().click();
    await expect(page.getByText(message).first()).toBeVisible();
    expect(Date.now() - started, `${name}: answered after`).toBeLessThan(5_000);
    // What the person typed is still there to fix.
    await expect(page.getByRole("textbox", { name: "Your reply" }).first()).toHaveValue(markdown);
  }
  const { slowest, count } = await stopFetching();
  expect(count).toBeGreaterThan(5);
  expect(slowest, "slowest /privacy answer meanwhile (ms)").toBeLessThan(5_000);
  // Nothing was posted.
  const [{ n }] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Post" p JOIN "User" u ON u.id = p."authorId" WHERE u.handle = $1`,
    [who.handle],
  );
  expect(n).toBe(0);
});

test("an organisation description stored before the limits is shown to signed-out visitors as plain text", async ({
  request,
}) => {
  const nested = `${"- ".repeat(4_000)}x`;
  const [org] = await sql<{ slug: string }>(
    `INSERT INTO "Organisation" (slug, name, kind, description) VALUES ($1, 'Legacy Nesting Trust', 'CHARITY', $2) RETURNING slug`,
    [`legacy-${Date.now().toString(36)}`, nested],
  );
  const stopFetching = keepFetching(request, "/privacy");
  for (let i = 0; i < 3; i++) {
    const started = Date.now();
    const response = await request.get(`/organisations/${org!.slug}`);
    expect(response.status()).toBe(200);
    expect(Date.now() - started, `view ${i + 1} answered after`).toBeLessThan(5_000);
    const html = await response.text();
    expect(html).toContain("This text is shown without formatting");
    expect(html).toContain("- - - - x");
  }
  const { slowest } = await stopFetching();
  expect(slowest, "slowest /privacy answer meanwhile (ms)").toBeLessThan(5_000);
  // Rendered (as plain text) once, then read.
  const rows = await sql<{ plain: boolean }>(`SELECT plain FROM "RenderedMarkdown" WHERE html LIKE '%- - - - x%'`);
  expect(rows).toEqual([{ plain: true }]);
});
