import { expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD, newIdentity, register, sql } from "./fixtures";
import { expectNoSeriousViolations } from "./helpers/axe";
import { mailTo } from "./mail";

// The header on a laptop (one row, however long the name) and on a phone (a compact bar and a
// Menu button), by keyboard; and every "Sign in" returning to the page it was clicked on.

const LAPTOP = { width: 1366, height: 768 };
const SMALL_LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const TABLET = { width: 1024, height: 768 }; // the smallest width with the full row
const LONGEST_NAME = "Dr Margaret-Anne Featherstonehaugh-Whittingham, Community RN"; // 60 characters, the limit

/** A confirmed member with the longest display name allowed, site admin (one more link), with unread notices. */
async function busiestMember(page: Page) {
  const who = { ...newIdentity("hdr"), displayName: LONGEST_NAME };
  await register(page, who);
  await sql(`UPDATE "User" SET "siteRole" = 'ADMIN' WHERE handle = $1`, [who.handle]);
  for (let i = 0; i < 12; i++)
    await sql(
      `INSERT INTO "Notification" (id, "userId", kind, text, url) SELECT gen_random_uuid(), id, 'MODERATION', $2, '/groups' FROM "User" WHERE handle = $1`,
      [who.handle, `Notice ${i}`],
    );
  return who;
}

async function aThreadPath() {
  const [thread] = await sql<{ id: string }>(
    `SELECT t.id FROM "Thread" t JOIN "Group" g ON g.id = t."groupId"
     WHERE g.slug = 'welfare-reform' AND t.subject = 'GROUP' AND t."lockedAt" IS NULL ORDER BY t."createdAt" LIMIT 1`,
  );
  return `/threads/${thread!.id}`;
}

const header = (page: Page) => page.getByRole("banner");
const menuButton = (page: Page) => header(page).getByRole("button", { name: "Menu" });

async function signInOnForm(page: Page, email: string, password: string) {
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("on a laptop the header is one row, signed in with the longest name, unread notices and the admin link", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await busiestMember(page);
  for (const size of [LAPTOP, SMALL_LAPTOP, TABLET]) {
    await page.setViewportSize(size);
    await page.goto("/groups");
    const account = page.getByRole("navigation", { name: "Account" });
    await expect(account.getByRole("link", { name: "Admin" })).toBeVisible();
    await expect(account.getByRole("link", { name: /admin/i })).toHaveCount(1);
    await expect(account.getByRole("link", { name: "Notifications 12 unread" })).toBeVisible();
    await expect(menuButton(page)).toBeHidden();
    const first = await header(page).getByRole("link", { name: "Policy Commons" }).boundingBox();
    const last = await account.getByRole("button", { name: "Sign out" }).boundingBox();
    const groups = await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Groups" })
      .boundingBox();
    // One row: the first and last items share a line, and the bar is no taller than one 44 px target and its padding.
    expect(Math.abs(first!.y + first!.height / 2 - (last!.y + last!.height / 2)), `${size.width}px`).toBeLessThan(4);
    expect(Math.abs(first!.y + first!.height / 2 - (groups!.y + groups!.height / 2))).toBeLessThan(4);
    expect((await header(page).boundingBox())!.height).toBeLessThanOrEqual(64);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Groups" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
    await expectNoSeriousViolations(page, `signed in at ${size.width}px`);
  }
});

