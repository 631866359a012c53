// What a member's thread page weighs (issue 15): a 30-post thread, as the benchmark's signed-in
// scenario shows it. The HTML's size is reported (an annotation, and the log) rather than bounded:
// it moves with the markup, and a bound would break on harmless changes. What is asserted is the
// shape that made it heavy: one reaction form per post, each with both reaction buttons.
import { expect, test } from "@playwright/test";
import { signedIn, sql } from "./fixtures";

test("a member's 30-post thread page has one reaction form per post, which works with and without JavaScript", async ({
  browser,
}) => {
  const [group] = await sql<{ id: string }>(`SELECT id FROM "Group" WHERE slug = 'welfare-reform'`);
  const [writer] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE handle = 'gus'`);
  const [thread] = await sql<{ id: string }>(
    `INSERT INTO "Thread" ("groupId", title, "authorId", "postCount", "lastSeq")
     VALUES ($1, 'Thirty posts on assessment letters', $2, 30, 30) RETURNING id`,
    [group!.id, writer!.id],
  );
  await sql(
    `INSERT INTO "Post" ("threadId", seq, "sortKey", "authorId", "bodyMarkdown", "bodyHtml")
     SELECT $1, s, lpad(s::text, 7, '0'), $2, 'Post ' || s || ' about the letters.',
            '<p>Post ' || s || ' about the letters.</p>'
     FROM generate_series(1, 30) s`,
    [thread!.id, writer!.id],
  );

  const member = await signedIn(browser, "ben_k");
  const response = await member.request.get(`/threads/${thread!.id}`);
  expect(response.status()).toBe(200);
  const html = await response.text();
  const bytes = Buffer.byteLength(html);
  test.info().annotations.push({ type: "thread page bytes (30 posts, a member)", description: String(bytes) });
  console.log(`thread page (30 posts, a member): ${bytes} bytes of HTML`);

  await member.goto(`/threads/${thread!.id}`);
  const posts = member.getByRole("article");
  await expect(posts).toHaveCount(30);
  for (const post of [posts.first(), posts.last()]) {
    await expect(post.locator("form:has(button[aria-pressed])")).toHaveCount(1);
    await expect(post.getByRole("button", { name: /^Agree: 0$/ })).toBeVisible();
    await expect(post.getByRole("button", { name: /^Useful: 0$/ })).toBeVisible();
  }

  // With JavaScript: the pressed button says which reaction, and pressing it again takes it back.
  const last = posts.last();
  await last.getByRole("button", { name: /^Useful: 0$/ }).click();
  await expect(last.getByRole("button", { name: "Useful: 1, you marked this" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(last.getByRole("button", { name: /^Agree: 0$/ })).toHaveAttribute("aria-pressed", "false");
  await last.getByRole("button", { name: "Useful: 1, you marked this" }).click();
  await expect(last.getByRole("button", { name: /^Useful: 0$/ })).toHaveAttribute("aria-pressed", "false");

  // Without JavaScript the same form is a plain POST of the pressed button.
  const noJs = await browser.newContext({
    storageState: await member.context().storageState(),
    javaScriptEnabled: false,
  });
  const plain = await noJs.newPage();
  await plain.goto(`/threads/${thread!.id}`);
  await plain
    .getByRole("article")
    .first()
    .getByRole("button", { name: /^Agree: 0$/ })
    .click();
  await plain.goto(`/threads/${thread!.id}`);
  await expect(
    plain.getByRole("article").first().getByRole("button", { name: "Agree: 1, you marked this" }),
  ).toBeVisible();
  await noJs.close();
});
