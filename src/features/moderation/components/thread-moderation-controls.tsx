import { ActionForm } from "@/components/form/action-form";
import { Hidden, SelectField, TextField } from "@/components/form/fields";
import { getCurrentUser } from "@/server/auth/current-user";
import { lockThreadAction, moveThreadAction, pinThreadAction, unlockThreadAction, unpinThreadAction } from "../actions";
import { groupModerationRights, listMoveTargets } from "../queries/rights";

const FORM = "space-y-2";

/**
 * A "Moderate thread" menu: lock or unlock, pin or unpin, and move a group discussion to
 * another group the viewer moderates. Renders nothing unless the viewer (who must be the
 * signed-in person) may moderate threads in the thread's group.
 */
export async function ThreadModerationControls({
  thread,
  viewerId,
}: {
  thread: { id: string; groupId: string; locked: boolean; pinned: boolean; subject: string };
  viewerId: string;
}) {
  const viewer = await getCurrentUser();
  if (!viewer || viewer.id !== viewerId) return null;
  const rights = await groupModerationRights(viewer, thread.groupId);
  if (!rights.actOnThread) return null;
  const targets = thread.subject === "GROUP" ? await listMoveTargets(viewer, thread.groupId) : [];
  const threadId = <Hidden name="threadId" value={thread.id} />;
  return (
    <details className="text-sm" data-testid="moderate-thread">
      <summary className="cursor-pointer py-1 font-medium text-muted hover:text-ink">Moderate thread</summary>
      <div className="mt-2 grid gap-4 rounded-md border border-line bg-white p-3 sm:grid-cols-2">
        <ActionForm
          action={thread.locked ? unlockThreadAction : lockThreadAction}
          submitLabel={thread.locked ? "Unlock thread" : "Lock thread"}
          pendingLabel="Saving…"
          buttonVariant="secondary"
          className={FORM}
          ariaLabel={thread.locked ? "Unlock this thread" : "Lock this thread"}
        >
          {threadId}
          <TextField
            name="reason"
            label="Reason for the log"
            optional
            maxLength={500}
            hint={thread.locked ? undefined : "No one can post while it is locked."}
          />
        </ActionForm>
        <ActionForm
          action={thread.pinned ? unpinThreadAction : pinThreadAction}
          submitLabel={thread.pinned ? "Unpin thread" : "Pin thread"}
          pendingLabel="Saving…"
          buttonVariant="secondary"
          className={FORM}
          ariaLabel={thread.pinned ? "Unpin this thread" : "Pin this thread"}
        >
          {threadId}
          <TextField
            name="reason"
            label="Reason for the log"
            optional
            maxLength={500}
            hint={thread.pinned ? undefined : "Pinned threads list first in the group."}
          />
        </ActionForm>
        {thread.subject !== "GROUP" ? (
          <p className="text-muted sm:col-span-2">Threads attached to a paper move with the paper.</p>
        ) : targets.length === 0 ? (
          <p className="text-muted sm:col-span-2">You do not moderate another group to move this thread to.</p>
        ) : (
          <ActionForm
            action={moveThreadAction}
            submitLabel="Move thread"
            pendingLabel="Moving…"
            buttonVariant="secondary"
            className={`${FORM} sm:col-span-2`}
            ariaLabel="Move this thread to another group"
          >
            {threadId}
            <SelectField
              name="toGroupId"
              label="Move to"
              options={targets.map((g) => ({ value: g.id, label: g.name }))}
            />
            <TextField name="reason" label="Why move it? (recorded in both groups' logs)" maxLength={500} />
          </ActionForm>
        )}
      </div>
    </details>
  );
}
