import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { newIdentity, register } from "./fixtures";

test("a member downloads their data and finds their post in it; nobody else can fetch the archive", async ({
  page,
  browser,
  playwright,
}) => {
  // Registering, posting, a background job and a download on a busy two-core machine.
  test.setTimeout(120_000);
  const me = newIdentity("data");
  await register(page, me, "Service user");

  await page.goto("/groups/welfare-reform");
  await page.getByRole("button", { name: "Join group" }).click();
  await expect(page.getByText("You are a member of this group.")).toBeVisible();
  const words = `My own words about the five-week wait ${me.handle.slice(-6)}, with "quotes", commas`;
  await page.getByRole("link", { name: "Start a discussion" }).click();
  await page.getByLabel("Title").fill(`What the wait cost me ${me.handle.slice(-6)}`);
  await page.getByLabel("Opening post").fill(words);
  await page.getByRole("button", { name: "Start discussion" }).click();
  await expect(page.getByRole("article").filter({ hasText: "My own words about the five-week wait" })).toBeVisible();

  await page.goto("/settings/profile");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Your data" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your data" })).toBeVisible();
  await expect(page.getByText("You have no archives at the moment.")).toBeVisible();
  await page.getByRole("button", { name: "Prepare my archive" }).click();
  await expect(page.getByRole("status").filter({ hasText: "We are preparing your archive" })).toBeVisible();

  // The job runs in the server's background worker; the page refreshes itself until it is ready.
  const downloadLink = page.getByRole("link", { name: /^Download the archive requested .* \(ZIP, .+\)$/ });
  await expect(downloadLink).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/Available until/)).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), downloadLink.click()]);
  expect(download.suggestedFilename()).toMatch(/^policy-commons-data-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
  expect(Object.keys(files)).toEqual(
    expect.arrayContaining([
      "README.txt",
      "profile.json",
      "posts.json",
      "posts.csv",
      "votes.csv",
      "notifications.json",
    ]),
  );
  const posts = JSON.parse(strFromU8(files["posts.json"]!)) as { body: string }[];
  expect(posts.map((p) => p.body)).toContain(words);
  expect(strFromU8(files["posts.csv"]!)).toContain(`"${words.replaceAll('"', '""')}"`);
  expect(JSON.parse(strFromU8(files["profile.json"]!))).toMatchObject({ handle: me.handle, email: me.email });

  // The link is the owner's alone: a visitor and another member get "not found".
  const href = (await downloadLink.getAttribute("href"))!;
  const visitor = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  expect((await visitor.get(href)).status()).toBe(404);
  await visitor.dispose();
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await register(other, newIdentity("nosy"));
  const stolen = await other.request.get(href);
  expect(stolen.status()).toBe(404);
  expect(stolen.headers()["content-type"]).not.toContain("zip");
  await otherContext.close();
});