test("on a phone the Menu button opens and closes the menu by keyboard alone, and nothing runs wider than the screen", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await busiestMember(page); // at the desktop size, where the register fixture looks for the name
  await page.setViewportSize(PHONE);
  await page.goto("/");
  const button = menuButton(page);
  await expect(button).toHaveAttribute("aria-expanded", "false");
  const panel = page.locator(`#${await button.getAttribute("aria-controls")}`);
  await expect(panel).toBeHidden();
  // Closed, the bar is one row: the site name, search, the bell with its count, and Menu.
  expect((await header(page).boundingBox())!.height).toBeLessThan(100);
  await expect(header(page).getByRole("link", { name: "Notifications 12 unread" })).toBeVisible();
  await expect(header(page).getByRole("link", { name: "Search", exact: true })).toBeVisible();
  const box = await button.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
  await expectNoSeriousViolations(page, "phone, menu closed");

  // Keyboard only: Tab to the button, open it, step into the links, Escape back to the button.
  for (let i = 0; i < 10 && !(await button.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  await expect(button).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("link", { name: LONGEST_NAME })).toBeVisible();
  await expect(panel.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expectNoSeriousViolations(page, "phone, menu open");
  await page.keyboard.press("Tab");
  await expect(panel.getByRole("link", { name: "Groups" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(panel).toBeHidden();
  await expect(button).toBeFocused();

  // Tab past the menu's last control, or Shift+Tab back before the button: focus has left, the menu closes.
  await page.keyboard.press("Enter");
  await panel.getByRole("button", { name: "Sign out" }).focus();
  await page.keyboard.press("Tab");
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(panel).toBeHidden();
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Shift+Tab");
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await button.focus();

  // A link in the menu goes where it says and the menu closes behind it.
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/groups$/);
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(panel).toBeHidden();
  await button.click();
  await expect(panel.getByRole("link", { name: "Groups" })).toHaveAttribute("aria-current", "page");
  // Searching from the menu.
  await panel.getByRole("searchbox", { name: "Search papers and discussions" }).fill("housing");
  await panel.getByRole("searchbox", { name: "Search papers and discussions" }).press("Enter");
  await expect(page).toHaveURL(/\/search\?q=housing/);
  await expect(panel).toBeHidden();
  await expect(header(page).getByRole("link", { name: "Search", exact: true })).toHaveAttribute("aria-current", "page");

  const [paper] = await sql<{ slug: string }>(
    `SELECT p.slug FROM "Paper" p JOIN "Group" g ON g.id = p."groupId" WHERE g.slug = 'welfare-reform' LIMIT 1`,
  );
  for (const path of [
    "/",
    "/groups/welfare-reform",
    await aThreadPath(),
    `/groups/welfare-reform/papers/${paper!.slug}`,
    "/settings/profile",
    "/search?q=housing",
    "/notifications",
  ]) {
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(PHONE.width);
  }
  // The narrowest screen WCAG's reflow asks for: the bar still fits, the button keeps its name.
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto("/");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expect(menuButton(page)).toBeVisible();
});

test("signed out on a phone: the menu holds Sign in and Register, and the page passes axe open and closed", async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await page.goto("/groups/welfare-reform");
  expect((await header(page).boundingBox())!.height).toBeLessThan(100);
  await expectNoSeriousViolations(page, "signed out, phone, closed");
  await menuButton(page).click();
  const account = page.getByRole("navigation", { name: "Account" });
  await expect(account.getByRole("link", { name: "Sign in" })).toHaveAttribute(
    "href",
    "/signin?callbackUrl=%2Fgroups%2Fwelfare-reform",
  );
  await expect(account.getByRole("link", { name: "Register" })).toHaveAttribute(
    "href",
    "/register?callbackUrl=%2Fgroups%2Fwelfare-reform",
  );
  await expectNoSeriousViolations(page, "signed out, phone, open");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
});

test("signed out on a laptop the header passes axe", async ({ page }) => {
  await page.setViewportSize(LAPTOP);
  await page.goto("/library");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Library" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expectNoSeriousViolations(page, "signed out, laptop");
});

test("the header's Sign in returns to the thread, and to a search with its query, after signing in", async ({
  page,
}) => {
  const thread = await aThreadPath();
  await page.goto(thread);
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }).click();
  await signInOnForm(page, "amara@example.org", DEMO_PASSWORD);
  await expect(page).toHaveURL(new RegExp(`${thread}$`));
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  // On a phone, from the menu, with a query; the page was reached by a client-side navigation.
  const other = await page.context().browser()!.newContext({ viewport: PHONE });
  const phone = await other.newPage();
  await phone.goto("/");
  await menuButton(phone).click();
  await phone.getByRole("searchbox", { name: "Search papers and discussions" }).fill("universal credit");
  await phone.getByRole("searchbox", { name: "Search papers and discussions" }).press("Enter");
  await expect(phone).toHaveURL(/\/search\?q=universal/);
  await menuButton(phone).click();
  await phone.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }).click();
  await signInOnForm(phone, "amara@example.org", DEMO_PASSWORD);
  await expect(phone).toHaveURL(/\/search\?q=universal\+credit$/);
  await other.close();
});

test("'Sign in to reply' returns to the thread, and Sign in on the sign-in page keeps the return", async ({ page }) => {
  const thread = await aThreadPath();
  await page.goto(thread);
  await page.getByText("to reply.").getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  // Clicking the header's Sign in (or Register) here must not make the sign-in page its own return.
  await expect(
    page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }),
  ).toHaveAttribute("href", `/signin?callbackUrl=${encodeURIComponent(thread)}`);
  await signInOnForm(page, "amara@example.org", DEMO_PASSWORD);
  await expect(page).toHaveURL(new RegExp(`${thread}$`));
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});

test("a return to an auth page is dropped: signing in from /signin?callbackUrl=/register lands on the home page", async ({
  page,
}) => {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("/register")}`);
  await signInOnForm(page, "amara@example.org", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/$/);
});

test("Register from a thread returns to it, and so does confirming the address afterwards", async ({ page }) => {
  test.setTimeout(60_000);
  const thread = await aThreadPath();
  const who = newIdentity("back");
  await page.goto(thread);
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Register" }).click();
  await expect(page.getByText("Once your account is ready you go back to the page you came from.")).toBeVisible();
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Username").fill(who.handle);
  await page.getByLabel("Password", { exact: true }).fill(who.password);
  await page.getByLabel("Repeat password").fill(who.password);
  await page.getByLabel("Display name").fill(who.displayName);
  await page.getByRole("radio", { name: "Service user", exact: true }).check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(new RegExp(`${thread}$`));
  await expect(page.getByText("Confirm your email address to post, propose and vote.")).toBeVisible();

  const mail = await mailTo(who.email, "Confirm your email address");
  expect(mail.link).toContain(`callbackUrl=${encodeURIComponent(thread)}`);
  await page.goto(mail.link!);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByText("Your email address is confirmed.")).toBeVisible();
  await page.getByRole("link", { name: "Go back to the page you came from" }).click();
  await expect(page).toHaveURL(new RegExp(`${thread}$`));
  await expect(page.getByText("Confirm your email address to post, propose and vote.")).toHaveCount(0);
});

test("without JavaScript the phone's Menu is a link that shows the menu, and Sign in still returns", async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/groups/welfare-reform");
  const menu = header(page).getByRole("link", { name: "Menu" });
  await expect(page.locator("#site-menu")).toBeHidden();
  await menu.click();
  await expect(page.locator("#site-menu")).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }),
  ).toHaveAttribute("href", "/signin?callbackUrl=%2Fgroups%2Fwelfare-reform");
  // A thread, reached by a plain link: its "Sign in" returns there too, with no script to fix it up.
  const threadHref = await page.locator('main a[href^="/threads/"]').first().getAttribute("href");
  await page.goto(threadHref ?? "/");
  await expect(
    page.getByRole("navigation", { name: "Account", includeHidden: true }).getByRole("link", {
      name: "Sign in",
      includeHidden: true,
    }),
  ).toHaveAttribute("href", `/signin?callbackUrl=${encodeURIComponent(threadHref ?? "")}`);
  await context.close();
});
