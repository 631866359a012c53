import "server-only";
import type { Tx } from "./db";

// Row locks that serialise changes to who belongs to what, so rules like "a group keeps one owner"
// and "an organisation keeps one admin" hold under concurrency. Take them first in a transaction.

/** Serialises membership changes in one group. */
export async function lockGroup(tx: Tx, groupId: string) {
  await tx.$queryRaw`SELECT id FROM "Group" WHERE id = ${groupId}::uuid FOR UPDATE`;
}

/** Serialises admin changes in one organisation. */
export async function lockOrganisation(tx: Tx, organisationId: string) {
  await tx.$queryRaw`SELECT id FROM "Organisation" WHERE id = ${organisationId}::uuid FOR UPDATE`;
}
