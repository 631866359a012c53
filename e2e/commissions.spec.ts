import { expect, type Page, test } from "@playwright/test";
import { endVotingPeriod, signedIn } from "./fixtures";

/** Each member supports the proposal at `url`; returns the proposal id. */
async function supportAll(voters: Page[], url: string) {
  for (const voter of voters) {
    await voter.goto(url);
    await voter.getByRole("radio", { name: /^Support/ }).check();
    await voter.getByRole("button", { name: "Cast my vote" }).click();
    await expect(voter.getByText("Your vote is recorded.")).toBeVisible();
  }
  return url.split("/").pop()!;
}

test("a charity commissions a report; the group takes it on, drafts and publishes it; the report credits the charity, shows its disclosure and its signed response", async ({
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const suffix = Date.now().toString(36).slice(-5);
  const title = `Hardship payments that arrive in time ${suffix}`;
  const disclosure = `We pay for ${suffix} interpreters at two workshops.`;

  // The charity's admin sets the brief and posts it to a group.
  const nadia = await signedIn(browser, "nadia");
  await nadia.goto("/organisations/riverside-advice-trust");
  await nadia.getByRole("link", { name: "New commission" }).click();
  await nadia.getByLabel("Title").fill(title);
  await nadia.getByLabel("The question").fill("How can hardship payments reach people before the rent is due?");
  await nadia
    .getByLabel("Background")
    .fill("Hardship payments are loans that arrive late.\n\nOur advisers see people waiting weeks.");
  await nadia.getByLabel("Scope").fill("Universal Credit hardship payments in England.");
  await nadia
    .getByLabel("What a good answer would include")
    .fill("What claimants and work coaches say would make them faster.");
  await nadia.getByLabel("What your organisation provides").fill(disclosure);
  await nadia.getByLabel(/^Developing a Guerilla Manifesto/).check();
  await nadia.getByRole("button", { name: "Post the commission" }).click();
  await expect(nadia.getByText("The commission is posted.")).toBeVisible();
  await expect(nadia.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(nadia.getByText("Waiting for the group to decide")).toBeVisible();
  const paperPath = (await nadia.getByRole("link", { name: /The group’s paper/ }).getAttribute("href"))!;

  // A member of the group proposes taking it on; members vote; the vote closes.
  const amara = await signedIn(browser, "amara");
  await amara.goto(paperPath);
  await expect(amara.getByText("Commissioned by").first()).toBeVisible();
  await amara.getByText("Propose that the group takes it on").click();
  await amara
    .getByLabel("Why the group should take it on")
    .fill("We have advisers and claimants here who know this well.");
  await amara.getByRole("button", { name: "Open the vote" }).click();
  await expect(amara).toHaveURL(/\/proposals\/[0-9a-f-]{36}$/);
  await expect(amara.getByRole("heading", { name: "What this vote decides" })).toBeVisible();
  const ben = await signedIn(browser, "ben_k");
  const fatima = await signedIn(browser, "fatima");
  const members = [amara, ben, fatima];
  await endVotingPeriod(await supportAll(members, amara.url()));
  await amara.goto(paperPath);
  await expect(amara.getByText("Taken on; drafting")).toBeVisible();

  // The charity admin is not in the group: no vote for them.
  await nadia.goto(paperPath);
  await expect(nadia.getByText("Taken on; drafting")).toBeVisible();

  // Members draft: an amendment passes and is merged.
  await ben.goto(paperPath);
  await ben.getByRole("region", { name: "Scope" }).getByRole("link", { name: "Propose a change" }).click();
  await ben.getByLabel("Section text").fill("Universal Credit hardship payments in England and Wales.");
  await ben.getByLabel("Why this change?").fill("The rules are the same in Wales.");
  await ben.getByRole("button", { name: "Propose this change" }).click();
  await expect(ben).toHaveURL(/\/proposals\/[0-9a-f-]{36}$/);
  await endVotingPeriod(await supportAll(members, ben.url()));
  await ben.goto(ben.url());
  await expect(ben.getByText(/Merged as revision 2/).first()).toBeVisible();

  // Members vote to publish.
  await amara.goto(paperPath);
  await amara.getByRole("link", { name: "Propose publishing this draft" }).click();
  await amara.getByLabel("Why publish now?").fill("It answers the charity's question.");
  await amara.getByRole("button", { name: "Propose publishing as version 1" }).click();
  await expect(amara).toHaveURL(/\/proposals\/[0-9a-f-]{36}$/);
  await endVotingPeriod(await supportAll(members, amara.url()));
  await amara.goto(amara.url());
  await expect(amara.getByText("Published as version 1.").first()).toBeVisible();

  // The charity responds to the published report, signed.
  const versionPath = `${paperPath}/v/1`;
  await nadia.goto(versionPath);
  await nadia.getByRole("link", { name: "Write Riverside Advice Trust’s signed response" }).click();
  await nadia.getByLabel("Signed by (name and role)").fill("Nadia R., Policy lead");
  await nadia
    .getByLabel("The response")
    .fill(`We thank the group. We will **fund** a pilot of its second recommendation ${suffix}.`);
  await nadia.getByRole("button", { name: "Sign and publish the response" }).click();
  // Published (the action goes back to the version, at the response) before anyone else looks.
  await expect(nadia).toHaveURL(/#commission-response$/);
  await expect(nadia.getByRole("article", { name: "Response from Riverside Advice Trust" })).toBeVisible();

  // A signed-out reader sees the credit, the disclosure, the independence statement and the response.
  const reader = await (await browser.newContext()).newPage();
  await reader.goto(versionPath);
  await expect(reader.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(reader.getByText("Commissioned by").first()).toBeVisible();
  await expect(reader.getByRole("link", { name: "Riverside Advice Trust" }).first()).toBeVisible();
  await expect(reader.getByText(disclosure)).toBeVisible();
  await expect(reader.getByText(/had no say over votes, moderation or publication/).first()).toBeVisible();
  const response = reader.getByRole("article", { name: "Response from Riverside Advice Trust" });
  await expect(response).toContainText(`pilot of its second recommendation ${suffix}`);
  await expect(response).toContainText("Nadia R., Policy lead");
  await testInfo.attach("commissioned-report", {
    body: await reader.screenshot({ fullPage: true }),
    contentType: "image/png",
  });

  // The charity's dashboard shows the published posting.
  await nadia.goto("/organisations/riverside-advice-trust");
  await nadia.getByRole("link", { name: title }).click();
  await nadia.getByRole("link", { name: "Dashboard" }).click();
  await expect(nadia.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(nadia.getByText("Published").first()).toBeVisible();
});
