import { type Browser, expect, type Page, test } from "@playwright/test";
import { newIdentity, register, signIn } from "./fixtures";
import { expectNoSeriousViolations } from "./helpers/axe";

// Issue 17's small inconsistencies, as a reader meets them at laptop and phone sizes: sessions
// named by device, discussion results with an excerpt, one deadline in the same words everywhere.

const SIZES = [
  { name: "desktop", viewport: { width: 1366, height: 768 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;
/** Screenshots for people to look at; outside the repository. */
const SHOTS = process.env.CONSISTENCY_SHOTS ?? "/tmp/shots-consistency";

const ANDROID_CHROME =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
const IPHONE_SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

/** Each size in turn: the page checked by axe and photographed. */
async function atBothSizes(page: Page, name: string, check: (size: string) => Promise<void>) {
  for (const size of SIZES) {
    await page.setViewportSize(size.viewport);
    await page.reload();
    await check(size.name);
    await expectNoSeriousViolations(page, `${name} at ${size.name}`);
    await page.screenshot({ path: `${SHOTS}/${name}-${size.name}.png`, fullPage: true });
  }
}

async function signInAs(browser: Browser, who: { email: string; password: string }, userAgent: string) {
  const context = await browser.newContext({ userAgent });
  const page = await context.newPage();
  await signIn(page, who.email, who.password);
  return context;
}

test("the sessions list names each browser by its device, with what it sent one click away", async ({
  browser,
  page,
}) => {
  test.setTimeout(120_000);
  const who = newIdentity("dev");
  await register(page, who);
  const phones = [await signInAs(browser, who, ANDROID_CHROME), await signInAs(browser, who, IPHONE_SAFARI)];

  await page.goto("/settings/security");
  const list = page.getByRole("list", { name: /Signed-in browsers/ });
  await atBothSizes(page, "sessions", async () => {
    await expect(list.getByText("Chrome on Android", { exact: true })).toBeVisible();
    await expect(list.getByText("Safari on iPhone", { exact: true })).toBeVisible();
    // This browser (Playwright's desktop Chrome) is named too, and marked.
    await expect(list.getByText("(this browser)")).toBeVisible();
    await expect(list.getByText(/Mozilla\/5\.0/).first()).toBeHidden();
  });

  // The raw string, for telling two alike apart, by keyboard.
  const android = list.getByRole("listitem").filter({ hasText: "Chrome on Android" });
  await android.getByText("What the browser sent").focus();
  await page.keyboard.press("Enter");
  await expect(android.getByText(ANDROID_CHROME)).toBeVisible();
  await expect(android.locator("time[datetime][title]").first()).toHaveAttribute(
    "title",
    /^\d{1,2} \w+ \d{4}, \d\d:\d\d UTC$/,
  );
  for (const context of phones) await context.close();
});

test("a discussion found by its title shows an excerpt of its opening post, the query's words marked", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const who = newIdentity("srch");
  await register(page, who);
  await page.goto("/groups/welfare-reform");
  await page.getByRole("button", { name: "Join group" }).click();
  await expect(page.getByText("You are a member of this group.")).toBeVisible();
  const word = `Wagtail${who.handle.slice(-6)}`;
  await page.getByRole("link", { name: "Start a discussion" }).click();
  await page.getByLabel("Title").fill(`${word} and the sanctions review`);
  await page
    .getByLabel("Opening post")
    .fill("Three people at our drop-in were sanctioned for missing calls they were never told about.");
  await page.getByRole("button", { name: "Start discussion" }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(word) })).toBeVisible();

  // Signed out, as most readers search.
  await page.context().clearCookies();
  await page.goto(`/search?q=${encodeURIComponent(word)}`);
  const hit = page.getByRole("listitem").filter({ hasText: word });
  await atBothSizes(page, "search", async () => {
    await expect(hit.getByRole("link", { name: new RegExp(word) })).toBeVisible();
    await expect(hit.getByText(/Three people at our drop-in were sanctioned/)).toBeVisible();
  });

  // A word of the post itself is marked in its excerpt.
  await page.goto(`/search?q=${encodeURIComponent(`${word} sanctioned`)}`);
  await expect(
    page.getByRole("listitem").filter({ hasText: word }).locator("p mark", { hasText: "sanctioned" }),
  ).toBeVisible();
});

test("a proposal's deadline reads the same on its paper and on its own page, with the exact time to hand", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const paper = "/groups/welfare-reform/papers/ending-the-five-week-wait-for-universal-credit";
  await page.goto(paper);
  const line = page
    .getByRole("region", { name: "Recommendations" })
    .getByRole("listitem")
    .filter({ hasText: /closes / })
    .first();
  const onPaper = line.locator("time");
  await expect(onPaper).toHaveText(/^closes in \d+ (minute|hour|day)s?$/);
  const words = await onPaper.textContent();
  const exact = await onPaper.getAttribute("title");
  await line.getByRole("link", { name: /^#\d+/ }).click();
  await expect(page).toHaveURL(/\/proposals\//);
  await atBothSizes(page, "proposal", async () => {
    const onProposal = page.locator("time", { hasText: /^closes / }).first();
    await expect(onProposal).toHaveText(words ?? "");
    await expect(onProposal).toHaveAttribute("title", exact ?? "");
  });
  await page.goto(paper);
  await atBothSizes(page, "paper", async (size) => {
    const region = page.getByRole("region", { name: "Recommendations" });
    await expect(region.locator("time").first()).toHaveText(words ?? "");
    await region.screenshot({ path: `${SHOTS}/paper-recommendations-${size}.png` });
  });
});
