import { expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./fixtures";
import { expectNoSeriousViolations } from "./helpers/axe";

// Automated WCAG checks with axe on the main pages; serious and critical findings fail the test.
// A page must answer 200 first: an error or "not found" page passing axe says nothing about the page.
async function expectPathAccessible(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} answered`).toBe(200);
  await expectNoSeriousViolations(page, path);
}

const DEMO_PAPER = "/groups/welfare-reform/papers/ending-the-five-week-wait-for-universal-credit";

/** The demo paper's open proposal, found the way a reader would: in its section's open proposals. */
async function openProposalPath(page: Page) {
  await page.goto(DEMO_PAPER);
  await page.getByRole("region", { name: "Recommendations" }).getByRole("link", { name: /^#\d+/ }).first().click();
  await expect(page).toHaveURL(/\/proposals\//);
  return new URL(page.url()).pathname;
}

test("public pages have no serious accessibility violations", async ({ page }) => {
  // About twenty pages, each analysed by axe: slow on a busy two-core machine.
  test.setTimeout(180_000);
  for (const path of [
    "/",
    "/register",
    "/signin",
    "/groups",
    "/groups/welfare-reform",
    "/groups/welfare-reform/log",
    "/people/amara",
    "/privacy",
  ]) {
    await expectPathAccessible(page, path);
  }
  // A paper as readers see it: the draft, its history, a comparison, provenance and a proposal.
  for (const path of [
    "/groups/welfare-reform/papers",
    DEMO_PAPER,
    `${DEMO_PAPER}/history`,
    `${DEMO_PAPER}/compare?from=1&to=4`,
    `${DEMO_PAPER}/sections/what-claimants-tell-us/provenance`,
    // The published version, its provenance for readers, the library and search.
    `${DEMO_PAPER}/v/1`,
    `${DEMO_PAPER}/v/1/sections/recommendations`,
    "/library",
    "/search?q=advance",
  ]) {
    await expectPathAccessible(page, path);
  }
  await expectPathAccessible(page, await openProposalPath(page));
});

test("paper, proposal and vote pages have no serious accessibility violations for members", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "amara@example.org", DEMO_PASSWORD);
  for (const path of [
    "/groups/welfare-reform/papers/new",
    `${DEMO_PAPER}/propose?kind=AMEND_SECTION&section=the-problem`,
    `${DEMO_PAPER}/propose?kind=ADD_SECTION`,
    `${DEMO_PAPER}/propose?kind=RETITLE`,
    `${DEMO_PAPER}/rules`,
    `${DEMO_PAPER}/sections/the-problem/fix`,
    "/settings/data",
    "/settings/account",
  ]) {
    await expectPathAccessible(page, path);
  }
  // The proposal page with its vote form, before and after voting. Amara voted Support in the demo
  // seed: she casts it again as it stands (same choice, same reason), so the demo's tallies stay.
  const proposal = await openProposalPath(page);
  await expectPathAccessible(page, proposal);
  const form = page.getByRole("form", { name: "Your vote" });
  await expect(form.getByRole("radio", { name: /^Support/ })).toBeChecked();
  await form.getByRole("button", { name: "Change my vote" }).click();
  await expect(page.getByText("Your vote is recorded.")).toBeVisible();
  await expectNoSeriousViolations(page, `${proposal}, after voting`);
});

/** The demo charity's commission page, found the way a reader would: from the organisation. */
async function demoCommissionPath(page: Page) {
  await page.goto("/organisations/riverside-advice-trust");
  await page.getByRole("link", { name: "Making benefit sanctions fairer" }).first().click();
  await expect(page).toHaveURL(/\/commissions\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname;
}

test("organisation and commission pages have no serious accessibility violations, and reflow at 320 px", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await (await browser.newContext()).newPage();
  await signIn(page, "nadia@example.org", DEMO_PASSWORD);
  const commission = await demoCommissionPath(page);
  const paper = "/groups/guerilla-manifesto/papers/making-benefit-sanctions-fairer";
  const pages = [
    "/organisations",
    "/organisations/riverside-advice-trust",
    "/organisations/riverside-advice-trust/settings",
    "/organisations/riverside-advice-trust/commissions/new",
    commission,
    `${commission}/edit`,
    `${commission}/dashboard`,
    `${commission}/invitations`,
    paper,
  ];
  for (const path of pages) await expectPathAccessible(page, path);
  await page.setViewportSize({ width: 320, height: 700 });
  for (const path of pages) {
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  }
  // The group's owner sees the paper with the decline link, and the decline form.
  const owner = await (await browser.newContext()).newPage();
  await signIn(owner, "fatima@example.org", DEMO_PASSWORD);
  await expectPathAccessible(owner, paper);
  await expectPathAccessible(owner, `${paper}/decline`);
});

test("a member can vote with the keyboard alone, with focus visible", async ({ page }) => {
  await signIn(page, "fatima@example.org", DEMO_PASSWORD);
  const proposal = await openProposalPath(page);
  await page.goto(proposal);
  const support = page.getByRole("radio", { name: /^Support/ });
  await support.focus();
  await page.keyboard.press("Space");
  await expect(support).toBeChecked();
  const outline = await support.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline, "focused controls show an outline").not.toBe("none");
  const submit = page.getByRole("button", { name: /my vote/ });
  await submit.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Your vote is recorded.")).toBeVisible();
});

test("the skip link moves focus to the content", async ({ page }) => {
  await page.goto(DEMO_PAPER);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
});

test("member and moderator pages have no serious accessibility violations", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, "ivan@example.org", DEMO_PASSWORD);
  for (const path of [
    "/settings/profile",
    "/settings/security",
    "/notifications",
    "/groups/new",
    "/groups/welfare-reform/threads/new",
    "/groups/welfare-reform/members",
    "/groups/welfare-reform/moderation",
  ]) {
    await expectPathAccessible(page, path);
  }
  // A thread with posts, as a moderator sees it (report and moderation menus included).
  await page.goto("/groups/welfare-reform/threads/new");
  await page.getByLabel("Title").fill("Accessibility check thread");
  await page.getByLabel("Opening post").fill("A post with a [link](https://example.org) and a list:\n\n- one\n- two");
  await page.getByRole("button", { name: "Start discussion" }).click();
  await expect(page).toHaveURL(/\/threads\//);
  await expectPathAccessible(page, page.url().replace(/^https?:\/\/[^/]+/, ""));
});

test("a post with a wide table reflows at 320 px: the table scrolls in its own box, the page does not", async ({
  browser,
}) => {
  const author = await (await browser.newContext()).newPage();
  await signIn(author, "fatima@example.org", DEMO_PASSWORD);
  await author.goto("/groups/welfare-reform/threads/new");
  await author.getByLabel("Title").fill(`Wide table ${Date.now().toString(36)}`);
  const columns = Array.from({ length: 20 }, (_, i) => `Column ${i + 1}`);
  const table = [
    `| ${columns.join(" | ")} |`,
    `|${columns.map(() => "---").join("|")}|`,
    `| ${columns.map((_, i) => `value ${i}`).join(" | ")} |`,
  ];
  await author.getByLabel("Opening post").fill(`Waiting times by area:\n\n${table.join("\n")}`);
  await author.getByRole("button", { name: "Start discussion" }).click();
  // The form's own address (/groups/…/threads/new) also holds "/threads/": wait for the thread's.
  await expect(author).toHaveURL(/\/threads\/[0-9a-f-]{36}/);
  await expect(author.locator(".post-body table")).toBeVisible();
  const thread = author.url().replace(/^https?:\/\/[^/]+/, "");
  await author.context().close();

  const context = await browser.newContext({ viewport: { width: 320, height: 700 } });
  const page = await context.newPage();
  await page.goto(thread);
  const widths = await page.evaluate(() => {
    const table = document.querySelector(".post-body table") as HTMLElement;
    return {
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      table: table.scrollWidth - table.clientWidth,
    };
  });
  expect(widths.page, "the page scrolls sideways").toBeLessThanOrEqual(0);
  expect(widths.table, "the table scrolls inside its box").toBeGreaterThan(0);
  await expect(page.getByRole("table")).toBeVisible();
  await context.close();
});

test("pages reflow at 320 px wide without horizontal scrolling", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 700 } });
  const page = await context.newPage();
  for (const path of [
    "/",
    "/register",
    "/groups",
    "/groups/welfare-reform",
    "/groups/welfare-reform/members",
    "/groups/welfare-reform/log",
    "/privacy",
    DEMO_PAPER,
    `${DEMO_PAPER}/history`,
    `${DEMO_PAPER}/compare?from=1&to=4`,
    `${DEMO_PAPER}/sections/what-claimants-tell-us/provenance`,
  ]) {
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  }
  // The writing forms, with their Markdown toolbars, signed in as a member.
  await signIn(page, "amara@example.org", DEMO_PASSWORD);
  for (const path of ["/groups/welfare-reform/papers/new", "/groups/welfare-reform/threads/new"]) {
    await page.goto(path);
    await expect(page.getByRole("toolbar").first()).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  }
  await context.close();
});

test("paper pages work at 200 % zoom (a 1280 px screen is 640 CSS px wide)", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  for (const path of [
    DEMO_PAPER,
    `${DEMO_PAPER}/history`,
    `${DEMO_PAPER}/v/1`,
    "/search?q=advance",
    await openProposalPath(page),
  ]) {
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${path} scrolls sideways by ${overflow}px at 200 %`).toBeLessThanOrEqual(0);
  }
  await context.close();
});
