// The signed-in thread page as the stranger's test (report 15b) found it: a reaction without
// JavaScript comes back to the post; with a keyboard the focus stays on the pressed button and
// the result is announced; a stale tab's press shows the true state; "New" marks what a later
// window holds; "Your reply is posted." is only the author's; a cursor past the end says so; and
// someone who left the group may still delete their own post.
import { type Browser, expect, type Page, test } from "@playwright/test";
import { newIdentity, register, signedIn, sql } from "./fixtures";
import { expectNoSeriousViolations } from "./helpers/axe";

/** A thread of `posts` top-level posts by gus in Welfare reform, written straight to the database. */
async function makeThread(posts: number, title: string) {
  const [group] = await sql<{ id: string }>(`SELECT id FROM "Group" WHERE slug = 'welfare-reform'`);
  const [writer] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE handle = 'gus'`);
  const [thread] = await sql<{ id: string }>(
    `INSERT INTO "Thread" ("groupId", title, "authorId", "postCount", "lastSeq")
     VALUES ($1, $2, $3, $4, $4) RETURNING id`,
    [group!.id, title, writer!.id, posts],
  );
  await sql(
    `INSERT INTO "Post" ("threadId", seq, "sortKey", "authorId", "bodyMarkdown", "bodyHtml")
     SELECT $1, s, lpad(s::text, 7, '0'), $2, 'Post ' || s || ' of the thread.', '<p>Post ' || s || ' of the thread.</p>'
     FROM generate_series(1, $3::int) s`,
    [thread!.id, writer!.id, posts],
  );
  const rows = await sql<{ id: string; seq: number }>(`SELECT id, seq FROM "Post" WHERE "threadId" = $1 ORDER BY seq`, [
    thread!.id,
  ]);
  return { id: thread!.id, writerId: writer!.id, postIds: rows.map((r) => r.id) };
}

/** Another post by gus at the end of the thread, as if written while the reader was away. */
async function addPost(thread: { id: string; writerId: string }, seq: number) {
  await sql(
    `INSERT INTO "Post" ("threadId", seq, "sortKey", "authorId", "bodyMarkdown", "bodyHtml")
     VALUES ($1, $2::int, lpad($2::int::text, 7, '0'), $3, 'Post ' || $2::int || ' of the thread.',
             '<p>Post ' || $2::int || ' of the thread.</p>')`,
    [thread.id, seq, thread.writerId],
  );
  await sql(`UPDATE "Thread" SET "postCount" = $2::int, "lastSeq" = $2::int WHERE id = $1`, [thread.id, seq]);
}

const articleOf = (page: Page, seq: number) =>
  page.getByRole("article").filter({ has: page.getByText(`Post ${seq} of the thread.`, { exact: true }) });

async function withoutJavaScript(browser: Browser, signedInPage: Page) {
  const context = await browser.newContext({
    storageState: await signedInPage.context().storageState(),
    javaScriptEnabled: false,
  });
  return context.newPage();
}

test("a reaction without JavaScript is redirected (303) back to the post, and a reload does not press again", async ({
  browser,
}) => {
  const thread = await makeThread(45, "Forty-five posts on sanctions");
  const member = await signedIn(browser, "kwame");
  const plain = await withoutJavaScript(browser, member);
  await plain.goto(`/threads/${thread.id}?after=0000020`);
  const target = thread.postIds[24]!; // the 25th post
  const statuses: number[] = [];
  plain.on("response", (response) => {
    if (response.request().method() === "POST") statuses.push(response.status());
  });
  await articleOf(plain, 25)
    .getByRole("button", { name: /^Agree: 0$/ })
    .click();
  await expect(plain).toHaveURL(`/threads/${thread.id}/posts/${target}#post-${target}`);
  expect(statuses).toEqual([303]);
  await expect(articleOf(plain, 25).getByRole("button", { name: "Agree: 1, you marked this" })).toBeVisible();

  await plain.reload();
  expect(statuses).toEqual([303]);
  await expect(articleOf(plain, 25).getByRole("alert")).toHaveCount(0);
  await expect(articleOf(plain, 25).getByRole("button", { name: "Agree: 1, you marked this" })).toBeVisible();
  const [row] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Reaction" WHERE "postId" = $1`, [target]);
  expect(row!.n).toBe(1);
  await plain.context().close();
  await member.context().close();
});

