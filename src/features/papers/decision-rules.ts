/**
 * A paper's decision rules as its owners set them, and a proposal's kept tallies as pages read
 * them. Pure data shapes, here because papers store the rules and show tallies in their history;
 * how a tally is judged against the rules lives in features/proposals/rules.ts.
 */

export type DecisionRules = {
  quorum: number;
  thresholdPercent: number;
  requireBothPerspectives: boolean;
};

export type Tally = {
  support: number;
  oppose: number;
  abstain: number;
  practitionerSupport: number;
  practitionerOppose: number;
  serviceUserSupport: number;
  serviceUserOppose: number;
};

export const DEFAULT_RULES = {
  votingPeriodHours: 72,
  quorum: 3,
  thresholdPercent: 60,
  publishThresholdPercent: 67,
  requireBothPerspectives: false,
};

export const RULE_LIMITS = {
  votingPeriodHours: { min: 1, max: 24 * 60 },
  quorum: { min: 1, max: 10_000 },
  thresholdPercent: { min: 50, max: 100 },
} as const;

/** Reads a proposal row's kept counters as a tally. */
export function tallyOf(p: {
  supportCount: number;
  opposeCount: number;
  abstainCount: number;
  practitionerSupportCount: number;
  practitionerOpposeCount: number;
  serviceUserSupportCount: number;
  serviceUserOpposeCount: number;
}): Tally {
  return {
    support: p.supportCount,
    oppose: p.opposeCount,
    abstain: p.abstainCount,
    practitionerSupport: p.practitionerSupportCount,
    practitionerOppose: p.practitionerOpposeCount,
    serviceUserSupport: p.serviceUserSupportCount,
    serviceUserOppose: p.serviceUserOpposeCount,
  };
}
