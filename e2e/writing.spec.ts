import { type Dialog, expect, type Page, test } from "@playwright/test";
import { newIdentity, register } from "./fixtures";
import { expectNoSeriousViolations } from "./helpers/axe";

// Writing comfortably (issue 17): drafts that survive a reload and a stray link, leaving a page with
// unsent text asks first, the Markdown toolbar and the Write/Preview tabs by keyboard, a preview
// that is byte for byte the posted rendering, and a new paper previewed whole before it is created.
// At a laptop's size and a phone's, with axe on every page changed and screenshots for a person to
// look at (SHOTS_DIR, /tmp/shots-editor by default).

const SHOTS = process.env.SHOTS_DIR ?? "/tmp/shots-editor";
const GROUP = "/groups/welfare-reform";

const SIZES = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

const REPLY_MARKDOWN = [
  "## What we saw",
  "",
  "Claims took **six weeks**, and _longer_ for people in temporary housing.",
  "",
  "- one visit",
  "- two letters",
  "",
  "> quoted from the guidance",
  "",
  "See [the guidance](https://www.gov.uk/guidance) & <script>alert(1)</script>.",
].join("\n");

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** Records every dialog; answers "leave?" questions as `answer` says at the time. */
function watchDialogs(page: Page) {
  const seen: { type: string; message: string }[] = [];
  const state = { accept: false };
  page.on("dialog", (dialog: Dialog) => {
    seen.push({ type: dialog.type(), message: dialog.message() });
    void (state.accept ? dialog.accept() : dialog.dismiss());
  });
  return { seen, state };
}

async function memberInWelfareReform(page: Page) {
  const who = newIdentity("writer");
  await register(page, who, "Practitioner");
  await page.goto(GROUP);
  await page.getByRole("button", { name: "Join group" }).click();
  await expect(page.getByText("You are a member of this group.")).toBeVisible();
  return who;
}

