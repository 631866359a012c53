import { mkdirSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { newIdentity, register } from "./fixtures";
import { expectNoSeriousViolations } from "./helpers/axe";

// Authors managing their threads (issue 17), at a laptop's and a phone's size: changing a title and
// reading its history, deleting a thread's only post, the thread after a reply, and long words.

const SIZES = [
  { name: "desktop", width: 1366, height: 768 },
  { name: "phone", width: 390, height: 844 },
] as const;

// Screenshots for a person to look at; outside the repository.
const SHOTS = process.env.SHOTS_DIR ?? "/tmp/shots-threads";
mkdirSync(SHOTS, { recursive: true });

const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

async function joinWelfareReform(page: Page) {
  await page.goto("/groups/welfare-reform");
  await page.getByRole("button", { name: "Join group" }).click();
  await expect(page.getByText("You are a member of this group.")).toBeVisible();
}

async function startThread(page: Page, title: string, body: string) {
  await page.goto("/groups/welfare-reform/threads/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Opening post").fill(body);
  await page.getByRole("button", { name: "Start discussion" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  return page.url();
}

async function reply(page: Page, body: string) {
  await page.getByRole("textbox", { name: "Your reply" }).last().fill(body);
  await page.getByRole("button", { name: "Post reply" }).last().click();
  // "?posted=1" leaves the address once the page has said so (a copied address would say it again).
  await expect(page).toHaveURL(/\/posts\/[0-9a-f-]+#post-/);
  await expect(page.getByRole("article").filter({ hasText: body })).toBeVisible();
}

for (const size of SIZES) {
  test.describe(`at ${size.name} size (${size.width}x${size.height})`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test("an author changes their thread's title and readers see the history", async ({ page }) => {
      test.setTimeout(90_000);
      const me = newIdentity("retitle");
      await register(page, me);
      await joinWelfareReform(page);
      const url = await startThread(page, `Asessment waits ${me.handle.slice(-5)}`, "How long did yours take?");

      // Cancel, and Escape, close the editor unsaved and return focus to "Edit title".
      const edit = page.getByRole("button", { name: "Edit title" });
      await edit.click();
      await page.getByRole("textbox", { name: "Title" }).fill("Not this one");
      await page.getByRole("button", { name: "Cancel", exact: true }).click();
      await expect(edit).toBeFocused();
      await expect(edit).toHaveAttribute("aria-expanded", "false");
      await expect(page.getByRole("textbox", { name: "Title" })).toHaveCount(0);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Asessment waits/);
      await page.keyboard.press("Enter");
      // Opening puts the person in the title, so Escape closes it straight away.
      await expect(page.getByRole("textbox", { name: "Title" })).toBeFocused();
      await page.keyboard.press("Escape");
      await expect(edit).toBeFocused();
      await expect(page.getByRole("textbox", { name: "Title" })).toHaveCount(0);

      await edit.click();
      const field = page.getByRole("textbox", { name: "Title" });
      await expect(field).toHaveValue(/^Asessment waits/);
      const fixed = `Assessment waits ${me.handle.slice(-5)}`;
      await field.fill(fixed);
      await page.getByRole("button", { name: "Save title" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(fixed);
      await expect(page.getByRole("status").filter({ hasText: "The title is changed." })).toBeVisible();
      await expect(page.getByRole("button", { name: "Edit title" })).toBeFocused();
      await expect(page.getByRole("button", { name: "Edit title" })).toHaveAttribute("aria-expanded", "false");
      await expectNoSeriousViolations(page, "thread page");
      await page.screenshot({ path: `${SHOTS}/thread-retitled-${size.name}.png`, fullPage: true });

      await page.getByRole("link", { name: "title changed" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Title history" })).toBeVisible();
      const change = page.getByRole("listitem").filter({ hasText: `${me.displayName} changed the title` });
      await expect(change.getByRole("deletion")).toHaveText(`Asessment waits ${me.handle.slice(-5)}`);
      await expect(change.getByRole("insertion")).toHaveText(fixed);
      await expectNoSeriousViolations(page, "title history");
      await page.screenshot({ path: `${SHOTS}/title-history-${size.name}.png`, fullPage: true });
      // Old links keep working: the address is the thread's id, not its title.
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(fixed);
    });

    test("deleting a thread's only post removes the thread; deleting a reply closes the confirmation", async ({
      page,
    }) => {
      test.setTimeout(90_000);
      const me = newIdentity("deleter");
      await register(page, me);
      await joinWelfareReform(page);

      // A reply deleted: the confirmation closes and the page says so, where the focus now is.
      await startThread(page, `Keeps its replies ${me.handle.slice(-5)}`, "An opening post that stays.");
      await reply(page, "A reply I will take back.");
      const mine = page.getByRole("article").filter({ hasText: "A reply I will take back." });
      await mine.getByRole("button", { name: "Delete" }).click();
      await mine.getByRole("button", { name: "Delete this post" }).click();
      const deleted = page.getByRole("status").filter({ hasText: "Your post is deleted." });
      await expect(deleted).toBeFocused();
      await expect(page.getByRole("button", { name: "Delete this post" })).toHaveCount(0);
      await expect(page.getByText("Deleted by its author.")).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/reply-deleted-${size.name}.png`, fullPage: true });

      // The only post of a thread deleted: the thread goes from the group's list, its address is not found.
      const title = `Posted by mistake ${me.handle.slice(-5)}`;
      const url = await startThread(page, title, "Oops, wrong group.");
      const opening = page.getByRole("article").filter({ hasText: "Oops, wrong group." });
      await opening.getByRole("button", { name: "Delete" }).click();
      await expect(opening.getByText("Nobody has replied, so the thread will be deleted too.")).toBeVisible();
      await opening.getByRole("button", { name: "Delete this post" }).click();
      await expect(page).toHaveURL(/\/groups\/welfare-reform\?thread-deleted=1/);
      await expect(page.getByRole("status").filter({ hasText: "its thread is deleted too" })).toBeVisible();
      await expect(page.getByRole("link", { name: title })).toHaveCount(0);
      await expectNoSeriousViolations(page, "group page after a thread is deleted");
      await page.screenshot({ path: `${SHOTS}/group-after-thread-deleted-${size.name}.png`, fullPage: true });
      const response = await page.goto(url);
      expect(response?.status()).toBe(404);
    });

    test("after a reply in a short thread, the whole thread shows, scrolled to the new reply", async ({ page }) => {
      test.setTimeout(120_000);
      const me = newIdentity("replier");
      await register(page, me);
      await joinWelfareReform(page);
      await startThread(page, `Five posts ${me.handle.slice(-5)}`, "The opening post, with the question.");
      for (let n = 2; n <= 5; n++) await reply(page, `Post number ${n} in a long enough paragraph.`);

      await reply(page, "The sixth post, just written.");
      await expect(page.getByRole("status").filter({ hasText: "Your reply is posted." })).toBeVisible();
      await expect(page.getByRole("article").filter({ hasText: "The opening post, with the question." })).toBeVisible();
      await expect(page.getByRole("article").filter({ hasText: "The sixth post, just written." })).toBeInViewport();
      // The focus is on the new reply, so the keyboard and screen readers carry on from there.
      await expect(page.locator("li:focus")).toContainText("The sixth post, just written.");
      await expect(page.getByText("Showing the thread at the linked post.")).toHaveCount(0);
      await expect(page.getByRole("link", { name: /First posts|Earlier posts/ })).toHaveCount(0);
      // One's own reply is not news to oneself.
      await expect(
        page
          .getByRole("article")
          .filter({ hasText: "The sixth post, just written." })
          .getByText("New", { exact: true }),
      ).toHaveCount(0);
      // The message is in sight, in the new reply, not at the top of the page.
      await expect(page.getByRole("status").filter({ hasText: "Your reply is posted." })).toBeInViewport();
      await expectNoSeriousViolations(page, "thread after a reply");
      await page.screenshot({ path: `${SHOTS}/after-reply-${size.name}.png` });
      // Back shows the thread as it is now, with the reply, not a copy from before it.
      await page.goBack();
      await expect(page.getByRole("article").filter({ hasText: "The sixth post, just written." })).toBeVisible();
    });

    test("a 300-character word in a title and a body does not widen the page", async ({ page, browser }) => {
      test.setTimeout(150_000);
      const me = newIdentity("longword");
      await register(page, me);
      await joinWelfareReform(page);
      const word = `${me.handle}${"x".repeat(200 - me.handle.length)}`;
      const long = `${word}${"y".repeat(300 - word.length)}`.slice(0, 200);
      const body = `${me.handle} ${"z".repeat(300)} and a link https://example.org/${"a".repeat(280)}\n\n\`${"c".repeat(300)}\``;
      const url = await startThread(page, long, body);
      expect(await noSideways(page)).toBeLessThanOrEqual(size.width);
      await page.screenshot({ path: `${SHOTS}/long-word-thread-${size.name}.png`, fullPage: true });
      await reply(page, `${"w".repeat(300)}`);
      expect(await noSideways(page)).toBeLessThanOrEqual(size.width);

      await page.goto("/groups/welfare-reform?sort=newest");
      await expect(page.getByRole("link", { name: long })).toBeVisible();
      expect(await noSideways(page)).toBeLessThanOrEqual(size.width);
      await page.screenshot({ path: `${SHOTS}/long-word-group-${size.name}.png`, fullPage: true });

      await page.goto(`/search?q=${me.handle}`);
      await expect(page.getByRole("link", { name: long })).toBeVisible();
      expect(await noSideways(page)).toBeLessThanOrEqual(size.width);
      await page.screenshot({ path: `${SHOTS}/long-word-search-${size.name}.png`, fullPage: true });

      // Someone else replies: the author's notification quotes the title.
      const other = await (
        await browser.newContext({ viewport: { width: size.width, height: size.height } })
      ).newPage();
      await register(other, newIdentity("answerer"));
      await joinWelfareReform(other);
      await other.goto(url);
      await reply(other, "An answer from someone else.");
      await page.goto("/notifications");
      await expect(page.getByRole("button", { name: /posted in/ }).first()).toBeVisible();
      expect(await noSideways(page)).toBeLessThanOrEqual(size.width);
      await page.screenshot({ path: `${SHOTS}/long-word-notifications-${size.name}.png`, fullPage: true });

      await page.goto(url);
      await page.getByRole("button", { name: "Edit title" }).click();
      await page.getByRole("textbox", { name: "Title" }).fill(`${long.slice(0, 150)} changed`);
      await page.getByRole("button", { name: "Save title" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${long.slice(0, 150)} changed`);
      await page.getByRole("link", { name: "title changed" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Title history" })).toBeVisible();
      expect(await noSideways(page)).toBeLessThanOrEqual(size.width);
      await page.screenshot({ path: `${SHOTS}/long-word-history-${size.name}.png`, fullPage: true });
    });
  });
}

// Issue 15: with JavaScript the composer's form goes to the reply fast path (POST /api/forms/reply,
// answered before Next), which answers with the new post's address, and the page goes there itself;
// nothing of the thread is rendered into the answer. Without JavaScript the form goes to the Server
// Action, which redirects to the same place.
test("a reply's answer carries no rendered thread, and without JavaScript the form post is redirected to the new reply", async ({
  page,
  browser,
  context,
}) => {
  test.setTimeout(120_000);
  const me = newIdentity("quickreply");
  await register(page, me);
  await joinWelfareReform(page);
  const url = await startThread(page, `Quick replies ${me.handle.slice(-5)}`, "The opening post, asking about waits.");

  // The answer, read on its way to the page (the page moves on as soon as it has it).
  let answer: { status: number; headers: Record<string, string>; body: string } | undefined;
  await page.route("**/api/forms/reply", async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    answer = { status: response.status(), headers: response.headers(), body };
    await route.fulfill({ response, body });
  });
  await reply(page, "A reply posted with JavaScript running.");
  if (!answer) throw new Error("The reply's form was not seen going to /api/forms/reply");
  const { body } = answer;
  expect(answer.status).toBe(200);
  expect(answer.headers["x-fast-path"]).toBe("reply");
  expect(JSON.parse(body)).toMatchObject({ ok: true, navigateTo: expect.stringContaining("?posted=1#post-") });
  expect(body).not.toContain("The opening post, asking about waits.");
  expect(body.length).toBeLessThan(2_000);
  await expect(page.getByRole("status").filter({ hasText: "Your reply is posted." })).toBeVisible();
  await expect(page.locator("li:focus")).toContainText("A reply posted with JavaScript running.");
  await expect(page.getByRole("textbox", { name: "Your reply" }).last()).toHaveValue("");

  const noJs = await browser.newContext({ storageState: await context.storageState(), javaScriptEnabled: false });
  const plain = await noJs.newPage();
  await plain.goto(url);
  await plain.getByRole("textbox", { name: "Your reply" }).last().fill("A reply posted without JavaScript.");
  await plain.getByRole("button", { name: "Post reply" }).last().click();
  await expect(plain).toHaveURL(/\/posts\/.+\?posted=1#post-/);
  await expect(plain.getByRole("status").filter({ hasText: "Your reply is posted." })).toBeVisible();
  await expect(plain.getByRole("article").filter({ hasText: "A reply posted without JavaScript." })).toBeVisible();
  await noJs.close();
});

// A session that ends while a reply is being written: the text stays, and the message offers the way
// back (a sign-in link that returns to the thread), as the stranger test asked.
test("a reply sent after the session ended keeps its text and offers a sign-in link back to the thread", async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  const me = newIdentity("ended");
  await register(page, me);
  await joinWelfareReform(page);
  const url = await startThread(page, `Ended sessions ${me.handle.slice(-5)}`, "Opening post for an ended session.");
  await context.clearCookies();
  const box = page.getByRole("textbox", { name: "Your reply" }).last();
  await box.fill("Written before the session ended.");
  await page.getByRole("button", { name: "Post reply" }).last().click();
  const alert = page.getByRole("alert").filter({ hasText: "Your session has ended." });
  await expect(alert).toBeVisible();
  await expect(alert).toBeFocused();
  const path = new URL(url).pathname;
  await expect(alert.getByRole("link", { name: "Sign in" })).toHaveAttribute(
    "href",
    `/signin?callbackUrl=${encodeURIComponent(path)}`,
  );
  await expect(box).toHaveValue("Written before the session ended.");
});
