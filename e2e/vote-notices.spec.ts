import { mkdirSync, writeFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { signedIn } from "./fixtures";

const waiting = (page: Page) => page.getByRole("region", { name: /^Waiting for your vote/ });

/** Full-page screenshots at a desktop and a phone width, kept with the test's results. */
async function shots(page: Page, name: string, testInfo: { outputPath: (n: string) => string }) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.scroll, `no sideways scrolling on ${name} at ${width}px`).toBeLessThanOrEqual(widths.viewport);
    const path = testInfo.outputPath(`${name}-${width}.png`);
    writeFileSync(path, await page.screenshot({ fullPage: true }));
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("a member proposes; another finds it waiting for their vote, votes, and it leaves their list; the proposer hears of the vote", async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  mkdirSync(testInfo.outputDir, { recursive: true });
  const suffix = Date.now().toString(36).slice(-5);
  const title = `Crisis grants ${suffix}`;

  // Amara starts a paper: she follows it.
  const amara = await signedIn(browser, "amara");
  await amara.goto("/groups/welfare-reform/papers/new");
  await amara.getByLabel("Title").fill(title);
  await amara.getByLabel("The policy question").fill("Who should get crisis grants from their council?");
  await amara.getByLabel("Summary").fill("Crisis grants should be simple to reach.");
  await amara.getByLabel("Heading of section 1").fill("Eligibility");
  await amara.getByLabel("Text of section 1").fill("Anyone in crisis can apply once a year.");
  // A new paper is previewed whole before it is created.
  await amara.getByRole("button", { name: "Preview the paper" }).click();
  await amara.getByRole("button", { name: "Create the paper" }).click();
  await expect(amara.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const paperUrl = amara.url();
  await expect(amara.getByRole("heading", { name: "You follow this paper" })).toBeVisible();

  // Ben proposes an amendment.
  const ben = await signedIn(browser, "ben_k");
  await ben.goto(paperUrl);
  await ben.getByRole("region", { name: "Eligibility" }).getByRole("link", { name: "Propose a change" }).click();
  await ben.getByLabel("Section text").fill("Anyone in crisis can apply twice a year.");
  await ben.getByLabel("Why this change?").fill("Once a year is not enough when two things break.");
  await ben.getByRole("button", { name: "Propose this change" }).click();
  await expect(ben).toHaveURL(/\/proposals\/[0-9a-f-]{36}$/);
  const proposalUrl = new URL(ben.url()).pathname;

  // Amara heard it opened, and finds it on her home page, waiting for her vote.
  await amara.goto("/notifications");
  await expect(amara.getByRole("button", { name: new RegExp(`opened proposal #1 on “${title}”`) })).toBeVisible();
  await amara.goto("/");
  const mine = waiting(amara).getByRole("listitem").filter({ hasText: title });
  await expect(mine).toHaveCount(1);
  await expect(mine.getByRole("link", { name: "#1 Amend “Eligibility”" })).toHaveAttribute("href", proposalUrl);
  await shots(amara, "home-waiting", testInfo);
  await amara.goto("/groups/welfare-reform");
  await expect(waiting(amara).getByRole("listitem").filter({ hasText: title })).toHaveCount(1);
  await shots(amara, "group-waiting", testInfo);

  // She votes, with a reason; it is no longer waiting.
  await amara.goto("/");
  await mine.getByRole("link", { name: "#1 Amend “Eligibility”" }).click();
  await expect(amara).toHaveURL(new RegExp(`${proposalUrl}$`));
  await amara.getByRole("radio", { name: /^Support/ }).check();
  await amara.getByLabel("Your reason").fill("Boilers and fridges break in the same winter.");
  await amara.getByRole("button", { name: "Cast my vote" }).click();
  await expect(amara.getByText("Your vote is recorded.")).toBeVisible();
  await amara.goto("/");
  await expect(amara.getByRole("heading", { name: /^Waiting for your vote/ })).toBeVisible();
  await expect(waiting(amara).getByRole("listitem").filter({ hasText: title })).toHaveCount(0);

  // Ben hears of the vote and its reason, and the link leads to who voted.
  await ben.goto("/notifications");
  const told = ben.getByRole("button", {
    name: new RegExp(`1 new vote on your proposal #1 on “${title}”: 1 support; with a reason`),
  });
  await expect(told).toBeVisible();
  await told.click();
  await expect(ben).toHaveURL(new RegExp(`${proposalUrl}#voters-heading$`));
});
