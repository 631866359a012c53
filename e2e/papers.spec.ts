import { expect, test } from "@playwright/test";
import { endVotingPeriod, signedIn } from "./fixtures";

test("a member starts a paper, another proposes an amendment, several vote, the period ends, and the paper, history and provenance show the merge", async ({
  browser,
}) => {
  // Three people, a dozen round trips and a merge: more than the default budget on a busy two-core machine.
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36).slice(-5);
  const title = `Local welfare assistance ${suffix}`;

  // Amara starts the paper: revision 1.
  const amara = await signedIn(browser, "amara");
  await amara.goto("/groups/welfare-reform/papers/new");
  await amara.getByLabel("Title").fill(title);
  await amara
    .getByLabel("The policy question")
    .fill("Who should be able to get crisis help from their council, and how often?");
  await amara.getByLabel("Summary").fill("Councils' crisis funds should be simple to reach and predictable.");
  await amara.getByLabel("Heading of section 1").fill("Eligibility");
  await amara
    .getByLabel("Text of section 1")
    .fill("Anyone in crisis can apply once a year. Decisions come within two days.");
  // A new paper is previewed whole before it is created.
  await amara.getByRole("button", { name: "Preview the paper" }).click();
  await amara.getByRole("button", { name: "Create the paper" }).click();
  await expect(amara.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const paperUrl = amara.url();

  // Ben proposes an amendment to the section, and sees its word diff.
  const ben = await signedIn(browser, "ben_k");
  await ben.goto(paperUrl);
  await ben.getByRole("region", { name: "Eligibility" }).getByRole("link", { name: "Propose a change" }).click();
  await ben.getByLabel("Section text").fill("Anyone in crisis can apply twice a year. Decisions come within two days.");
  await ben
    .getByLabel("Why this change?")
    .fill("Once a year is not enough when a boiler breaks in winter and the fridge in summer.");
  await ben.getByRole("button", { name: "Propose this change" }).click();
  await expect(ben).toHaveURL(/\/proposals\/[0-9a-f-]{36}$/);
  await expect(ben.locator("ins").filter({ hasText: "twice" }).first()).toBeVisible();
  await expect(ben.locator("del").filter({ hasText: "once" }).first()).toBeVisible();
  const proposalUrl = ben.url();
  const proposalId = proposalUrl.split("/").pop()!;

  // Three members vote: enough for the default quorum (3) and threshold (60 %).
  const fatima = await signedIn(browser, "fatima");
  for (const voter of [ben, amara, fatima]) {
    await voter.goto(proposalUrl);
    await voter.getByRole("radio", { name: /^Support/ }).check();
    await voter.getByRole("button", { name: "Cast my vote" }).click();
    await expect(voter.getByText("Your vote is recorded.")).toBeVisible();
  }
  await expect(fatima.getByText(/3 votes on version 1/).first()).toBeVisible();

  // The voting period ends; the next look at the paper shows the merged text.
  await endVotingPeriod(proposalId);
  await amara.goto(paperUrl);
  const section = amara.getByRole("region", { name: "Eligibility" });
  await expect(section.getByText("Anyone in crisis can apply twice a year.")).toBeVisible();
  await amara.goto(proposalUrl);
  await expect(amara.getByText("Merged as revision 2").first()).toBeVisible();

  // History lists the revision with its proposal, and compares the two word by word.
  await amara.goto(paperUrl);
  await amara.getByRole("link", { name: "History of every change" }).click();
  await expect(amara.getByRole("link", { name: "Proposal #1" }).first()).toBeVisible();
  await amara.getByLabel("From").selectOption("1");
  await amara.getByLabel("To").selectOption("2");
  await amara.getByRole("button", { name: /Compare/ }).click();
  await expect(amara.locator("ins").filter({ hasText: "twice" }).first()).toBeVisible();

  // "How this was written" credits the changed words to Ben's proposal, and the rest to the first draft.
  await amara.goto(paperUrl);
  await amara.getByRole("region", { name: "Eligibility" }).getByRole("link", { name: "How this was written" }).click();
  await expect(amara.getByRole("link", { name: "Proposal #1" }).first()).toBeVisible();
  await expect(amara.getByText("Ben K.").first()).toBeVisible();
  await expect(amara.getByText(/first draft/i).first()).toBeVisible();
});
