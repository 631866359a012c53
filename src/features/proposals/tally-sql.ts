// The rule for a proposal's kept tallies, as SQL over "Vote" rows: "both" counts for each side.
// One definition for the app's recount, the bench seed and the fault tests' invariant check.
// No imports on purpose: scripts outside Next read it too.

/** The tally columns of "Proposal", paired with the aliases TALLY_COUNTS gives them. */
export const TALLY_COLUMNS = {
  supportCount: "support",
  opposeCount: "oppose",
  abstainCount: "abstain",
  practitionerSupportCount: "ps",
  practitionerOpposeCount: "po",
  serviceUserSupportCount: "ss",
  serviceUserOpposeCount: "so",
} as const;

/** SELECT-list expressions counting the votes of each kind, aliased as in TALLY_COLUMNS. */
export const TALLY_COUNTS = `
  count(*) FILTER (WHERE choice = 'SUPPORT') AS support,
  count(*) FILTER (WHERE choice = 'OPPOSE') AS oppose,
  count(*) FILTER (WHERE choice = 'ABSTAIN') AS abstain,
  count(*) FILTER (WHERE choice = 'SUPPORT' AND perspective IN ('PRACTITIONER', 'BOTH')) AS ps,
  count(*) FILTER (WHERE choice = 'OPPOSE' AND perspective IN ('PRACTITIONER', 'BOTH')) AS po,
  count(*) FILTER (WHERE choice = 'SUPPORT' AND perspective IN ('SERVICE_USER', 'BOTH')) AS ss,
  count(*) FILTER (WHERE choice = 'OPPOSE' AND perspective IN ('SERVICE_USER', 'BOTH')) AS so`;

const pairs = Object.entries(TALLY_COLUMNS);

/** SET list copying the counts of subquery `t` into the kept tally columns of "Proposal" p. */
export const TALLY_ASSIGNMENTS = pairs.map(([column, alias]) => `"${column}" = t.${alias}`).join(", ");

/** True when proposal p's kept tallies differ from the counts of subquery `t`. */
export const TALLY_DIFFERS = pairs.map(([column, alias]) => `p."${column}" <> t.${alias}`).join(" OR ");

/**
 * SET list moving proposal p's kept tallies by one change of votes: plus the counts of subquery `t`
 * (the votes as they are now), minus those of subquery `was` (the votes they replaced).
 */
export const TALLY_ADJUSTMENTS = pairs
  .map(([column, alias]) => `"${column}" = p."${column}" + t.${alias} - was.${alias}`)
  .join(", ");
