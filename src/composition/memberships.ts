import "server-only";
import {
  deleteAccount as deleteAccountWith,
  deleteAccountWithPassword as deleteAccountWithPasswordWith,
} from "@/features/accounts/delete-account";
import type { DeleteAccountInput, DeleteAccountWithPasswordInput } from "@/features/accounts/schemas";
import { leaveGroup as leaveGroupWith, removeMember as removeMemberWith } from "@/features/groups/membership-mutations";
import { withdrawOpenVotes } from "@/features/proposals/withdraw-votes";
import type { Actor } from "@/server/authz/permissions";

// Ending a membership withdraws the person's votes on proposals still being voted on (see
// features/proposals/withdraw-votes.ts for why). Groups and accounts sit below proposals, so their
// mutations take that step as an argument; these are the wired versions the app's Server Actions
// (src/app/actions/memberships.ts) and tests call.

export const leaveGroup = (actor: Actor, input: { groupId: string }) => leaveGroupWith(actor, input, withdrawOpenVotes);

export const removeMember = (actor: Actor, input: { groupId: string; userId: string; reason: string }) =>
  removeMemberWith(actor, input, withdrawOpenVotes);

export const deleteAccount = (actor: Actor, input: DeleteAccountInput) =>
  deleteAccountWith(actor, input, withdrawOpenVotes);

export const deleteAccountWithPassword = (input: DeleteAccountWithPasswordInput, context: { ip: string }) =>
  deleteAccountWithPasswordWith(input, context, withdrawOpenVotes);
