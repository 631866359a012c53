/**
 * How a proposal's tally is judged against a paper's decision rules. Pure, so the same code
 * explains the outcome on the page and decides it when the proposal closes.
 */

import type { DecisionRules, Tally } from "@/features/papers/decision-rules";

export { DEFAULT_RULES, RULE_LIMITS, tallyOf } from "@/features/papers/decision-rules";
export type { DecisionRules, Tally };

export type RuleCheck = {
  rule: "quorum" | "threshold" | "practitioners" | "serviceUsers";
  met: boolean;
  detail: string;
};

/** Share of support among those who took a side, in percent (0 when nobody did). */
export function supportPercent(support: number, oppose: number): number {
  const sides = support + oppose;
  return sides === 0 ? 0 : (support / sides) * 100;
}

function formatPercent(value: number): string {
  return `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
}

function perspectiveCheck(
  rule: "practitioners" | "serviceUsers",
  label: string,
  support: number,
  oppose: number,
): RuleCheck {
  if (support + oppose === 0)
    return { rule, met: false, detail: `No ${label} have supported or opposed yet; a majority of them must support.` };
  const met = support > oppose;
  return {
    rule,
    met,
    detail: `${label[0].toUpperCase()}${label.slice(1)}: ${support} support, ${oppose} oppose — ${met ? "a majority supports" : "no majority in support"}.`,
  };
}

/**
 * Every rule with whether it is met. Abstentions count towards the quorum but not the threshold;
 * people who are both a practitioner and a service user count in both groups.
 */
export function evaluate(tally: Tally, rules: DecisionRules): RuleCheck[] {
  const votes = tally.support + tally.oppose + tally.abstain;
  const sides = tally.support + tally.oppose;
  // Whole-number arithmetic: 29 of 50 is exactly 58%, which floating point makes 57.99999999999999.
  const met = sides > 0 && tally.support * 100 >= rules.thresholdPercent * sides;
  // Rounded down, so a share just short of the threshold never reads as reaching it.
  const shown = sides === 0 ? 0 : Math.floor((tally.support * 1000) / sides) / 10;
  const checks: RuleCheck[] = [
    {
      rule: "quorum",
      met: votes >= rules.quorum,
      detail: `${votes} of at least ${rules.quorum} ${rules.quorum === 1 ? "vote" : "votes"} cast.`,
    },
    {
      rule: "threshold",
      met,
      detail: `${formatPercent(shown)} support among those who took a side; ${rules.thresholdPercent}% needed.`,
    },
  ];
  if (rules.requireBothPerspectives) {
    checks.push(
      perspectiveCheck("practitioners", "practitioners", tally.practitionerSupport, tally.practitionerOppose),
    );
    checks.push(perspectiveCheck("serviceUsers", "service users", tally.serviceUserSupport, tally.serviceUserOppose));
  }
  return checks;
}

export function passes(tally: Tally, rules: DecisionRules): boolean {
  return evaluate(tally, rules).every((check) => check.met);
}

/** Why a proposal failed, in one sentence for the record and the proposer's notification. */
export function failureReason(tally: Tally, rules: DecisionRules): string {
  const unmet = evaluate(tally, rules).filter((c) => !c.met);
  return unmet.map((c) => c.detail).join(" ");
}
