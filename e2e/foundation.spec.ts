import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, newIdentity, register, signIn } from "./fixtures";

test("register, edit profile, create a group, a second member joins and is promoted to moderator", async ({
  browser,
}) => {
  // Three people and a dozen round trips: more than the default budget on a busy two-core machine.
  test.setTimeout(120_000);
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const ada = newIdentity("ada");
  await register(owner, ada, "Practitioner");

  // Edit the profile: a bio, and the organisation hidden from others.
  await owner.getByLabel("Your role or service").fill("Community nurse");
  await owner.getByRole("textbox", { name: /^Organisation/ }).fill("Riverside NHS Trust");
  await owner.getByLabel("About you").fill("Twenty years on district rounds.");
  await owner.getByLabel("Hide my organisation from my public profile").check();
  await owner.getByRole("button", { name: "Save profile" }).click();
  await expect(owner.getByRole("status").filter({ hasText: "Your profile is saved." })).toBeVisible();
  await owner.goto(`/people/${ada.handle}`);
  // The tab and a screen reader's page list name the person, not just the site.
  await expect(owner).toHaveTitle(new RegExp(`\\(@${ada.handle}\\)`));
  await expect(owner.getByText("Twenty years on district rounds.")).toBeVisible();
  await expect(owner.getByText("Community nurse")).toBeVisible();
  await expect(owner.getByText("Riverside NHS Trust")).toHaveCount(0);
  await expect(owner.getByText(ada.email)).toHaveCount(0);

  // Create a group.
  const slug = `district-nursing-${ada.handle.slice(-6)}`;
  await owner.goto("/groups/new");
  await owner.getByLabel("Name").fill("District nursing");
  await owner.getByLabel("Web address").fill(slug);
  await owner.getByLabel("What is this group for?").fill("How community nursing could reach people at home sooner.");
  await owner.getByRole("radio", { name: "Anyone" }).check();
  await owner.getByRole("button", { name: "Create group" }).click();
  await expect(owner).toHaveURL(new RegExp(`/groups/${slug}`));
  await expect(owner.getByRole("heading", { level: 1, name: "District nursing" })).toBeVisible();
  await expect(owner.getByText("You are an owner of this group.")).toBeVisible();

  // A second person registers and joins.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  const ben = newIdentity("ben");
  await register(member, ben, "Service user");
  await member.goto(`/groups/${slug}`);
  await member.getByRole("button", { name: "Join group" }).click();
  await expect(member.getByRole("status").filter({ hasText: "Welcome! You are now a member." })).toBeVisible();
  await expect(member.getByText("You are a member of this group.")).toBeVisible();

  // The owner sees them by perspective and promotes them.
  await owner.goto(`/groups/${slug}`);
  const who = owner.getByRole("region", { name: "Who is here" });
  await expect(who.getByText("2 members")).toBeVisible();
  await owner.getByRole("link", { name: "Members" }).click();
  const row = owner.getByTestId(`member-${ben.handle}`);
  await expect(row.getByText("Service user")).toBeVisible();
  await row.getByRole("combobox", { name: "Role" }).selectOption("MODERATOR");
  await row.getByRole("button", { name: "Change role" }).click();
  await expect(row.getByRole("status").filter({ hasText: "Role changed." })).toBeVisible();

  await member.goto(`/groups/${slug}`);
  await expect(member.getByText("You are a moderator of this group.")).toBeVisible();
  await member.goto("/notifications");
  await expect(member.getByRole("button", { name: "You are now a moderator of District nursing" })).toBeVisible();

  await ownerContext.close();
  await memberContext.close();
});

test("bad registration input shows specific messages next to fields and keeps what was typed", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("Email").fill("amara@example.org"); // a demo account: already taken
  await page.getByLabel("Username").fill("Not Valid!");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Repeat password").fill("different");
  await page.getByLabel("Display name").fill("Keeps this name");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Please correct the highlighted fields." })).toBeFocused();
  await expect(page.getByText("Username may contain only letters, numbers and underscores.")).toBeVisible();
  await expect(page.getByText("Password must be at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Display name")).toHaveValue("Keeps this name");
  await expect(page.getByLabel("Username")).toHaveAttribute("aria-invalid", "true");

  // Fix the format problems: now the taken email is reported by the server.
  await page.getByLabel("Username").fill(newIdentity("dup").handle);
  await page.getByLabel("Password", { exact: true }).fill("a-long-enough-password");
  await page.getByLabel("Repeat password").fill("a-long-enough-password");
  await page.getByRole("radio", { name: "Other", exact: true }).check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this email already exists. Sign in instead?")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("amara@example.org");
});

