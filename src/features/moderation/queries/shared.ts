import "server-only";

export const FORMER_MEMBER = "former member";

type PersonRow = { handle: string; displayName: string; deletedAt: Date | null } | null;
/** A person as shown next to their contributions; null once the account is gone. */
export function personOf(user: PersonRow) {
  return user && !user.deletedAt ? { handle: user.handle, displayName: user.displayName } : null;
}
