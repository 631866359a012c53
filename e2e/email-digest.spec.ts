import { expect, test } from "@playwright/test";
import { newIdentity, register, sql } from "./fixtures";
import { runTask } from "./helpers/run-task";
import { mailTo } from "./mail";

// A member's daily digest, read from the mail the app wrote, and unsubscribing from it: with the
// link in the email (a page with one button, no sign-in) and with the List-Unsubscribe header's
// one-click POST (RFC 8058) as a mail provider sends it, from its own origin.

test("a daily digest lists what happened by group, and one click on its link turns digests off", async ({
  browser,
  page,
  request,
}) => {
  // It starts two task processes (tsx) besides the browser: on a loaded machine that alone can take 30 s.
  test.setTimeout(90_000);
  const who = newIdentity("digest");
  await register(page, who);
  for (const text of ["Your post was hidden by a moderator", "Your request to join was approved"])
    await sql(
      `INSERT INTO "Notification" ("userId", kind, text, url) SELECT id, 'MODERATION', $2, '/groups/welfare-reform' FROM "User" WHERE handle = $1`,
      [who.handle, text],
    );
  // Other tests' members may be due too: at least this one's digest went.
  expect((runTask("send-digests") as { daily: number }).daily).toBeGreaterThanOrEqual(1);
  runTask("sweep-outbox");

  const digest = await mailTo(who.email, "Your daily Policy Commons digest");
  expect(digest.subject).toBe("Your daily Policy Commons digest: 2 new items");
  expect(digest.text).toMatch(/Welfare reform\n=+\n- Your post was hidden by a moderator/);
  const header = String(digest.headers.get("list-unsubscribe") ?? "");
  expect(String(digest.headers.get("list-unsubscribe-post"))).toBe("List-Unsubscribe=One-Click");

  // The link in the email, opened signed out.
  const stop = digest.text.match(/Stop these emails: (\S+)/)?.[1];
  expect(stop).toBeTruthy();
  const reader = await (await browser.newContext()).newPage();
  await reader.goto(stop!);
  await expect(reader.getByRole("heading", { name: "Email: your daily digest" })).toBeVisible();
  await expect(reader.getByText("Your groups and moderation: daily digest")).toBeVisible();
  await reader.getByRole("button", { name: "Turn these emails off" }).click();
  await expect(reader.getByRole("status").filter({ hasText: "These emails are off" })).toBeVisible();

  await page.goto("/settings/notifications");
  const groups = page.getByRole("group", { name: "Your groups and moderation" });
  await expect(groups.getByRole("radio", { name: "Off" })).toBeChecked();
  await expect(
    page.getByRole("group", { name: "Replies and mentions" }).getByRole("radio", { name: "Immediately" }),
  ).toBeChecked();

  // Choose a weekly digest for replies, then unsubscribe from it the way a mail client does.
  await page.getByRole("group", { name: "Replies and mentions" }).getByRole("radio", { name: "Weekly digest" }).check();
  await page.getByRole("button", { name: "Save email preferences" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your email preferences are saved." })).toBeVisible();
  const oneClick = header.match(/<([^>]+)>/)?.[1];
  expect(oneClick).toContain("/api/unsubscribe?token=");
  const response = await request.post(oneClick!, {
    headers: { origin: "https://mail.example.net", "content-type": "application/x-www-form-urlencoded" },
    data: "List-Unsubscribe=One-Click",
  });
  expect(response.status()).toBe(200);
});