async function startThread(page: Page, title: string) {
  await page.goto(`${GROUP}/threads/new`);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Opening post").fill("How long did the first payment take where you work?");
  await page.getByRole("button", { name: "Start discussion" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

const draftKeys = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("pc-draft:")));

for (const size of SIZES) {
  test.describe(`at ${size.viewport.width}x${size.viewport.height}`, () => {
    test.use({ viewport: size.viewport });

    test("a reply draft survives a reload and a stray link, its preview is the posted rendering byte for byte, and posting clears it", async ({
      page,
    }) => {
      test.setTimeout(120_000);
      const dialogs = watchDialogs(page);
      await memberInWelfareReform(page);
      const title = `First payments ${Date.now().toString(36)}`;
      await startThread(page, title);
      const threadUrl = page.url();

      const reply = page.getByRole("textbox", { name: "Your reply" });
      await reply.fill(REPLY_MARKDOWN);
      await expect.poll(() => draftKeys(page)).toHaveLength(1);

      // A link inside the site asks first; staying keeps the text.
      await page.locator(`main a[href="${GROUP}"]`).first().click();
      await expect.poll(() => dialogs.seen.length).toBe(1);
      expect(dialogs.seen[0].type).toBe("confirm");
      expect(dialogs.seen[0].message).toMatch(/text you have not sent/);
      expect(page.url()).toBe(threadUrl);
      await expect(reply).toHaveValue(REPLY_MARKDOWN);

      // A reload asks too (beforeunload); leaving anyway, the draft comes back with a notice.
      dialogs.state.accept = true;
      await page.reload();
      expect(dialogs.seen.map((d) => d.type)).toContain("beforeunload");
      const notice = page.getByRole("status").filter({ hasText: "Restored your unsent draft from" });
      await expect(notice).toBeVisible();
      await expect(page.getByRole("textbox", { name: "Your reply" })).toHaveValue(REPLY_MARKDOWN);
      await expectNoSeriousViolations(page, "thread page with a restored draft");
      await shot(page, `thread-restored-draft-${size.name}`);

      // The preview, rendered by the server.
      await page.getByRole("tab", { name: "Preview" }).click();
      const previewBody = page.locator("[data-preview-body]");
      await expect(previewBody.locator("strong")).toHaveText("six weeks");
      await expect(page.getByRole("tabpanel", { name: "Preview" })).toBeVisible();
      await expect(page.getByRole("textbox", { name: "Your reply" })).toBeHidden();
      const previewHtml = await previewBody.innerHTML();
      expect(previewHtml).not.toContain("<script");
      await expectNoSeriousViolations(page, "thread page showing a preview");
      await shot(page, `thread-reply-preview-${size.name}`);

      // Posting: the posted body is the preview, byte for byte, and the draft is gone.
      await page.getByRole("tab", { name: "Write" }).click();
      const seenBefore = dialogs.seen.length;
      await page.getByRole("button", { name: "Post reply" }).click();
      await expect(page).toHaveURL(/\/posts\//);
      const posted = page.getByRole("article").filter({ hasText: "quoted from the guidance" }).first();
      const postedHtml = await posted.locator('[id^="post-body-"]').innerHTML();
      expect(postedHtml).toBe(previewHtml);
      await expect.poll(() => draftKeys(page)).toHaveLength(0);
      expect(dialogs.seen.length).toBe(seenBefore);

      // Nothing to ask about now, and nothing comes back.
      dialogs.state.accept = false;
      await page.goto(threadUrl);
      await expect(page.getByText("Restored your unsent draft from")).toHaveCount(0);
      await expect(page.getByRole("textbox", { name: "Your reply" })).toHaveValue("");
      await page.locator(`main a[href="${GROUP}"]`).first().click();
      await expect(page).toHaveURL(new RegExp(`${GROUP}$`));
      expect(dialogs.seen.length).toBe(seenBefore);
    });

    test("the toolbar and the Write/Preview tabs work by keyboard alone; Discard empties the form; signing out clears drafts", async ({
      page,
    }) => {
      test.setTimeout(90_000);
      const dialogs = watchDialogs(page);
      dialogs.state.accept = true;
      await memberInWelfareReform(page);
      await page.goto(`${GROUP}/threads/new`);
      await expectNoSeriousViolations(page, "new thread page");
      await shot(page, `new-thread-${size.name}`);

      const body = page.getByLabel("Opening post");
      await body.click();
      await page.keyboard.type("word");
      await page.keyboard.press("Shift+Home");

      // Shift+Tab reaches the toolbar (one stop), arrows move within it, Enter presses.
      await page.keyboard.press("Shift+Tab");
      await expect(page.getByRole("button", { name: "Bold" })).toBeFocused();
      await page.keyboard.press("ArrowRight");
      await expect(page.getByRole("button", { name: "Italic" })).toBeFocused();
      await page.keyboard.press("End");
      await expect(page.getByRole("button", { name: "Link" })).toBeFocused();
      await page.keyboard.press("Home");
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("Enter");
      await expect(body).toBeFocused();
      await expect(body).toHaveValue("_word_");
      expect(await body.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd))).toBe(
        "word",
      );
      // The toolbar remembers the last button as its one tab stop.
      await expect(page.getByRole("button", { name: "Italic" })).toHaveAttribute("tabindex", "0");

      // Shortcuts, announced on the buttons; and undo still works.
      await expect(page.getByRole("button", { name: "Bold" })).toHaveAttribute("aria-keyshortcuts", /Control\+B/);
      await page.keyboard.press("Control+b");
      await expect(body).toHaveValue("_**word**_");
      await page.keyboard.press("Control+z");
      await expect(body).toHaveValue("_word_");
      await page.keyboard.press("End");
      await page.keyboard.press("Enter");
      await page.keyboard.press("Enter");
      await page.keyboard.type("item");
      await page.getByRole("button", { name: "Bulleted list" }).click();
      await expect(body).toHaveValue("_word_\n\n- item");

      // The tabs: arrow keys switch, and the preview is announced and shown.
      await body.focus();
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Shift+Tab");
      await expect(page.getByRole("tab", { name: "Write" })).toBeFocused();
      await page.keyboard.press("ArrowRight");
      await expect(page.getByRole("tab", { name: "Preview" })).toBeFocused();
      await expect(page.getByRole("tab", { name: "Preview" })).toHaveAttribute("aria-selected", "true");
      const panel = page.getByRole("tabpanel", { name: "Preview" });
      await expect(panel.locator("em")).toHaveText("word");
      await expect(panel.locator("li")).toHaveText("item");
      await expect(page.getByText("Preview ready.")).toBeAttached();
      await page.keyboard.press("Tab");
      await expect(panel).toBeFocused();
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("ArrowLeft");
      await expect(page.getByRole("tab", { name: "Write" })).toHaveAttribute("aria-selected", "true");
      await expect(body).toBeVisible();

      // The short fields of the form are kept with it; Discard takes the draft away.
      await page.getByLabel("Title").fill("A title kept with the draft");
      await expect.poll(() => draftKeys(page)).toHaveLength(1);
      await page.reload();
      await expect(page.getByLabel("Title")).toHaveValue("A title kept with the draft");
      await expect(page.getByLabel("Opening post")).toHaveValue("_word_\n\n- item");
      await page.getByRole("button", { name: "Discard the draft" }).click();
      await expect(page.getByLabel("Title")).toHaveValue("");
      await expect(page.getByLabel("Opening post")).toHaveValue("");
      await expect.poll(() => draftKeys(page)).toHaveLength(0);
      // The button is gone: the focus goes on to the text, not to the top of the page.
      await expect(page.getByLabel("Opening post")).toBeFocused();

      // Signing out with unsent text asks first; "Stay" keeps the session, the text and its draft.
      await page.getByLabel("Opening post").fill("Half a thought");
      await expect.poll(() => draftKeys(page)).toHaveLength(1);
      const signOut = page.getByRole("button", { name: "Sign out" });
      // On a phone the header may keep its account links behind a menu button.
      if (!(await signOut.isVisible())) await page.getByRole("button", { name: /menu/i }).first().click();
      dialogs.state.accept = false;
      dialogs.seen.length = 0;
      await signOut.click();
      await expect.poll(() => dialogs.seen.length).toBe(1);
      expect(dialogs.seen[0].message).toMatch(/Sign out anyway\?/);
      expect(dialogs.seen[0].message).not.toMatch(/7 days/);
      await expect(page.getByLabel("Opening post")).toHaveValue("Half a thought");
      expect(await draftKeys(page)).toHaveLength(1);
      // Saying yes signs out and clears this browser's drafts, so the next person at this computer finds none.
      dialogs.state.accept = true;
      if (!(await signOut.isVisible())) await page.getByRole("button", { name: /menu/i }).first().click();
      await signOut.click();
      // Signed out (on a phone the "Sign in" link sits in the closed Menu, so present rather than visible).
      await expect(page.getByRole("link", { name: "Sign in", includeHidden: true }).first()).toBeAttached();
      expect(await draftKeys(page)).toEqual([]);
    });

    test("text typed before the session answers is kept as a draft", async ({ page }) => {
      test.setTimeout(90_000);
      watchDialogs(page).state.accept = true;
      await memberInWelfareReform(page);
      // The session answers late: what is typed meanwhile is kept once it does.
      await page.route("**/api/auth/session", async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        await route.continue();
      });
      await page.goto(`${GROUP}/threads/new`);
      await page.getByLabel("Opening post").fill("Pasted straight away");
      await expect.poll(() => draftKeys(page), { timeout: 10_000 }).toHaveLength(1);
      await page.unroute("**/api/auth/session");
      await page.reload();
      await expect(page.getByLabel("Opening post")).toHaveValue("Pasted straight away");
      await page.getByRole("button", { name: "Discard the draft" }).click();
      await expect.poll(() => draftKeys(page)).toHaveLength(0);
    });

    test("a proposal's draft stays with the section it is about, and nothing is announced that was not restored", async ({
      page,
    }) => {
      test.setTimeout(90_000);
      watchDialogs(page).state.accept = true;
      await memberInWelfareReform(page);
      const propose = `${GROUP}/papers/ending-the-five-week-wait-for-universal-credit/propose`;
      const reason = page.getByLabel("Why this change?");
      await page.goto(`${propose}?kind=AMEND_SECTION&section=the-problem`);
      await reason.fill("Why the problem section should change");
      await expect.poll(() => draftKeys(page)).toHaveLength(1);
      for (const other of ["?kind=AMEND_SECTION&section=recommendations", "?kind=ADD_SECTION", "?kind=RETITLE"]) {
        // Once the session has answered (and a frame or two later), any draft for this form is back.
        const session = page.waitForResponse("**/api/auth/session");
        await page.goto(`${propose}${other}`);
        await session;
        await page.evaluate(
          () =>
            new Promise((resolve) =>
              requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 200))),
            ),
        );
        await expect(reason).toHaveValue("");
        await expect(page.getByText("Restored your unsent draft from")).toHaveCount(0);
        expect(await draftKeys(page)).toHaveLength(1);
      }
      await page.goto(`${propose}?section=the-problem&kind=AMEND_SECTION`);
      await expect(reason).toHaveValue("Why the problem section should change");
      await expect(page.getByText("Restored your unsent draft from")).toBeVisible();
    });

    test("a new paper survives a header link and Back, and is previewed whole before it is created", async ({
      page,
    }) => {
      test.setTimeout(120_000);
      const dialogs = watchDialogs(page);
      await memberInWelfareReform(page);
      const title = `Paying claims sooner ${Date.now().toString(36)}`;
      await page.goto(`${GROUP}/papers/new`);
      await expectNoSeriousViolations(page, "new paper page");
      await page.getByLabel("Title").fill(title);
      await page.getByLabel("The policy question").fill("How should people be paid while their claim is checked?");
      await page.getByLabel("Summary").fill("Pay a first amount within a week.");
      await page.getByLabel("Heading of section 1").fill("The problem");
      await page.getByLabel("Text of section 1").fill("People wait **six weeks** for a first payment.");
      await page.getByLabel("Heading of section 2").fill("What we recommend");
      await page.getByLabel("Text of section 2").fill("# Steps\n\n1. Pay within a week\n2. Check later");
      await shot(page, `new-paper-${size.name}`);
      await expect.poll(() => draftKeys(page)).toHaveLength(1);
      // Each section's toolbar is one row of 44 px targets, at this width and at 320 px.
      for (const width of [size.viewport.width, 320]) {
        await page.setViewportSize({ width, height: size.viewport.height });
        const rows = await page
          .getByRole("toolbar", { name: "Formatting" })
          .first()
          .getByRole("button")
          .evaluateAll((buttons) =>
            buttons.map((b) => {
              const box = b.getBoundingClientRect();
              return { top: Math.round(box.top), height: box.height, width: box.width };
            }),
          );
        expect(new Set(rows.map((r) => r.top)).size, `toolbar rows at ${width}px`).toBe(1);
        expect(rows.every((r) => r.height >= 44 && r.width >= 44)).toBe(true);
        // The toolbar stays inside the editor's box (on the narrowest phones it scrolls within it).
        const fits = await page
          .getByRole("toolbar", { name: "Formatting" })
          .first()
          .evaluate((bar) => {
            const box = bar.getBoundingClientRect();
            const parent = (bar.parentElement as HTMLElement).getBoundingClientRect();
            return box.right <= parent.right + 0.5 && box.left >= parent.left - 0.5;
          });
        expect(fits, `toolbar inside its box at ${width}px`).toBe(true);
      }
      await page.setViewportSize(size.viewport);
      if (size.name === "phone") await shot(page, "new-paper-toolbar-phone");

      // A link away asks; leaving anyway and pressing Back brings the whole form back.
      dialogs.state.accept = true;
      await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Papers" }).click();
      await expect(page).toHaveURL(new RegExp(`${GROUP}/papers$`));
      expect(dialogs.seen.map((d) => d.type)).toEqual(["confirm"]);
      await page.goBack();
      await expect(page.getByText("Restored your unsent draft from")).toBeVisible();
      await expect(page.getByLabel("Title")).toHaveValue(title);
      await expect(page.getByLabel("The policy question")).toHaveValue(
        "How should people be paid while their claim is checked?",
      );
      await expect(page.getByLabel("Text of section 2")).toHaveValue("# Steps\n\n1. Pay within a week\n2. Check later");

      // The preview: every part, each section rendered by the server; Back to editing keeps everything.
      await page.getByRole("button", { name: "Preview the paper" }).click();
      const preview = page.getByRole("article", { name: "Preview of the paper" });
      await expect(preview.getByRole("heading", { name: title })).toBeVisible();
      await expect(preview.locator("[data-preview-section]").first().locator("strong")).toHaveText("six weeks");
      await expect(preview.locator("[data-preview-section]").nth(1).locator("ol li")).toHaveCount(2);
      await expect(page.getByLabel("Title")).toBeHidden();
      await expectNoSeriousViolations(page, "new paper preview");
      await shot(page, `new-paper-preview-${size.name}`);
      const previewSections = await preview
        .locator("[data-preview-section]")
        .evaluateAll((els) => els.map((el) => el.innerHTML));
      await page.getByRole("button", { name: "Back to editing" }).click();
      await expect(page.getByRole("button", { name: "Preview the paper" })).toBeFocused();
      await expect(page.getByLabel("Text of section 1")).toHaveValue("People wait **six weeks** for a first payment.");

      await page.getByRole("button", { name: "Preview the paper" }).click();
      await page.getByRole("button", { name: "Create the paper" }).click();
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      // The paper reads exactly as its preview did.
      const pageSections = await page
        .locator("section[id] > div.post-body")
        .evaluateAll((els) => els.slice(0, 2).map((el) => el.innerHTML));
      expect(pageSections).toEqual(previewSections);
      await expect.poll(() => draftKeys(page)).toHaveLength(0);
    });
  });
}
