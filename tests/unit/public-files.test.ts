import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { metadata, viewport } from "@/app/layout";

// The layout's header reads the session and the database; only the layout's metadata is under test.
vi.mock("@/app/_components/site-header", () => ({ SiteHeader: () => null }));

// public/: the web app manifest, the icons it and the root layout name, and colours that are the
// theme's own. The e2e check (e2e/public-files.spec.ts) fetches them from the running app.

const root = path.resolve(__dirname, "../..");
const publicFile = (url: string) => path.join(root, "public", url.replace(/^\//, ""));
const manifest = JSON.parse(readFileSync(publicFile("/manifest.webmanifest"), "utf8")) as {
  name: string;
  short_name: string;
  start_url: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: { src: string; type: string; sizes: string; purpose?: string }[];
};
const themeColour = (name: string) =>
  readFileSync(path.join(root, "src/app/globals.css"), "utf8").match(
    new RegExp(`--color-${name}:\\s*(#[0-9a-f]{6});`, "i"),
  )?.[1];

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string) {
  const data = readFileSync(file);
  expect(data.subarray(1, 4).toString("latin1"), `${file} is a PNG`).toBe("PNG");
  return `${data.readUInt32BE(16)}x${data.readUInt32BE(20)}`;
}

describe("the web app manifest", () => {
  it("lets the site be added to a home screen", () => {
    expect(manifest.name).toBe("Policy Commons");
    expect(manifest.short_name.length).toBeLessThanOrEqual(12); // longer names are cut under the icon
    expect(manifest.start_url).toBe("/");
    expect(manifest.display).toBe("standalone");
    // Chrome's installability: a 192 and a 512 PNG.
    expect(manifest.icons.filter((i) => i.type === "image/png").map((i) => i.sizes)).toEqual(
      expect.arrayContaining(["192x192", "512x512"]),
    );
    expect(manifest.icons.some((i) => i.purpose === "maskable")).toBe(true);
  });

  it("uses the theme's colours, the same as the page's theme-color", () => {
    expect(manifest.theme_color).toBe(themeColour("accent"));
    expect(manifest.background_color).toBe(themeColour("paper"));
    expect(viewport.themeColor).toBe(themeColour("accent"));
  });

  it("names icons that exist, at the sizes it says", () => {
    for (const icon of manifest.icons) {
      expect(existsSync(publicFile(icon.src)), icon.src).toBe(true);
      if (icon.type === "image/png") expect(pngSize(publicFile(icon.src)), icon.src).toBe(icon.sizes);
    }
  });
});

describe("the root layout's metadata", () => {
  it("links the manifest and icons that exist in public/", () => {
    expect(existsSync(publicFile(String(metadata.manifest)))).toBe(true);
    const icons = metadata.icons as { icon: { url: string }[]; apple: { url: string; sizes: string }[] };
    for (const { url } of [...icons.icon, ...icons.apple]) expect(existsSync(publicFile(url)), url).toBe(true);
    expect(pngSize(publicFile(icons.apple[0]!.url))).toBe(icons.apple[0]!.sizes);
  });

  it("leaves /robots.txt to src/app/robots.ts (a file in public/ could not name the sitemap's absolute address)", () => {
    expect(existsSync(publicFile("/robots.txt"))).toBe(false);
    expect(existsSync(path.join(root, "src/app/robots.ts"))).toBe(true);
  });
});
