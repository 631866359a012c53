import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./fixtures";

// Automated WCAG checks with axe on the main pages; serious and critical findings fail the test.
async function expectNoSeriousViolations(page: Page, path: string) {
  await page.goto(path);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`), path).toEqual([]);
}

test("public pages have no serious accessibility violations", async ({ page }) => {
  for (const path of ["/", "/register", "/signin", "/groups", "/groups/welfare-reform", "/groups/welfare-reform/log", "/people/amara"]) {
    await expectNoSeriousViolations(page, path);
  }
});

test("member and moderator pages have no serious accessibility violations", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, "ivan@example.org", DEMO_PASSWORD);
  for (const path of ["/settings/profile", "/settings/security", "/notifications", "/groups/new", "/groups/welfare-reform/threads/new", "/groups/welfare-reform/members", "/groups/welfare-reform/moderation"]) {
    await expectNoSeriousViolations(page, path);
  }
  // A thread with posts, as a moderator sees it (report and moderation menus included).
  await page.goto("/groups/welfare-reform/threads/new");
  await page.getByLabel("Title").fill("Accessibility check thread");
  await page.getByLabel("Opening post").fill("A post with a [link](https://example.org) and a list:\n\n- one\n- two");
  await page.getByRole("button", { name: "Start discussion" }).click();
  await expect(page).toHaveURL(/\/threads\//);
  await expectNoSeriousViolations(page, page.url().replace(/^https?:\/\/[^/]+/, ""));
});

test("pages reflow at 320 px wide without horizontal scrolling", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 700 } });
  const page = await context.newPage();
  for (const path of ["/", "/register", "/groups", "/groups/welfare-reform", "/groups/welfare-reform/members", "/groups/welfare-reform/log"]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  }
  await context.close();
});