test("a wrong password gets a clear message; signing out everywhere ends the other browser's session", async ({
  browser,
}) => {
  const who = newIdentity("sess");
  const first = await browser.newContext();
  const a = await first.newPage();
  await register(a, who);

  const second = await browser.newContext();
  const b = await second.newPage();
  await b.goto("/signin");
  await b.getByLabel("Email").fill(who.email);
  await b.getByLabel("Password").fill("not-the-password");
  await b.getByRole("button", { name: "Sign in" }).click();
  await expect(b.getByRole("alert").filter({ hasText: "The email or password is incorrect." })).toBeVisible();
  await signIn(b, who.email, who.password);

  await a.goto("/settings/security");
  await a.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(a).toHaveURL(/\/signin\?signedOut=everywhere/);
  await expect(a.getByText("You are signed out on every device.")).toBeVisible();
  // The header says so too, without a reload.
  await expect(a.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" })).toBeAttached();
  await expect(a.getByRole("button", { name: "Sign out", exact: true, includeHidden: true })).toHaveCount(0);

  await b.goto("/settings/profile");
  await expect(b).toHaveURL(/\/signin\?callbackUrl=/);
  await expect(b.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" })).toBeVisible();
  await first.close();
  await second.close();
});

test("signed-out visitors see register and sign-in links, and approval groups keep members private", async ({
  page,
}) => {
  for (const path of ["/", "/groups", "/groups/welfare-reform", "/people/amara"]) {
    await page.goto(path);
    const account = page.getByRole("navigation", { name: "Account" });
    await expect(account.getByRole("link", { name: "Register" })).toBeVisible();
    await expect(account.getByRole("link", { name: "Sign in" })).toBeVisible();
  }
  await page.goto("/groups/miscarriage-care/members");
  await expect(page.getByText("Only members can see who belongs to this group.")).toBeVisible();
  await expect(page.getByText("Dana")).toHaveCount(0);
});

test("an admin suspension ends the member's session; signed in again, the account is read-only but keeps its data rights", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const who = newIdentity("susp");
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await register(member, who);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "admin@example.org", DEMO_PASSWORD);
  await admin.goto(`/admin/users?q=${who.handle}`);
  await admin.getByText("Suspend…").click();
  await admin.getByLabel("Days").fill("3");
  await admin.getByLabel(/Reason/).fill("Repeated personal attacks");
  await admin.getByRole("button", { name: "Suspend account" }).click();
  await expect(admin.getByText(/Suspended until .*: Repeated personal attacks/)).toBeVisible();

  // The suspension ended the session; signing in again works, and every page says what it means.
  await member.goto("/settings/profile");
  await expect(member).toHaveURL(/\/signin/);
  await signIn(member, who.email, who.password);
  const notice = member.getByText(
    /Your account is suspended until .*: Repeated personal attacks\. Until then you can read/,
  );
  await expect(notice).toBeVisible();

  // Read-only: saving the profile is refused with the reason, and nothing is lost from the form.
  await member.goto("/settings/profile");
  await member.getByLabel("Display name").fill("A new name");
  await member.getByRole("button", { name: "Save profile" }).click();
  await expect(
    member.getByRole("alert").filter({ hasText: /Your account is suspended until .*: you can read/ }),
  ).toBeVisible();
  await expect(member.getByLabel("Display name")).toHaveValue("A new name");

  // Its data rights stay: the notice links to them, and an archive can be asked for. The refused
  // name is still unsent text in the form, so leaving asks first.
  member.once("dialog", (dialog) => void dialog.accept());
  await member.getByRole("link", { name: "download your data" }).click();
  await expect(member.getByRole("heading", { level: 1, name: "Your data" })).toBeVisible();
  await member.getByRole("button", { name: "Prepare my archive" }).click();
  await expect(member.getByRole("status").filter({ hasText: "We are preparing your archive" })).toBeVisible();
  await expect(member.getByRole("link", { name: "delete your account" })).toHaveAttribute("href", "/settings/account");
  await memberContext.close();
  await adminContext.close();
});

test("pages carry security headers with a per-request CSP nonce", async ({ request }) => {
  const first = await request.get("/groups");
  const second = await request.get("/groups");
  const csp = first.headers()["content-security-policy"];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).not.toEqual(second.headers()["content-security-policy"]);
  expect(first.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(first.headers()["x-frame-options"]).toBe("DENY");
  expect(first.headers()["x-content-type-options"]).toBe("nosniff");
});
