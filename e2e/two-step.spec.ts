// Two-step sign-in as a member meets it: turn it on in Settings → Security (the test reads the key
// shown under the QR code and computes codes from it with otpauth, the library the server uses),
// save the recovery codes, sign out, sign in with password and code, then with a recovery code.
// TWO_STEP_SCREENSHOTS=dir also saves the settings section and the code step at 1280 and 390 px.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { newIdentity, register } from "./fixtures";
import { expectNoSeriousViolations } from "./helpers/axe";

const SCREENSHOTS = process.env.TWO_STEP_SCREENSHOTS;

/** The code an authenticator app shows, `offsetSteps` 30-second steps from now. */
function codeFor(secret: string, offsetSteps = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

async function shoot(page: Page, name: string) {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

async function signOut(page: Page) {
  const account = page.getByRole("navigation", { name: "Account" });
  await account.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" })).toBeVisible();
}

async function passwordStep(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Two-step sign-in" })).toBeVisible();
}

test("a member turns on two-step sign-in, then signs in with a code and with a recovery code", async ({ page }) => {
  test.setTimeout(90_000);
  const who = newIdentity("tot");
  await register(page, who);

  // Turning it on: a key to scan or type, confirmed by a current code.
  await page.goto("/settings/security");
  await page.getByRole("button", { name: "Set up two-step sign-in" }).click();
  const shownKey = page.getByTestId("two-step-secret");
  await expect(shownKey).toBeVisible();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = ((await shownKey.textContent()) ?? "").replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expectNoSeriousViolations(page);
  await shoot(page, "settings-setup");

  await page.getByLabel("Code from your app").fill(codeFor(secret));
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  const list = page.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const recoveryCodes = await list.getByRole("listitem").allTextContents();
  // Only the codes to save are left on screen: not the key they came from.
  await expect(page.getByTestId("two-step-secret")).toHaveCount(0);
  await expectNoSeriousViolations(page);
  await expect(page.getByRole("link", { name: "Download codes" })).toHaveAttribute("download", /recovery-codes/);
  await shoot(page, "settings-codes");
  await page.getByRole("button", { name: "I have saved my codes" }).click();
  await expect(page.getByText(/On since/)).toBeVisible();
  await expect(page.getByRole("list", { name: "Recovery codes" })).toHaveCount(0);
  await shoot(page, "settings-on");

  // The password alone is not enough; a wrong code is refused and stays as typed.
  await signOut(page);
  await passwordStep(page, who.email, who.password);
  await shoot(page, "signin-code-step");
  const next = codeFor(secret, 1); // the confirming code used this step's: a code is accepted once
  const wrong = next === "000000" ? "111111" : "000000";
  await page.getByLabel("Code from your app").fill(wrong);
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That code is not right" })).toBeVisible();
  await expect(page.getByLabel("Code from your app")).toHaveValue(wrong);
  await expectNoSeriousViolations(page);
  await shoot(page, "signin-code-wrong");
  await page.getByLabel("Code from your app").fill(next);
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  // A recovery code signs in once.
  await signOut(page);
  await passwordStep(page, who.email, who.password);
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  await page.getByLabel("Recovery code").fill(recoveryCodes[0]);
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.goto("/settings/security");
  await expect(page.getByText("You have 9 unused recovery codes.")).toBeVisible();
});