test("with a keyboard, the focus stays on the pressed button, the result is announced, and a quick second press counts", async ({
  browser,
}) => {
  const thread = await makeThread(3, "Three posts on waiting times");
  const member = await signedIn(browser, "kwame");
  await member.goto(`/threads/${thread.id}`);
  const post = articleOf(member, 2);
  const agree = post.locator('button[name="reaction"][value^="AGREE"]');
  await agree.focus();
  await member.keyboard.press("Space");
  await expect(agree).toHaveAttribute("aria-pressed", "true");
  await expect(agree).toBeFocused();
  await expect(post.getByRole("status")).toHaveText("You marked this post “agree”. Agree: 1.");
  // Enter on the same button takes it back.
  await member.keyboard.press("Enter");
  await expect(agree).toHaveAttribute("aria-pressed", "false");
  await expect(agree).toBeFocused();
  await expect(post.getByRole("status")).toHaveText("You took back your “agree”. Agree: 0.");

  // Two quick taps on Useful: on, then off again; neither is dropped.
  const useful = post.locator('button[name="reaction"][value^="USEFUL"]');
  await useful.click();
  await useful.click();
  await expect(useful).toHaveAttribute("aria-pressed", "false");
  await expect(post.getByRole("status")).toHaveText("You took back your “useful”. Useful: 0.");
  const [row] = await sql<{ n: number; useful: number }>(
    `SELECT (SELECT count(*)::int FROM "Reaction" WHERE "postId" = $1) AS n,
            (SELECT "usefulCount" FROM "Post" WHERE id = $1) AS useful`,
    [thread.postIds[1]],
  );
  expect(row).toEqual({ n: 0, useful: 0 });
  await member.context().close();
});

