// The errors the permission map's refusals turn into, with words a person can act on. The
// decisions are in permissions.ts; this file only says them. Pure: no I/O.
import { forbidden, unauthenticated } from "../errors";
import { formatDate } from "@/lib/dates";
import { canForSelf, isAccountSuspended, type Actor, type SelfPermission } from "./permissions";

export type SignedIn = NonNullable<Actor>;

/** Anonymous callers are asked to sign in before anything is looked up. */
export function requireActor(actor: Actor): SignedIn {
  if (!actor) throw unauthenticated();
  return actor;
}

/** What a suspended account is told when it tries to do something it may not. */
export function accountSuspendedMessage(until: Date | null): string {
  const when = until ? ` until ${formatDate(until)}` : "";
  return `Your account is suspended${when}: you can read, see your notifications, download your data or delete your account, but not change anything.`;
}

/** What a member suspended from one group is told there. */
export function groupSuspendedMessage(until: Date): string {
  return `You are suspended from this group until ${formatDate(until)}.`;
}

/** FORBIDDEN for a suspended account, if it is one. */
export function assertNotSuspended(actor: SignedIn): void {
  if (isAccountSuspended(actor)) throw forbidden(accountSuspendedMessage(actor.suspendedUntil));
}

/** The signed-in actor, if it may do this for itself; otherwise UNAUTHENTICATED or FORBIDDEN. */
export function assertSelf(actor: Actor, permission: SelfPermission): SignedIn {
  const me = requireActor(actor);
  if (!canForSelf(me, permission)) throw forbidden(accountSuspendedMessage(me.suspendedUntil));
  return me;
}
