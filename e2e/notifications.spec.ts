import { expect, type Page, test } from "@playwright/test";
import pg from "pg";
import { newIdentity, register } from "./fixtures";

/** Notifications for a person, written straight into the database (what they say does not matter here). */
async function notify(handle: string, items: { text: string; url: string }[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const ids: string[] = [];
    for (const item of items) {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO "Notification" (id, "userId", kind, text, url) SELECT gen_random_uuid(), id, 'MODERATION', $2, $3 FROM "User" WHERE handle = $1 RETURNING id`,
        [handle, item.text, item.url],
      );
      ids.push(rows[0]!.id);
    }
    return ids;
  } finally {
    await client.end();
  }
}

const item = (page: Page, text: string) => page.getByRole("listitem").filter({ hasText: text });
const unreadCount = (page: Page) =>
  page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: /^Notifications/ });

test("a notification opens in one click, by mouse, keyboard or without JavaScript; only that marks it read", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  const who = newIdentity("bell");
  await register(page, who, "Service user");
  const [byGet, , , withoutJs] = await notify(who.handle, [
    { text: "Opened by an old link", url: "/library" },
    { text: "Opened with the mouse", url: "/groups/welfare-reform" },
    { text: "Opened with the keyboard", url: "/organisations" },
    { text: "Opened without JavaScript", url: "/privacy" },
  ]);
  await page.goto("/notifications");
  await expect(unreadCount(page)).toHaveAccessibleName(/4 unread/);

  // An old GET link still leads there, but reading changes nothing.
  await page.goto(`/notifications/${byGet}`);
  await expect(page).toHaveURL(/\/library$/);
  await page.goto("/notifications");
  await expect(item(page, "Opened by an old link").getByText("(unread)")).toHaveCount(1);
  await expect(unreadCount(page)).toHaveAccessibleName(/4 unread/);

  // Each item is a button that reads like a link: one click marks it read and goes there.
  await page.getByRole("button", { name: /Opened with the mouse/ }).click();
  await expect(page).toHaveURL(/\/groups\/welfare-reform$/);
  await page.goto("/notifications");
  await expect(item(page, "Opened with the mouse").getByText("(unread)")).toHaveCount(0);
  await expect(unreadCount(page)).toHaveAccessibleName(/3 unread/);

  // By keyboard: reach it with Tab, press Enter.
  const keyboardButton = page.getByRole("button", { name: "Opened with the keyboard (unread)" });
  for (let i = 0; i < 40 && !(await keyboardButton.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  await expect(keyboardButton).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/organisations$/);

  // Without JavaScript: a plain form post, answered with a redirect.
  const noJs = await browser.newContext({ storageState: await context.storageState(), javaScriptEnabled: false });
  const plain = await noJs.newPage();
  await plain.goto("/notifications");
  await plain.getByRole("button", { name: /Opened without JavaScript/ }).click();
  await expect(plain).toHaveURL(/\/privacy$/);
  await plain.goto("/notifications");
  await expect(plain.getByRole("listitem").getByText("(unread)")).toHaveCount(1); // only the old-link one
  await expect(item(plain, "Opened by an old link").getByText("(unread)")).toHaveCount(1);

  // Someone else's notification leads nowhere and marks nothing.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await register(otherPage, newIdentity("nosy"));
  await otherPage.goto(`/notifications/${withoutJs}`);
  await expect(otherPage).toHaveURL(/\/notifications$/);

  await noJs.close();
  await other.close();
  await context.close();
});
