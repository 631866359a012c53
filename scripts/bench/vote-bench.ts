// The vote part of `npm run bench`, once the server is up: a session per voter, the checks made
// before loading (the endpoint refuses cross-site, signed-out and non-member votes, and takes one
// vote, whose SQL is counted), the load itself, and the database checked against it afterwards.
import type { StatementCounter } from "./query-count";
import type { VoteReport } from "./report";
import { signedInCookies } from "./session";
import { checkVotes } from "./vote-check";
import type { SeededVotes } from "./vote-seed";
import { newLedger, postVote, record, runVoteLoad, voteHeaders, type SentVote, type VoteAnswer, type VoteTarget } from "./votes";

export interface VoteBenchOptions {
  databaseUrl: string;
  baseUrl: string;
  secret: string;
  voters: number;
  durationSec: number;
  warmupSec: number;
  /** Counts one vote's SQL statements; null skips that. */
  counter: StatementCounter | null;
  /** A signed-in cookie of someone outside the voting group. */
  outsiderCookie: string;
  say: (line: string) => void;
}

async function expectRefusal(target: VoteTarget, what: string, headers: Record<string, string>, status: number) {
  const answer = await postVote(target, { choice: "SUPPORT", reason: `bench: ${what}` }, headers);
  if (answer.status !== status) throw new Error(`A vote ${what} answered ${answer.status}, not ${status}: ${answer.body.slice(0, 300)}`);
}

export async function benchVotes(data: SeededVotes, o: VoteBenchOptions): Promise<VoteReport> {
  if (o.voters > data.members.length) throw new Error(`BENCH_VOTERS=${o.voters} is more than the ${data.members.length} members seeded.`);
  const target: VoteTarget = { baseUrl: o.baseUrl, proposalId: data.proposalId, version: data.version };
  const members = data.members.slice(0, o.voters);
  const cookies = await signedInCookies(o.databaseUrl, members, o.secret);
  const voters = members.map((m, i) => ({ ledger: newLedger(m.id), cookie: cookies[i]! }));

  const first = voters[0]!;
  await expectRefusal(target, "from another site", { ...voteHeaders(o.baseUrl, first.cookie), origin: "http://elsewhere.invalid" }, 403);
  await expectRefusal(target, "signed out", { origin: new URL(o.baseUrl).origin }, 401);
  await expectRefusal(target, "by a non-member", voteHeaders(o.baseUrl, o.outsiderCookie), 403);
  // One vote answered before the load: the endpoint works, and its SQL is counted.
  const vote: SentVote = { choice: "SUPPORT", reason: "bench vote 1.0" };
  const answers: VoteAnswer[] = [];
  const cast = async () => void answers.push(await postVote(target, vote, voteHeaders(o.baseUrl, first.cookie)));
  const sql = o.counter ? await o.counter.count(cast) : (await cast(), null);
  const answer = answers[0]!;
  record(first.ledger, vote, answer);
  if (answer.status !== 200) throw new Error(`A vote by a member answered ${answer.status}, not 200: ${answer.body.slice(0, 300)}`);
  o.say(
    `The vote endpoint refuses cross-site, signed-out and non-member votes, and takes a member's` +
      (sql ? ` (${sql.statements} SQL statements, ${sql.dbMs.toFixed(1)} ms in PostgreSQL)` : "") +
      `. ${o.voters} voters voting for ${o.durationSec} s after a ${o.warmupSec} s warm-up…`,
  );

  const measurement = await runVoteLoad(target, voters, { durationSec: o.durationSec, warmupSec: o.warmupSec });
  const ledgers = voters.map((v) => v.ledger);
  const { checks, rows } = await checkVotes(o.databaseUrl, { id: data.proposalId, version: data.version }, data.members, ledgers);
  return { measurement, sql, members: data.members.length, rows, checks };
}
