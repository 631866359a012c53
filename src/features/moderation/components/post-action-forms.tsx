import { Hidden } from "@/components/form/fields";
import {
  dismissReportsAction,
  featurePostAction,
  hidePostAction,
  removePostAction,
  restorePostAction,
  unfeaturePostAction,
} from "../actions";
import { ModerationForm } from "./moderation-form";

export type ModeratedPost = { id: string; status: "VISIBLE" | "HIDDEN" | "REMOVED" | "DELETED"; featured: boolean };

const STATUS_FORMS = {
  hide: {
    action: hidePostAction,
    submitLabel: "Hide post",
    pendingLabel: "Hiding…",
    variant: "secondary",
    reasonLabel: "Why hide it? (shown in its place)",
    optional: false,
    hint: "Moderators can still read a hidden post.",
  },
  remove: {
    action: removePostAction,
    submitLabel: "Remove post",
    pendingLabel: "Removing…",
    variant: "danger",
    reasonLabel: "Why remove it? (shown in its place)",
    optional: false,
    hint: "Its text will not be shown to anyone.",
  },
  restore: {
    action: restorePostAction,
    submitLabel: "Restore post",
    pendingLabel: "Restoring…",
    variant: "secondary",
    reasonLabel: "Reason for the log",
    optional: true,
    hint: undefined,
  },
} as const;

/**
 * Two fixed slots hold the status changes. The form just used stays where it was and becomes the
 * way back (hide turns into restore, remove into hide), so it keeps its result message:
 *   visible: [hide]    [remove]
 *   hidden:  [restore] [remove]
 *   removed: [restore] [hide]
 */
function statusSlots(
  status: Exclude<ModeratedPost["status"], "DELETED">,
): [keyof typeof STATUS_FORMS, keyof typeof STATUS_FORMS] {
  if (status === "VISIBLE") return ["hide", "remove"];
  if (status === "HIDDEN") return ["restore", "remove"];
  return ["restore", "hide"];
}

/**
 * The moderator's forms for one post: hide, remove, restore (whichever change the status), key
 * contribution on or off, and, in the review queue, dismissing the reports (and coming back to the
 * queue afterwards). Shown only to those who may use them; every action checks again.
 */
export function PostActionForms({ post, inQueue = false }: { post: ModeratedPost; inQueue?: boolean }) {
  if (post.status === "DELETED" && !inQueue) return null;
  const hidden = (
    <>
      <Hidden name="postId" value={post.id} />
      {inQueue ? <Hidden name="returnTo" value="queue" /> : null}
    </>
  );
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {post.status !== "DELETED"
        ? statusSlots(post.status).map((kind, slot) => {
            const f = STATUS_FORMS[kind];
            return (
              <ModerationForm
                // biome-ignore lint/suspicious/noArrayIndexKey: keyed by slot on purpose (see the comment above): the form just used keeps its place and its result message when it turns into the way back
                key={`slot-${slot}`}
                action={f.action}
                submitLabel={f.submitLabel}
                pendingLabel={f.pendingLabel}
                variant={f.variant}
                hidden={hidden}
                reason={{ label: f.reasonLabel, optional: f.optional, hint: f.hint }}
              />
            );
          })
        : null}
      {post.status === "VISIBLE" ? (
        <ModerationForm
          key="feature"
          action={post.featured ? unfeaturePostAction : featurePostAction}
          submitLabel={post.featured ? "Unmark key contribution" : "Mark as key contribution"}
          ariaLabel={post.featured ? "Unmark as key contribution" : "Mark as key contribution"}
          hidden={hidden}
          reason={null}
        />
      ) : null}
      {inQueue ? (
        <ModerationForm
          key="dismiss"
          action={dismissReportsAction}
          submitLabel="Dismiss reports"
          pendingLabel="Dismissing…"
          hidden={hidden}
          reason={{ hint: "Nothing wrong here. A post hidden only by reports shows again." }}
        />
      ) : null}
    </div>
  );
}
