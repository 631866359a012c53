// `npx tsx scripts/make-icons.ts`: draws the PNG icons and favicon.ico in public/ from public/icon.svg,
// with the Chromium the tests use (no image tools needed). Run it after changing the SVG and commit
// what it writes; the app serves the files as they are (src/app/layout.tsx and
// public/manifest.webmanifest name them).
//
//   icons/icon-192.png, icons/icon-512.png   the logo as drawn (rounded corners, transparent outside)
//   icons/maskable-512.png                   full-bleed square: Android crops it to its own shape; the
//                                            glyph stays inside the central safe zone (80% circle)
//   apple-touch-icon.png (180)               full-bleed and opaque: iOS rounds the corners itself and
//                                            shows transparency as black
//   favicon.ico (16, 32, 48)                 for clients that ask for /favicon.ico and read no <link>
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { findBrowser } from "./lib/find-browser";
import { ROOT } from "./lib/processes";

const PUBLIC = path.join(ROOT, "public");
const logo = readFileSync(path.join(PUBLIC, "icon.svg"), "utf8");
/** The same drawing without the rounded corners. */
const fullBleed = logo.replace(/\srx="[^"]*"/, "");
if (fullBleed === logo) throw new Error("public/icon.svg has no rx= on its background: update scripts/make-icons.ts");

/** One ICO file holding PNG images (supported by every browser since Windows Vista's format change). */
function ico(pngs: { size: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(({ size, data }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2); // no palette
    header.writeUInt8(0, entry + 3);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(data.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...pngs.map((p) => p.data)]);
}

async function main() {
  const browser = await chromium.launch({
    executablePath: findBrowser(),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const draw = async (svg: string, size: number) => {
      await page.setViewportSize({ width: size, height: size });
      const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
      await page.setContent(
        `<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
      );
      await page.locator("img").evaluate((img: HTMLImageElement) => img.decode());
      return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    };
    mkdirSync(path.join(PUBLIC, "icons"), { recursive: true });
    const favicons: { size: number; data: Buffer }[] = [];
    for (const size of [16, 32, 48]) favicons.push({ size, data: await draw(logo, size) });
    const files: [string, Buffer][] = [
      ["icons/icon-192.png", await draw(logo, 192)],
      ["icons/icon-512.png", await draw(logo, 512)],
      ["icons/maskable-512.png", await draw(fullBleed, 512)],
      ["apple-touch-icon.png", await draw(fullBleed, 180)],
      ["favicon.ico", ico(favicons)],
    ];
    for (const [file, data] of files) {
      writeFileSync(path.join(PUBLIC, file), data);
      console.log(`wrote public/${file} (${data.length} bytes)`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
