import { diffArrays } from "diff";
import { tokenize } from "./tokens";

/** Runs of [revisionNumber, tokenCount] covering a text's tokens in order. */
export type ProvenanceRuns = [revision: number, tokens: number][];

export type Passage = { revision: number; text: string };

/** Provenance for a brand-new text: every token comes from one revision. */
export function freshRuns(text: string, revision: number): ProvenanceRuns {
  const count = tokenize(text).length;
  return count === 0 ? [] : [[revision, count]];
}

function expand(runs: ProvenanceRuns, length: number, fallback: number): number[] {
  const perToken: number[] = [];
  for (const [revision, count] of runs) {
    // Stop at the text's length, so a corrupt run count can never make this loop run away.
    for (let i = 0; i < count && perToken.length < length; i++) perToken.push(revision);
  }
  // Runs that do not cover the text (old data, or a bug) are padded rather than trusted blindly.
  while (perToken.length < length) perToken.push(fallback);
  return perToken.slice(0, length);
}

function compress(perToken: number[]): ProvenanceRuns {
  const runs: ProvenanceRuns = [];
  for (const revision of perToken) {
    const last = runs.at(-1);
    if (last && last[0] === revision) last[1]++;
    else runs.push([revision, 1]);
  }
  return runs;
}

const CARRY_TIMEOUT_MS = 500;

/**
 * Carries provenance across an edit: unchanged tokens keep the revision that wrote them,
 * inserted tokens belong to the new revision.
 */
export function carryRuns(before: string, beforeRuns: ProvenanceRuns, after: string, revision: number): ProvenanceRuns {
  const oldTokens = tokenize(before);
  const newTokens = tokenize(after);
  const oldOwners = expand(beforeRuns, oldTokens.length, revision);
  const owners: number[] = [];
  let oldIndex = 0;
  // Merges run on the server's thread; two long texts too different to diff in time are, for
  // provenance, simply a new text written by this revision.
  const changes = diffArrays(oldTokens, newTokens, { timeout: CARRY_TIMEOUT_MS });
  if (!changes) return newTokens.length > 0 ? [[revision, newTokens.length]] : [];
  for (const change of changes) {
    const count = change.value.length;
    if (change.removed) oldIndex += count;
    else if (change.added) for (let i = 0; i < count; i++) owners.push(revision);
    else for (let i = 0; i < count; i++) owners.push(oldOwners[oldIndex++]);
  }
  return compress(owners);
}

/**
 * Splits a text into passages by who wrote them. Whitespace between two passages of the same
 * revision does not split them, so a passage reads as a phrase rather than a scatter of words.
 */
export function passagesOf(text: string, runs: ProvenanceRuns): Passage[] {
  const tokens = tokenize(text);
  const owners = expand(runs, tokens.length, runs.at(-1)?.[0] ?? 1);
  const passages: Passage[] = [];
  tokens.forEach((token, i) => {
    const last = passages.at(-1);
    const owner = /^\s+$/.test(token) && last ? last.revision : owners[i];
    if (last && last.revision === owner) last.text += token;
    else passages.push({ revision: owner, text: token });
  });
  return passages;
}

export function parseRuns(value: unknown): ProvenanceRuns {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (run): run is [number, number] =>
      Array.isArray(run) && run.length === 2 && Number.isInteger(run[0]) && Number.isInteger(run[1]) && run[1] > 0,
  );
}
