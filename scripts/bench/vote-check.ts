// After the vote load: the database against what the server acknowledged. No vote lost (every
// voter with a 2xx has its row), none doubled (one row per voter), each row written by that
// voter's last acknowledged request (the request's unique reason), and the proposal's kept
// tallies equal both a recount of the rows and the tally the acknowledgements imply.
import pg from "pg";
import type { Voter } from "./vote-seed";
import type { SentVote, VoterLedger } from "./votes";

export interface VoteCheck {
  name: string;
  pass: boolean;
  detail: string;
}

interface VoteRow {
  userId: string | null;
  choice: string;
  reason: string;
  proposalVersion: number;
  perspective: string;
}

const TALLY_KEYS = ["support", "oppose", "abstain", "practitionerSupport", "practitionerOppose", "serviceUserSupport", "serviceUserOppose"] as const;
type Tally = Record<(typeof TALLY_KEYS)[number], number>;

/** The tally rule of recountTally (src/features/papers/votes.ts): "both" counts for each side. */
function tallyOf(votes: { choice: string; perspective: string }[]): Tally {
  const tally = Object.fromEntries(TALLY_KEYS.map((k) => [k, 0])) as Tally;
  for (const { choice, perspective } of votes) {
    const practitioner = perspective === "PRACTITIONER" || perspective === "BOTH";
    const serviceUser = perspective === "SERVICE_USER" || perspective === "BOTH";
    if (choice === "SUPPORT") {
      tally.support += 1;
      if (practitioner) tally.practitionerSupport += 1;
      if (serviceUser) tally.serviceUserSupport += 1;
    } else if (choice === "OPPOSE") {
      tally.oppose += 1;
      if (practitioner) tally.practitionerOppose += 1;
      if (serviceUser) tally.serviceUserOppose += 1;
    } else tally.abstain += 1;
  }
  return tally;
}

const sameTally = (a: Tally, b: Tally) => TALLY_KEYS.every((k) => a[k] === b[k]);
const showTally = (t: Tally) =>
  `support ${t.support}, oppose ${t.oppose}, abstain ${t.abstain}; practitioners ${t.practitionerSupport}/${t.practitionerOppose}, service users ${t.serviceUserSupport}/${t.serviceUserOppose}`;
const matches = (row: VoteRow, vote: SentVote) => row.choice === vote.choice && row.reason === vote.reason;
const few = (items: string[]) => `${items.slice(0, 5).join("; ")}${items.length > 5 ? `; and ${items.length - 5} more` : ""}`;

