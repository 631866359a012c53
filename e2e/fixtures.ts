import { type Browser, expect, type Page } from "@playwright/test";
import pg from "pg";
import { mailTo } from "./mail";

export const DEMO_PASSWORD = "commons-demo-2026";

let counter = 0;
/** A fresh identity per test, so tests never depend on each other's data. */
export function newIdentity(prefix = "u") {
  counter += 1;
  const id = `${prefix}${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 6)}`.slice(0, 28);
  return {
    email: `${id}@example.org`,
    handle: id,
    password: "a-long-enough-password",
    displayName: `Person ${id.slice(-6)}`,
  };
}

export type Identity = ReturnType<typeof newIdentity>;

export async function register(
  page: Page,
  who: Identity,
  perspective: "Practitioner" | "Service user" | "Practitioner and service user" | "Other" = "Practitioner",
  options: { confirm?: boolean } = {},
) {
  await page.goto("/register");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Username").fill(who.handle);
  await page.getByLabel("Password", { exact: true }).fill(who.password);
  await page.getByLabel("Repeat password").fill(who.password);
  await page.getByLabel("Display name").fill(who.displayName);
  await page.getByRole("radio", { name: perspective, exact: true }).check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/settings\/profile\?welcome=1/);
  // Signed in as them; on a phone the account links sit in the closed Menu, so present rather than visible.
  await expect(
    page
      .getByRole("navigation", { name: "Account", includeHidden: true })
      .getByRole("link", { name: who.displayName, includeHidden: true }),
  ).toBeAttached();
  if (options.confirm !== false) await confirmEmail(page, who.email);
}

/** Follows the confirmation link from the emailed message, as a new member would, and presses the button. */
export async function confirmEmail(page: Page, email: string) {
  const mail = await mailTo(email, "Confirm your email address");
  await page.goto(mail.link!);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByText("Your email address is confirmed.")).toBeVisible();
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Signed in; on a phone "Sign out" sits in the closed Menu, so present rather than visible.
  await expect(page.getByRole("button", { name: "Sign out", includeHidden: true })).toBeAttached();
}

/** A demo member signed in, in a browser context of their own. */
export async function signedIn(browser: Browser, handle: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, `${handle}@example.org`, DEMO_PASSWORD);
  return page;
}

/** One SQL statement against the e2e database, for arranging what a test needs and checking what it left. */
export async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Time passing: a proposal's voting period ends now. Nothing else is touched; the platform closes it. */
export async function endVotingPeriod(proposalId: string) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`UPDATE "Proposal" SET "closesAt" = now() - interval '1 second' WHERE id = $1`, [proposalId]);
  } finally {
    await client.end();
  }
}
