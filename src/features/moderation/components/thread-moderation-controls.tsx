import { Hidden, SelectField, TextField } from "@/components/form/fields";
import { getCurrentUser } from "@/server/auth/current-user";
import { lockThreadAction, moveThreadAction, pinThreadAction, unlockThreadAction, unpinThreadAction } from "../actions";
import { groupModerationRights, listMoveTargets } from "../queries/rights";
import { ModerationForm } from "./moderation-form";

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
        <ModerationForm
          action={thread.locked ? unlockThreadAction : lockThreadAction}
          submitLabel={thread.locked ? "Unlock thread" : "Lock thread"}
          ariaLabel={thread.locked ? "Unlock this thread" : "Lock this thread"}
          hidden={threadId}
          reason={{ hint: thread.locked ? undefined : "No one can post while it is locked." }}
        />
        <ModerationForm
          action={thread.pinned ? unpinThreadAction : pinThreadAction}
          submitLabel={thread.pinned ? "Unpin thread" : "Pin thread"}
          ariaLabel={thread.pinned ? "Unpin this thread" : "Pin this thread"}
          hidden={threadId}
          reason={{ hint: thread.pinned ? undefined : "Pinned threads list first in the group." }}
        />
        {thread.subject !== "GROUP" ? (
          <p className="text-muted sm:col-span-2">Threads attached to a paper move with the paper.</p>
        ) : targets.length === 0 ? (
          <p className="text-muted sm:col-span-2">You do not moderate another group to move this thread to.</p>
        ) : (
          <ModerationForm
            action={moveThreadAction}
            submitLabel="Move thread"
            pendingLabel="Moving…"
            className="space-y-2 sm:col-span-2"
            ariaLabel="Move this thread to another group"
            hidden={threadId}
            reason={null}
          >
            <SelectField
              name="toGroupId"
              label="Move to"
              options={targets.map((g) => ({ value: g.id, label: g.name }))}
            />
            <TextField name="reason" label="Why move it? (recorded in both groups' logs)" maxLength={500} />
          </ModerationForm>
        )}
      </div>
    </details>
  );
}
