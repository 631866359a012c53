import { expect, type Page, test } from "@playwright/test";
import { newIdentity, register } from "./fixtures";
import { expectNoSeriousViolations } from "./helpers/axe";

async function joinWelfareReform(page: Page) {
  await page.goto("/groups/welfare-reform");
  await page.getByRole("button", { name: "Join group" }).click();
  await expect(page.getByText("You are a member of this group.")).toBeVisible();
}

function postByText(page: Page, text: string) {
  return page.getByRole("article").filter({ hasText: text }).first();
}

test("a member deletes their account with anonymisation: the thread stays, their post shows as by a former member, and the old password no longer works", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const leaverContext = await browser.newContext();
  const leaver = await leaverContext.newPage();
  const who = newIdentity("leaver");
  await register(leaver, who, "Service user");
  await joinWelfareReform(leaver);

  const title = `Waiting six weeks for a first payment ${who.handle.slice(-5)}`;
  await leaver.getByRole("link", { name: "Start a discussion" }).click();
  await leaver.getByLabel("Title").fill(title);
  await leaver.getByLabel("Opening post").fill("We waited six weeks with two children and no money.");
  await leaver.getByRole("button", { name: "Start discussion" }).click();
  await expect(leaver.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const threadUrl = leaver.url();

  // Someone answers, so there is a thread to keep intact.
  const replierContext = await browser.newContext();
  const replier = await replierContext.newPage();
  const replierId = newIdentity("replier");
  await register(replier, replierId, "Practitioner");
  await joinWelfareReform(replier);
  await replier.goto(threadUrl);
  await postByText(replier, "We waited six weeks").getByRole("button", { name: "Reply" }).click();
  await replier
    .getByRole("textbox", { name: "Your reply" })
    .first()
    .fill("Ask for an advance payment: it is your right.");
  await replier.getByRole("button", { name: "Post reply" }).first().click();
  await expect(replier).toHaveURL(/\/posts\//);

  // The settings page leads to the form; a wrong password deletes nothing and keeps the choice.
  await leaver.goto("/settings/profile");
  await leaver.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Delete account" }).click();
  await expect(leaver.getByRole("heading", { level: 1, name: "Delete your account" })).toBeVisible();
  await expectNoSeriousViolations(leaver);
  await leaver.getByRole("radio", { name: /Keep my posts/ }).check();
  await leaver.getByLabel("Your password").fill("not-my-password-at-all");
  await leaver.getByLabel("I understand that deleting my account cannot be undone.").check();
  await leaver.getByRole("button", { name: "Delete my account" }).click();
  await expect(
    leaver.getByRole("alert").filter({ hasText: "Your password is not right, so nothing was deleted." }),
  ).toBeFocused();
  await expect(leaver.getByRole("radio", { name: /Keep my posts/ })).toBeChecked();
  await expect(leaver.getByLabel("I understand that deleting my account cannot be undone.")).toBeChecked();
  await expect(leaver.getByLabel("Your password")).toHaveValue("");

  await leaver.getByLabel("Your password").fill(who.password);
  await leaver.getByRole("button", { name: "Delete my account" }).click();
  await expect(leaver).toHaveURL(/\/goodbye/);
  await expect(leaver.getByRole("heading", { level: 1, name: "Your account is deleted" })).toBeVisible();
  await expect(leaver.getByText("Your posts stay in their discussions, shown as by “Former member”.")).toBeVisible();
  await expect(leaver.getByRole("link", { name: "Sign in" })).toBeVisible();
  // Signed out in this browser too: the session cookie is gone, not just its row.
  expect((await leaverContext.cookies()).map((c) => c.name).filter((n) => n.includes("session-token"))).toEqual([]);
  await expectNoSeriousViolations(leaver);

  // The thread is intact: the post is there, by "Former member", with the reply under it.
  await replier.goto(threadUrl);
  const opening = postByText(replier, "We waited six weeks with two children");
  await expect(opening).toBeVisible();
  await expect(opening.getByText("Former member", { exact: true })).toBeVisible();
  await expect(replier.getByRole("link", { name: who.displayName })).toHaveCount(0);
  await expect(
    postByText(replier, "Ask for an advance payment").getByRole("link", { name: replierId.displayName }),
  ).toBeVisible();
  await expect(replier.getByText("2 posts")).toBeVisible();

  // Their old profile address is gone, and the old credentials no longer sign in.
  const profile = await replier.goto(`/people/${who.handle}`);
  expect(profile?.status()).toBe(404);
  await leaver.goto("/signin");
  await leaver.getByLabel("Email").fill(who.email);
  await leaver.getByLabel("Password").fill(who.password);
  await leaver.getByRole("button", { name: "Sign in" }).click();
  await expect(leaver.getByRole("alert").filter({ hasText: "The email or password is incorrect." })).toBeVisible();
  await expect(leaver.getByRole("button", { name: "Sign out" })).toHaveCount(0);

  await leaverContext.close();
  await replierContext.close();
});

test("the privacy page is linked from every page and says what is stored, why, for how long, and how to delete", async ({
  page,
}) => {
  await page.goto("/groups");
  await page.getByRole("contentinfo").getByRole("link", { name: "Privacy: what we store and why" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Privacy: what we store and why" })).toBeVisible();
  for (const heading of [
    "Your account",
    "Your profile",
    "What you write, and your votes",
    "Signed-in browsers",
    "Counters that stop abuse",
    "Server logs",
  ]) {
    await expect(page.getByRole("heading", { level: 3, name: heading })).toBeVisible();
  }
  await expect(page.getByRole("link", { name: "Your data" })).toHaveAttribute("href", "/settings/data");
  await expect(page.getByRole("link", { name: "Delete account" })).toHaveAttribute("href", "/settings/account");
  await expectNoSeriousViolations(page);
});
