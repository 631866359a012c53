// REQUIRE_TWO_STEP_FOR: the roles whose powers a site holds back until the account has two-step
// sign-in on. Pure: no I/O. The session applies it (server/auth/session-store.ts) and the
// permission map reads the result from the actor (awaitingTwoStep in permissions.ts).

export const TWO_STEP_ROLES = ["admins", "group-owners"] as const;
export type TwoStepRole = (typeof TWO_STEP_ROLES)[number];

/** The roles named in the variable ("admins,group-owners"), or null when it names something else. */
export function parseTwoStepRequirement(value: string): TwoStepRole[] | null {
  const names = value
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (names.some((name) => !(TWO_STEP_ROLES as readonly string[]).includes(name))) return null;
  return [...new Set(names)] as TwoStepRole[];
}
