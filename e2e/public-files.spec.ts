import { devices, expect, test } from "@playwright/test";

// What a public site serves besides its pages: /robots.txt naming the sitemap by its absolute
// address (src/app/robots.ts), the web app manifest and the icons in public/, linked from every
// page's <head> (src/app/layout.tsx), so the site can be added to a phone's home screen.

test("robots.txt names the sitemap by its absolute address, and the sitemap answers", async ({ request, baseURL }) => {
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  expect(robots.headers()["content-type"]).toMatch(/^text\/plain/);
  // Both name the site's address, which may come from the request's Host: caches keep one per host.
  expect(robots.headers().vary).toMatch(/Host, X-Forwarded-Host/);
  const text = await robots.text();
  expect(text).toMatch(/^User-Agent: \*$/m);
  const sitemap = text.match(/^Sitemap: (\S+)$/m)?.[1];
  expect(sitemap).toBe(`${new URL(baseURL!).origin}/sitemap.xml`);
  const xml = await request.get(new URL(sitemap!).pathname);
  expect(xml.status()).toBe(200);
  expect(await xml.text()).toContain("<urlset");
  expect(xml.headers().vary).toMatch(/Host, X-Forwarded-Host/);
});

test("the web app manifest is valid JSON, and each of its icons is an image that answers", async ({ request }) => {
  const response = await request.get("/manifest.webmanifest");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^application\/manifest\+json/);
  const manifest = (await response.json()) as {
    name: string;
    display: string;
    start_url: string;
    icons: { src: string; type: string; sizes: string }[];
  };
  expect(manifest).toMatchObject({ name: "Policy Commons", display: "standalone", start_url: "/" });
  expect(manifest.icons.length).toBeGreaterThanOrEqual(3);
  for (const icon of manifest.icons) {
    const image = await request.get(icon.src);
    expect(image.status(), icon.src).toBe(200);
    expect(image.headers()["content-type"], icon.src).toBe(icon.type);
    expect(image.headers()["x-content-type-options"], icon.src).toBe("nosniff");
    if (icon.type === "image/png") {
      const png = await image.body();
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.src).toBe(icon.sizes);
    }
  }
  for (const [path, type] of [
    ["/favicon.ico", /^image\/(x-icon|vnd\.microsoft\.icon)/],
    ["/apple-touch-icon.png", /^image\/png/],
  ] as const) {
    const file = await request.get(path);
    expect(file.status(), path).toBe(200);
    expect(file.headers()["content-type"], path).toMatch(type);
  }
});

test("every page links the manifest, the icons and the theme colour", async ({ page, request }) => {
  for (const path of ["/", "/groups", "/no-such-page"]) {
    await page.goto(path);
    const head = page.locator("head");
    await expect(head.locator('link[rel="manifest"]'), path).toHaveAttribute("href", "/manifest.webmanifest");
    await expect(head.locator('link[rel="apple-touch-icon"]'), path).toHaveAttribute("href", "/apple-touch-icon.png");
    await expect(head.locator('link[rel="icon"][type="image/svg+xml"]'), path).toHaveAttribute("href", "/icon.svg");
    await expect(head.locator('meta[name="theme-color"]'), path).toHaveAttribute("content", "#0f5e5a");
  }
  // Each linked file answers (the CSP's default-src 'self' covers the manifest and the icons).
  for (const href of await page
    .locator('head link[rel="manifest"], head link[rel~="icon"], head link[rel="apple-touch-icon"]')
    .evaluateAll((links) => links.map((l) => l.getAttribute("href")!))) {
    expect((await request.get(href)).status(), href).toBe(200);
  }
});

// The phone's screen, touch and user agent; the browser stays the project's Chromium.
const { defaultBrowserType: _browser, ...phone } = devices["Pixel 7"];

test.describe("on a phone", () => {
  test.use(phone);

  test("the home page fits the screen, and the browser reads the manifest without errors", async ({
    page,
  }, testInfo) => {
    const failed: string[] = [];
    page.on("response", (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    await page.goto("/");
    await expect(page.getByRole("link", { name: "Policy Commons" }).first()).toBeVisible();
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.scroll, "no sideways scrolling").toBeLessThanOrEqual(widths.viewport);
    await testInfo.attach("home-on-a-phone", {
      body: await page.screenshot({ fullPage: true }),
      contentType: "image/png",
    });
    expect(failed, "every file the page loads answers").toEqual([]);

    // Chromium's own manifest parser, and its "can this be installed" checks.
    const cdp = await page.context().newCDPSession(page);
    const manifest = (await cdp.send("Page.getAppManifest")) as { url: string; errors: { message: string }[] };
    expect(new URL(manifest.url).pathname).toBe("/manifest.webmanifest");
    expect(manifest.errors).toEqual([]);
    const installability = (await cdp.send("Page.getInstallabilityErrors")) as {
      installabilityErrors: { errorId: string }[];
    };
    // Playwright's contexts are incognito, where nothing installs; any other reason is the site's.
    expect(installability.installabilityErrors.map((e) => e.errorId).filter((id) => id !== "in-incognito")).toEqual([]);
  });
});
