// End-to-end tests: Chromium against the production build (`next build && next start`).
// `npm test -- --e2e` builds, seeds and starts the app itself and passes its address in
// E2E_BASE_URL; run by hand (`npx playwright test`) they expect the app at http://localhost:3000.
// Shared fixtures live in e2e/fixtures.ts; test files are e2e/**/*.spec.ts (or *.test.ts).
import { defineConfig, devices } from "@playwright/test";
import { findBrowser } from "./scripts/lib/find-browser";

const ci = !!process.env.CI;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e-artifacts",
  fullyParallel: false,
  forbidOnly: ci,
  retries: ci ? 1 : 0,
  // Two cores: the browser, Next.js and PostgreSQL share them.
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? "http://localhost:3000",
    trace: "on-first-retry",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: findBrowser(),
          // Root in a box without a sandbox, and no network beyond this machine: keep Chromium quiet.
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
});
