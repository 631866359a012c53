import { cache } from "react";
import { ActionForm } from "@/components/form/action-form";
import { Hidden, TextField } from "@/components/form/fields";
import { formatDate } from "@/lib/dates";
import { getCurrentUser } from "@/server/auth/current-user";
import { suspendMemberAction, unsuspendMemberAction } from "../actions";
import { suspendedMembersOf } from "../queries/suspensions";

/** One query per request and group, however many members the page lists. */
const suspendedIn = cache(async (groupId: string) => suspendedMembersOf(await getCurrentUser(), groupId));

/** Lifts a suspension early; also used in the moderation page's list of suspensions. */
export function LiftSuspensionForm({
  groupId,
  userId,
  displayName,
}: {
  groupId: string;
  userId: string;
  displayName: string;
}) {
  return (
    <ActionForm
      action={unsuspendMemberAction}
      submitLabel="Lift suspension"
      pendingLabel="Lifting…"
      buttonVariant="secondary"
      className="space-y-2"
      ariaLabel={`Lift the suspension of ${displayName}`}
    >
      <Hidden name="groupId" value={groupId} />
      <Hidden name="userId" value={userId} />
    </ActionForm>
  );
}

/**
 * For a row of the members page: "Suspend…" (days and a reason), or "Suspended until … (lift)"
 * when the member is suspended. One form in one place whose action swaps, so the result message
 * stays after the change. Renders nothing for people who may not suspend members, and on one's own row.
 */
export async function SuspendMemberForm({
  groupId,
  userId,
  displayName,
}: {
  groupId: string;
  userId: string;
  displayName: string;
}) {
  const viewer = await getCurrentUser();
  if (!viewer || viewer.id === userId) return null;
  const suspended = await suspendedIn(groupId);
  if (!suspended) return null;
  const until = suspended.get(userId);
  return (
    <details className="text-sm" data-testid={`suspension-${userId}`}>
      <summary className={`cursor-pointer py-2 font-medium ${until ? "text-danger" : ""}`}>
        {until ? `Suspended until ${formatDate(until)}…` : "Suspend…"}
      </summary>
      <ActionForm
        key="suspension"
        action={until ? unsuspendMemberAction : suspendMemberAction}
        submitLabel={until ? "Lift suspension" : `Suspend ${displayName}`}
        pendingLabel={until ? "Lifting…" : "Suspending…"}
        buttonVariant={until ? "secondary" : "danger"}
        className="mt-2 space-y-2"
        ariaLabel={until ? `Lift the suspension of ${displayName}` : `Suspend ${displayName} from the group`}
      >
        <Hidden name="groupId" value={groupId} />
        <Hidden name="userId" value={userId} />
        {until ? null : (
          <>
            <TextField
              name="days"
              label="Days"
              type="number"
              defaultValue="7"
              hint="They keep reading but cannot post, react, report or vote."
            />
            <TextField name="reason" label="Reason (shown to them and in the moderation log)" maxLength={500} />
          </>
        )}
      </ActionForm>
    </details>
  );
}
