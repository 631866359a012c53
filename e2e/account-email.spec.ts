import { expect, test } from "@playwright/test";
import { newIdentity, register, signIn } from "./fixtures";
import { mailTo } from "./mail";

// A new member's account journeys through the email the app sends (captured as .eml files, as on a
// machine without a mail server): confirming the address, resetting a forgotten password, and
// moving the account to a new address.

test("a new member is told to confirm, can ask for the link again, and takes part once confirmed", async ({ page }) => {
  const who = newIdentity("conf");
  await register(page, who, "Service user", { confirm: false });
  const banner = page.getByText("Confirm your email address to post, propose and vote.");
  await expect(banner).toBeVisible();

  await page.getByRole("link", { name: "Send the link again or change the address" }).click();
  await expect(page.getByText("Not confirmed yet.")).toBeVisible();
  const resent = new Date();
  await page.getByRole("button", { name: "Send the link again" }).click();
  await expect(page.getByRole("status").filter({ hasText: `We have sent a new link to ${who.email}` })).toBeVisible();

  const mail = await mailTo(who.email, "Confirm your email address", resent);
  expect(mail.text).toContain("The link works for 3 days");
  await page.goto(mail.link!);
  await expect(page.getByText(who.email)).toBeVisible();
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(
    page.getByText("Your email address is confirmed. You can now post, propose changes and vote."),
  ).toBeVisible();
  await expect(banner).toHaveCount(0);

  // The link worked once.
  await page.goto(mail.link!);
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
});

test("a member who forgot their password resets it from the emailed link and signs in with the new one", async ({
  page,
  browser,
}) => {
  const who = newIdentity("reset");
  await register(page, who);
  // Another browser stays signed in: the reset signs it out.
  const other = await (await browser.newContext()).newPage();
  await signIn(other, who.email, who.password);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  // The sign-in form has an Email field too: wait for this page before typing.
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill("nobody-at-all@example.org");
  await page.getByRole("button", { name: "Email me a link" }).click();
  const answer = page.getByRole("status").filter({ hasText: "If an account uses that address" });
  await expect(answer).toBeVisible();
  const sameAnswer = await answer.textContent();

  await page.getByLabel("Email").fill(who.email);
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "If an account uses that address" })).toHaveText(sameAnswer!);

  const mail = await mailTo(who.email, "Reset your Policy Commons password");
  await page.goto(mail.link!);
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByLabel("Repeat new password").fill("short");
  await page.getByRole("button", { name: "Set my new password" }).click();
  await expect(page.getByText("Password must be at least 10 characters.")).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("my-brand-new-password");
  await page.getByLabel("Repeat new password").fill("my-brand-new-password");
  await page.getByRole("button", { name: "Set my new password" }).click();
  await expect(
    page.getByText("Your password is changed, and every browser that was signed in is signed out."),
  ).toBeVisible();

  await signIn(page, who.email, "my-brand-new-password");
  await other.goto("/settings/profile");
  await expect(other).toHaveURL(/\/signin/);

  await page.goto(mail.link!);
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
});

test("a member moves their account to a new address through a link sent there; the old address is told", async ({
  page,
}) => {
  const who = newIdentity("move");
  await register(page, who);
  const next = newIdentity("moved").email;
  await page.goto("/settings/email");
  await page.getByLabel("New email address").fill(next);
  await page.getByLabel("Current password").fill(who.password);
  await page.getByRole("button", { name: "Send a confirmation link" }).click();
  await expect(page.getByRole("status").filter({ hasText: `We have sent a link to ${next}` })).toBeVisible();

  const notice = await mailTo(who.email, "is about to change");
  expect(notice.text).toContain("Nothing changes unless the link sent to that address is followed.");
  const mail = await mailTo(next, "Confirm your new email address");
  await page.goto(mail.link!);
  await page.getByRole("button", { name: "Use this address" }).click();
  await expect(page.getByText("Your email address is changed and confirmed.")).toBeVisible();
  await expect(page.getByText(next)).toBeVisible();
  await mailTo(who.email, "has changed");
});
