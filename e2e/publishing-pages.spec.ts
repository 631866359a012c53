import { expect, test } from "@playwright/test";
import { endVotingPeriod, signedIn } from "./fixtures";
import { expectNoSeriousViolations } from "./helpers/axe";

test("members vote to publish a draft; a signed-out reader finds it by search, reads it with its citation and provenance, downloads the PDF and sees it in the feed", async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36).slice(-5);
  const title = `Crisis help from councils ${suffix}`;

  const amara = await signedIn(browser, "amara");
  await amara.goto("/groups/welfare-reform/papers/new");
  await amara.getByLabel("Title").fill(title);
  await amara
    .getByLabel("The policy question")
    .fill("Who should be able to get crisis help from their council, and how often?");
  await amara.getByLabel("Summary").fill("Councils' crisis funds should be simple to reach and predictable.");
  await amara.getByLabel("Heading of section 1").fill("Eligibility");
  // A word no other paper has, so that search finds this one.
  const marker = `crisisfund${suffix}`;
  await amara
    .getByLabel("Text of section 1")
    .fill(
      `Anyone in crisis can apply **once a year**. Decisions come within two days. Each ${marker} is run by the council.`,
    );
  // A new paper is previewed whole before it is created.
  await amara.getByRole("button", { name: "Preview the paper" }).click();
  await amara.getByRole("button", { name: "Create the paper" }).click();
  await expect(amara.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const paperUrl = amara.url();

  // The paper page offers publishing; the form explains it and names the version it would make.
  await amara.getByRole("link", { name: "Propose publishing this draft" }).click();
  await expect(amara.getByRole("heading", { name: "What publishing means" })).toBeVisible();
  await expect(amara.getByText("67% support")).toBeVisible();
  await amara.getByLabel("Why publish now?").fill("The draft answers its question and is ready for councils to read.");
  await amara.getByRole("button", { name: "Propose publishing as version 1" }).click();
  await expect(amara).toHaveURL(/\/proposals\/[0-9a-f-]{36}$/);
  await expect(amara.getByRole("heading", { level: 1, name: /Publish revision 1 as version 1/ })).toBeVisible();
  const proposalUrl = amara.url();
  const proposalId = proposalUrl.split("/").pop()!;

  const ben = await signedIn(browser, "ben_k");
  const fatima = await signedIn(browser, "fatima");
  for (const voter of [amara, ben, fatima]) {
    await voter.goto(proposalUrl);
    await voter.getByRole("radio", { name: /^Support/ }).check();
    await voter.getByRole("button", { name: "Cast my vote" }).click();
    await expect(voter.getByText("Your vote is recorded.")).toBeVisible();
  }
  await endVotingPeriod(proposalId);
  await amara.goto(proposalUrl);
  await expect(amara.getByText("Published as version 1.").first()).toBeVisible();
  await amara.goto(paperUrl);
  await expect(amara.getByText("Latest published version:").first()).toBeVisible();
  await expect(
    amara.getByRole("region", { name: "Published versions" }).getByRole("link", { name: "Version 1" }),
  ).toBeVisible();

  // Anyone, signed out, reads the published version.
  const reader = await (await browser.newContext()).newPage();
  const versionUrl = `${new URL(paperUrl).pathname}/v/1`;
  // They find it by searching for a word in its text.
  await reader.goto("/search");
  await reader.getByRole("searchbox").first().fill(marker);
  await reader.keyboard.press("Enter");
  await expect(reader).toHaveURL(/\/search\?/);
  await reader.getByRole("link", { name: title }).first().click();
  await expect(reader).toHaveURL(new RegExp(`${versionUrl}$`));
  await expect(reader.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(reader.locator("strong", { hasText: "once a year" })).toBeVisible();
  await expect(reader.getByRole("link", { name: /Creative Commons Attribution 4.0/ })).toBeVisible();
  await expect(reader.locator("#cite-bibtex")).toContainText("author = {{Welfare reform, Policy Commons}}");
  await expect(reader.locator('meta[name="citation_pdf_url"]')).toHaveAttribute(
    "content",
    new RegExp(`${versionUrl}/download/pdf$`),
  );
  await expect(reader.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`${versionUrl}$`));
  await expect(
    reader.getByRole("region", { name: "Who wrote it" }).getByRole("link", { name: "Amara O." }),
  ).toBeVisible();
  await expect(reader.getByRole("table", { name: "People who took part, by perspective" })).toBeAttached();
  await expectNoSeriousViolations(reader, "published version");
  await testInfo.attach("published-version", {
    body: await reader.screenshot({ fullPage: true }),
    contentType: "image/png",
  });

  await reader.getByRole("link", { name: /How this was decided\W+“Eligibility”/ }).click();
  await expect(reader.getByRole("heading", { level: 1, name: "How “Eligibility” was decided" })).toBeVisible();
  await expect(reader.getByText(/First draft by/).first()).toBeVisible();
  await expectNoSeriousViolations(reader, "published section provenance");
  await testInfo.attach("published-section", {
    body: await reader.screenshot({ fullPage: true }),
    contentType: "image/png",
  });

  // The PDF is a real file: a PDF header, pages, and an end-of-file marker.
  await reader.goto(versionUrl);
  const downloadStarted = reader.waitForEvent("download");
  await reader.getByRole("link", { name: /^PDF/ }).click();
  const download = await downloadStarted;
  const path = await download.path();
  const { readFile } = await import("node:fs/promises");
  const pdf = (await readFile(path!)).toString("latin1");
  expect(pdf.startsWith("%PDF-")).toBe(true);
  expect(pdf.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0).toBeGreaterThan(0);
  expect(pdf.trimEnd().endsWith("%%EOF")).toBe(true);

  // The site's Atom feed lists the new version.
  const feed = await reader.request.get("/feeds/publications.atom");
  expect(feed.headers()["content-type"]).toContain("application/atom+xml");
  expect(await feed.text()).toContain(title);

  await reader.goto(`${versionUrl.replace(/\/1$/, "/2")}`);
  await expect(reader.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
