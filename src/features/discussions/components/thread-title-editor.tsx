"use client";

import { useCallback, useRef, useState } from "react";
import { ActionForm } from "@/components/form/action-form";
import { Hidden, TextField } from "@/components/form/fields";
import type { FormState } from "@/server/action";
import { editThreadTitleAction } from "../actions";
import { MAX_TITLE_LENGTH } from "../policy";

const linkButton = "rounded px-2 py-1 text-sm font-medium text-accent-dark hover:bg-accent-soft";

/**
 * "Edit title" for the thread's author (within their rules) and its moderators. Once saved the
 * form closes, the outcome is announced, and focus returns to the button that opened it.
 */
export function ThreadTitleEditor({
  threadId,
  title,
  asModerator,
}: {
  threadId: string;
  title: string;
  asModerator: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState("");
  const toggle = useRef<HTMLButtonElement>(null);
  // Cancel (or Escape) closes the form unsaved and puts focus back on "Edit title", as saving does.
  const close = useCallback(() => {
    setOpen(false);
    toggle.current?.focus();
  }, []);
  // Opening the editor puts the person in the title, selected, ready to type over (and Escape works).
  const focusTitle = useCallback((panel: HTMLDivElement | null) => {
    const input = panel?.querySelector<HTMLInputElement>('input[name="title"]');
    input?.focus();
    input?.select();
  }, []);
  const onResult = useCallback((state: FormState) => {
    if (!state.ok) return;
    setOpen(false);
    setDone(state.message ?? "");
    toggle.current?.focus();
  }, []);
  return (
    <div className="mt-1">
      <button
        ref={toggle}
        type="button"
        className={linkButton}
        aria-expanded={open}
        onClick={() => {
          setOpen(!open);
          setDone("");
        }}
      >
        Edit title
      </button>
      <p role="status" className="text-sm text-accent-dark">
        {done}
      </p>
      {open ? (
        // biome-ignore lint/a11y/noStaticElementInteractions: listens for Escape from the fields inside, which have their own roles
        <div
          ref={focusTitle}
          className="mt-2 max-w-2xl rounded-md border border-line bg-paper p-3"
          onKeyDown={(event) => {
            if (event.key !== "Escape") return;
            event.preventDefault();
            close();
          }}
        >
          <ActionForm
            action={editThreadTitleAction}
            submitLabel="Save title"
            ariaLabel="Edit the thread's title"
            onResult={onResult}
          >
            <Hidden name="threadId" value={threadId} />
            <TextField
              name="title"
              label="Title"
              defaultValue={title}
              maxLength={MAX_TITLE_LENGTH}
              hint={
                asModerator
                  ? "You are changing it as a moderator: the change is shown in the thread's title history and in the group's moderation log."
                  : "The earlier title stays in the thread's title history, visible to everyone who can read the thread."
              }
            />
          </ActionForm>
          <button type="button" className={`${linkButton} mt-2`} onClick={close}>
            Cancel
          </button>
        </div>
      ) : null}
    </div>
  );
}
