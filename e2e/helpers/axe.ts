import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

// The one axe check the journeys share: WCAG 2.2 A and AA, and serious or critical findings fail.

/** No serious or critical axe findings on what the page shows now; `label` names it in a failure. */
export async function expectNoSeriousViolations(page: Page, label = page.url()) {
  // After a client-side navigation (a Server Action's redirect) Next sets the new page's <title> a
  // moment after its content shows; scanning in between reports "document-title" for a page that has one.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")})`,
    ),
    label,
  ).toEqual([]);
}
