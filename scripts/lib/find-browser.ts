// Finds the Chromium that Playwright drives. Playwright cannot download its own browser build on our
// machines, so the system's Chromium comes first. Order:
//   1. $CHROMIUM_PATH (any Chromium or Chrome binary you choose)
//   2. /usr/bin/chromium            (Debian: apt-get install chromium)
//   3. /usr/bin/chromium-browser    (Ubuntu / older distributions)
//   4. Playwright's own build       (npx playwright install chromium, where downloads work)
// .ci/run checks the same places before it installs Debian's package.
import { accessSync, constants, existsSync } from "node:fs";
import { chromium } from "@playwright/test";

export const SYSTEM_CHROMIUM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The path of a Chromium binary, or an Error that says what to install. */
export function findBrowser(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (executable(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which is not an executable file. Fix or unset it.`);
  }
  for (const file of SYSTEM_CHROMIUM_PATHS) if (executable(file)) return file;
  let playwrights: string | undefined;
  try {
    playwrights = chromium.executablePath();
  } catch {
    // no browser registry entry for this platform
  }
  if (playwrights && existsSync(playwrights)) return playwrights;
  throw new Error(
    "No Chromium found for the end-to-end tests. Install one:\n" +
      "  Debian/Ubuntu:          sudo apt-get install chromium   (Ubuntu: chromium-browser)\n" +
      "  where downloads work:   npx playwright install chromium\n" +
      "or set CHROMIUM_PATH to a Chromium or Chrome binary.",
  );
}
