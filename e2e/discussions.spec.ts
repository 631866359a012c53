import { expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD, newIdentity, register, signIn } from "./fixtures";

async function joinWelfareReform(page: Page) {
  await page.goto("/groups/welfare-reform");
  await page.getByRole("button", { name: "Join group" }).click();
  await expect(page.getByText("You are a member of this group.")).toBeVisible();
}

function postByText(page: Page, text: string) {
  return page.getByRole("article").filter({ hasText: text }).first();
}

test("two members discuss, one reports a post, a moderator hides it with a reason, and the log shows it", async ({
  browser,
}) => {
  // Three people and a dozen round trips: more than the default budget on a busy two-core machine.
  test.setTimeout(120_000);
  const aliceContext = await browser.newContext();
  const alice = await aliceContext.newPage();
  const aliceId = newIdentity("alice");
  await register(alice, aliceId, "Practitioner");
  await joinWelfareReform(alice);

  const title = `Assessments that miss fluctuating conditions ${aliceId.handle.slice(-5)}`;
  await alice.getByRole("link", { name: "Start a discussion" }).click();
  await alice.getByLabel("Title").fill(title);
  await alice
    .getByLabel("Opening post")
    .fill("Work capability assessments often happen on a **good day**.\n\nWhat have you seen?");
  await alice.getByRole("button", { name: "Start discussion" }).click();
  await expect(alice.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const threadUrl = alice.url();

  const bobContext = await browser.newContext();
  const bob = await bobContext.newPage();
  const bobId = newIdentity("bob");
  await register(bob, bobId, "Service user");
  await joinWelfareReform(bob);
  await bob.goto(threadUrl);

  // A reaction, counted and shown as pressed.
  const opening = postByText(bob, "What have you seen?");
  await opening.getByRole("button", { name: /^Agree/ }).click();
  await expect(opening.getByRole("button", { name: /^Agree: 1, you marked this/ })).toBeVisible();

  // A nested reply that mentions Alice.
  await opening.getByRole("button", { name: "Reply" }).click();
  await bob
    .getByRole("textbox", { name: "Your reply" })
    .first()
    .fill(`Mine was on a good day too. @${aliceId.handle} is that usual?`);
  await bob.getByRole("button", { name: "Post reply" }).first().click();
  await expect(bob).toHaveURL(/\/posts\//);
  const bobReply = postByText(bob, "Mine was on a good day too.");
  await expect(bobReply.getByRole("link", { name: `@${aliceId.handle}` })).toHaveAttribute(
    "href",
    `/people/${aliceId.handle}`,
  );

  // Alice is notified once, and quotes Bob in a reply to his post.
  await alice.goto("/notifications");
  const replyNotice = alice.getByRole("button", { name: new RegExp(`replied to you in “${title}”`) });
  await expect(replyNotice).toHaveCount(1);
  // Following it opens the reply in place and marks it read.
  await replyNotice.click();
  await expect(alice).toHaveURL(/\/threads\/.+\/posts\//);
  await alice.goto("/notifications");
  await expect(alice.getByRole("listitem").filter({ hasText: "replied to you" }).getByText("(unread)")).toHaveCount(0);
  await alice.goto(threadUrl);
  await postByText(alice, "Mine was on a good day too.").getByRole("button", { name: "Quote" }).click();
  const composer = alice.getByRole("textbox", { name: "Your reply" }).first();
  await expect(composer).toHaveValue(/^> Mine was on a good day too\./);
  await composer.press("End");
  await composer.pressSequentially("Yes, and honestly you people never listen.");
  await alice.getByRole("button", { name: "Post reply" }).first().click();
  await expect(alice).toHaveURL(/\/posts\//);
  const quoted = postByText(alice, "you people never listen");
  await expect(quoted.locator("blockquote")).toContainText("Mine was on a good day too.");

  // Bob reports Alice's reply.
  await bob.goto(threadUrl);
  const offending = postByText(bob, "you people never listen");
  await offending.getByText("Report", { exact: true }).click();
  await offending.getByLabel("What is wrong with this post?").fill("Dismissive of claimants; not a personal story.");
  await offending.getByRole("button", { name: "Send report" }).click();
  // The report's own status (the reaction buttons beside it have one too).
  await expect(offending.getByTestId(/^report-post-/).getByRole("status")).toBeVisible();

  // A moderator of the group reviews it and hides it with a reason.
  const modContext = await browser.newContext();
  const mod = await modContext.newPage();
  await signIn(mod, "ivan@example.org", DEMO_PASSWORD);
  await mod.goto("/groups/welfare-reform/moderation");
  const item = mod.getByRole("article").filter({ hasText: "Dismissive of claimants" });
  await expect(item).toBeVisible();
  await item.getByLabel("Why hide it? (shown in its place)").fill("Please keep it civil");
  await item.getByRole("button", { name: "Hide post" }).click();
  await expect(mod.getByText("Dismissive of claimants")).toHaveCount(0);

  // Readers see the marker and the reason, and the reply tree is intact.
  await bob.goto(threadUrl);
  await expect(bob.getByText("Hidden by the moderators: Please keep it civil")).toBeVisible();
  await expect(bob.getByText("you people never listen")).toHaveCount(0);
  await expect(bob.getByText("Mine was on a good day too.").first()).toBeVisible();

  // The author is told what happened and why.
  await alice.goto("/notifications");
  await expect(
    alice.getByRole("button", { name: /The moderators hid your post .*: Please keep it civil/ }),
  ).toBeVisible();

  // Moderation in the open: the log says who, what and why.
  await bob.goto("/groups/welfare-reform/log");
  await expect(bob.getByText(/hid a post/).first()).toBeVisible();
  await expect(bob.getByText("Please keep it civil").first()).toBeVisible();

  await aliceContext.close();
  await bobContext.close();
  await modContext.close();
});

test("bad input in discussions keeps what was typed and says what is wrong", async ({ page }) => {
  const who = newIdentity("carol");
  await register(page, who);
  await joinWelfareReform(page);
  await page.goto("/groups/welfare-reform/threads/new");
  await page.getByLabel("Title").fill("Hi");
  await page.getByRole("button", { name: "Start discussion" }).click();
  await expect(page.getByText("Title must be at least 3 characters.")).toBeVisible();
  await expect(page.getByText("Write something first.")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue("Hi");
});

test("signed-out readers can read open groups' threads but not approval groups' ones", async ({ page }) => {
  await page.goto("/groups/welfare-reform");
  await expect(page.getByRole("heading", { name: "Discussions" })).toBeVisible();
  await page.goto("/groups/miscarriage-care");
  await expect(page.getByText("Discussions and papers in this group are visible to members only")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Discussions" })).toHaveCount(0);
});