test("a press from a tab out of date shows the true state, not an error", async ({ browser }) => {
  const thread = await makeThread(2, "Two posts on assessments");
  const first = await signedIn(browser, "kwame");
  const second = await first.context().newPage();
  await first.goto(`/threads/${thread.id}`);
  await second.goto(`/threads/${thread.id}`);
  await articleOf(first, 2)
    .getByRole("button", { name: /^Agree: 0$/ })
    .click();
  await expect(articleOf(first, 2).getByRole("button", { name: "Agree: 1, you marked this" })).toBeVisible();

  await articleOf(second, 2)
    .getByRole("button", { name: /^Agree: 0$/ })
    .click();
  await expect(articleOf(second, 2).getByRole("button", { name: "Agree: 1, you marked this" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  // No refusal beside the buttons (the page's other alert is Next's route announcer, empty).
  await expect(articleOf(second, 2).getByRole("alert")).toHaveCount(0);
  await first.context().close();
});

test("“New” marks the replies a reader has not been shown, window by window", async ({ browser }) => {
  const thread = await makeThread(45, "Forty-five posts on the five-week wait");
  const reader = await signedIn(browser, "kwame");
  await reader.goto(`/threads/${thread.id}?page=last`);
  await expect(articleOf(reader, 45)).toBeVisible();
  // A reply at the end while the reader is away; they open only the first page.
  await addPost(thread, 46);
  await reader.goto(`/threads/${thread.id}`);
  await expect(reader.getByText("New", { exact: true })).toHaveCount(0);
  // The latest posts show it as new (it was never shown), and only it.
  await reader.goto(`/threads/${thread.id}?page=last`);
  await expect(articleOf(reader, 46).getByText("New", { exact: true })).toBeVisible();
  await expect(reader.getByText("New", { exact: true })).toHaveCount(1);
  // Seen now: not new again.
  await reader.reload();
  await expect(articleOf(reader, 46)).toBeVisible();
  await expect(reader.getByText("New", { exact: true })).toHaveCount(0);
  await reader.context().close();
});

test("“Your reply is posted.” is only its author's, and leaves the address once shown", async ({ browser }) => {
  const thread = await makeThread(2, "Two posts on letters");
  const address = `/threads/${thread.id}/posts/${thread.postIds[1]}?posted=1`;
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(address);
  await expect(articleOf(stranger, 2)).toBeVisible();
  await expect(stranger.getByText("Your reply is posted.")).toHaveCount(0);
  await stranger.context().close();

  const member = await signedIn(browser, "kwame");
  await member.goto(`/threads/${thread.id}`);
  await member.getByRole("textbox", { name: "Your reply" }).last().fill("A reply of kwame's own.");
  await member.getByRole("button", { name: "Post reply" }).last().click();
  await expect(member.getByRole("status").filter({ hasText: "Your reply is posted." })).toBeVisible();
  await expect(member).toHaveURL(/\/posts\/[0-9a-f-]+#post-[0-9a-f-]+$/);
  await member.context().close();
});

test("a cursor past either end of the thread says so and offers the first and latest posts", async ({ page }) => {
  const thread = await makeThread(45, "Forty-five posts on work coaches");
  for (const cursor of ["after=99999999", "before=0000001"]) {
    await page.goto(`/threads/${thread.id}?${cursor}`);
    await expect(page.getByRole("status").filter({ hasText: "There are no posts at this point" })).toBeVisible();
    await expect(page.locator('a[href*="null"]')).toHaveCount(0);
    await page.getByRole("link", { name: "Latest posts" }).first().click();
    await expect(articleOf(page, 45)).toBeVisible();
  }
});

test("someone who left the group is offered Delete, not Edit, on their own post", async ({ page }) => {
  const thread = await makeThread(1, "One post on reassessments");
  const identity = newIdentity("leaver");
  await register(page, identity, "Service user");
  await page.goto("/groups/welfare-reform");
  await page.getByRole("button", { name: "Join group" }).click();
  await expect(page.getByText("You are a member of this group.")).toBeVisible();
  await page.goto(`/threads/${thread.id}`);
  await page.getByRole("textbox", { name: "Your reply" }).last().fill("Words I may take back later.");
  await page.getByRole("button", { name: "Post reply" }).last().click();
  const mine = page.getByRole("article").filter({ hasText: "Words I may take back later." });
  await expect(mine.getByRole("button", { name: "Edit" })).toBeVisible();

  await sql(
    `DELETE FROM "Membership" WHERE "userId" = (SELECT id FROM "User" WHERE handle = $1)
       AND "groupId" = (SELECT id FROM "Group" WHERE slug = 'welfare-reform')`,
    [identity.handle],
  );
  await page.goto(`/threads/${thread.id}`);
  await expect(mine.getByRole("button", { name: "Edit" })).toHaveCount(0);
  await mine.getByRole("button", { name: "Delete" }).click();
  await mine.getByRole("button", { name: "Delete this post" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your post is deleted." })).toBeVisible();
});

test("a hidden post's text keeps its contrast for moderators, quotes included", async ({ browser }) => {
  const thread = await makeThread(2, "Two posts, one hidden");
  await sql(
    `UPDATE "Post" SET status = 'HIDDEN', "statusReason" = 'Under review',
       "bodyHtml" = '<p>The hidden text.</p><blockquote><p>A quoted line inside it.</p></blockquote>'
     WHERE id = $1`,
    [thread.postIds[1]],
  );
  const moderator = await signedIn(browser, "ivan");
  await moderator.goto(`/threads/${thread.id}`);
  await expect(moderator.getByText("A quoted line inside it.")).toBeVisible();
  await expectNoSeriousViolations(moderator, "a hidden post, as a moderator sees it");
  await moderator.context().close();
});

test("reaction buttons are 44px touch targets on a phone", async ({ browser }) => {
  const thread = await makeThread(2, "Two posts, read on a phone");
  const member = await signedIn(browser, "kwame");
  await member.setViewportSize({ width: 390, height: 844 });
  await member.goto(`/threads/${thread.id}`);
  for (const name of [/^Agree: 0$/, /^Useful: 0$/]) {
    const box = await articleOf(member, 2).getByRole("button", { name }).boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(44);
  }
  await member.context().close();
});