export async function checkVotes(
  databaseUrl: string,
  proposal: { id: string; version: number },
  voters: Voter[],
  ledgers: VoterLedger[],
): Promise<{ checks: VoteCheck[]; rows: number; tally: Tally }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let rows: VoteRow[];
  let kept: Tally;
  try {
    rows = (
      await client.query<VoteRow>(`SELECT "userId", choice, reason, "proposalVersion", perspective FROM "Vote" WHERE "proposalId" = $1`, [proposal.id])
    ).rows;
    const p = await client.query<Record<string, number>>(
      `SELECT "supportCount", "opposeCount", "abstainCount", "practitionerSupportCount", "practitionerOpposeCount",
              "serviceUserSupportCount", "serviceUserOpposeCount"
         FROM "Proposal" WHERE id = $1`,
      [proposal.id],
    );
    const k = p.rows[0]!;
    kept = Object.fromEntries(TALLY_KEYS.map((key) => [key, k[`${key}Count`]!])) as Tally;
  } finally {
    await client.end();
  }

  const voterOf = new Map(voters.map((v) => [v.id, v]));
  const ledgerOf = new Map(ledgers.map((l) => [l.userId, l]));
  const rowsOf = new Map<string, VoteRow[]>();
  for (const row of rows) rowsOf.set(row.userId ?? "(none)", [...(rowsOf.get(row.userId ?? "(none)") ?? []), row]);
  const name = (userId: string) => voterOf.get(userId)?.displayName ?? userId;

  const lost: string[] = [];
  const doubled: string[] = [];
  const phantom: string[] = [];
  const notLast: string[] = [];
  const stale: string[] = [];
  for (const [userId, mine] of rowsOf) {
    if (mine.length > 1) doubled.push(`${name(userId)} has ${mine.length} rows`);
    if (!ledgerOf.has(userId)) phantom.push(`a row for ${name(userId)}, who did not vote`);
  }
  for (const ledger of ledgers) {
    const row = rowsOf.get(ledger.userId)?.[0];
    const last = ledger.lastAcknowledged;
    const possible = [...(last ? [last] : []), ...ledger.unsure];
    if (!row) {
      if (last) lost.push(`${name(ledger.userId)}: ${last.reason} was acknowledged, and there is no row`);
      continue;
    }
    if (possible.length === 0) phantom.push(`a row for ${name(ledger.userId)}, who got no 2xx (${row.reason})`);
    else if (!possible.some((vote) => matches(row, vote))) {
      notLast.push(`${name(ledger.userId)}: the row holds ${row.choice} "${row.reason}", the last acknowledged was ${last ? `${last.choice} "${last.reason}"` : "none"}`);
    }
    const perspective = voterOf.get(ledger.userId)?.perspective;
    if (row.proposalVersion !== proposal.version || row.perspective !== perspective) {
      stale.push(`${name(ledger.userId)}: version ${row.proposalVersion}, perspective ${row.perspective} (expected ${proposal.version}, ${perspective})`);
    }
  }

  const counted = rows.filter((r) => r.proposalVersion === proposal.version);
  const recount = tallyOf(counted);
  // The tally the acknowledgements imply. A voter with an unanswered request counts as its row
  // holds, which the checks above have matched against the votes it may have cast.
  const expected = tallyOf(
    ledgers.flatMap((l) => {
      const perspective = voterOf.get(l.userId)!.perspective;
      if (l.unsure.length > 0) return (rowsOf.get(l.userId) ?? []).map((row) => ({ choice: row.choice, perspective }));
      return l.lastAcknowledged ? [{ choice: l.lastAcknowledged.choice, perspective }] : [];
    }),
  );
  const acknowledgedVoters = ledgers.filter((l) => l.lastAcknowledged).length;
  const unsureVoters = ledgers.filter((l) => l.unsure.length > 0).length;

  const checks: VoteCheck[] = [
    {
      name: "no vote lost",
      pass: lost.length === 0,
      detail: lost.length === 0 ? `all ${acknowledgedVoters} voters with an acknowledged vote have a row` : few(lost),
    },
    { name: "no vote doubled", pass: doubled.length === 0, detail: doubled.length === 0 ? `${rows.length} rows, one per voter` : few(doubled) },
    { name: "no vote from nowhere", pass: phantom.length === 0, detail: phantom.length === 0 ? "every row belongs to a voter who got a 2xx" : few(phantom) },
    {
      name: "last acknowledged vote kept",
      pass: notLast.length === 0,
      detail:
        notLast.length === 0
          ? `every row holds its voter's last acknowledged choice and reason${unsureVoters > 0 ? ` (${unsureVoters} voters had requests without a clear outcome, no answer or 5xx: any of those was accepted too)` : ""}`
          : few(notLast),
    },
    { name: "version and perspective", pass: stale.length === 0, detail: stale.length === 0 ? `every row is on version ${proposal.version} with its voter's perspective` : few(stale) },
    {
      name: "kept tally = recount",
      pass: sameTally(kept, recount),
      detail: sameTally(kept, recount) ? showTally(kept) : `kept: ${showTally(kept)}; recount: ${showTally(recount)}`,
    },
    {
      name: "tally = acknowledged votes",
      pass: sameTally(kept, expected),
      detail: sameTally(kept, expected)
        ? `the last acknowledged votes give the same tally${unsureVoters > 0 ? ` (${unsureVoters} voters with requests without a clear outcome counted as their rows stand)` : ""}`
        : `kept: ${showTally(kept)}; acknowledged: ${showTally(expected)}`,
    },
  ];
  return { checks, rows: rows.length, tally: kept };
}
