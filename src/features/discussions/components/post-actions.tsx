"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ActionForm } from "@/components/form/action-form";
import { Hidden, TextArea } from "@/components/form/fields";
import { quoteMarkdown } from "@/lib/markdown/quote";
import type { FormState } from "@/server/action";
import { deletePostAction, editPostAction } from "../actions";
import { MAX_POST_LENGTH } from "../policy";
import { MARKDOWN_HINT, ReplyComposer } from "./reply-composer";

const linkButton = "rounded px-2 py-1 text-sm font-medium text-accent-dark hover:bg-accent-soft";

/** Reply, quote (a selected passage or the whole post), and for the author: edit and delete. */
export function PostActions({
  post,
  threadId,
  canReply,
  takesThread = false,
}: {
  /** Editable: one's own post, as a member; deletable also after leaving the group. */
  post: { id: string; bodyMarkdown: string; editable: boolean; deletable: boolean; authorHandle: string | null };
  threadId: string;
  canReply: boolean;
  /** The thread's only post: deleting it deletes the thread. */
  takesThread?: boolean;
}) {
  const [mode, setMode] = useState<"none" | "reply" | "edit" | "delete">("none");
  const [quote, setQuote] = useState("");
  // Once the post is deleted the confirmation closes and this says so, taking the focus.
  const [deleted, setDeleted] = useState("");
  const deletedRef = useRef<HTMLParagraphElement>(null);
  const onDeleteResult = useCallback((state: FormState) => {
    if (!state.ok) return;
    setMode("none");
    setDeleted(state.message ?? "Your post is deleted.");
  }, []);
  useEffect(() => {
    if (deleted) deletedRef.current?.focus();
  }, [deleted]);

  function quoteSelection() {
    const body = document.getElementById(`post-body-${post.id}`);
    const selection = window.getSelection();
    const selected =
      selection && body && selection.rangeCount > 0 && body.contains(selection.anchorNode) ? selection.toString() : "";
    // A selected passage, or else the whole post as it reads on the page.
    // biome-ignore lint/performance/useDomNodeTextContent: innerText keeps the line breaks between rendered paragraphs and list items; textContent would run them together
    const text = selected.trim() || (post.bodyMarkdown || body?.innerText || "").slice(0, 1500);
    setQuote(quoteMarkdown(text, post.authorHandle ?? "former member"));
    setMode("reply");
  }

  const hidden = (
    <>
      <Hidden name="postId" value={post.id} />
      <Hidden name="threadId" value={threadId} />
    </>
  );

  return (
    <div className="mt-2">
      {deleted ? (
        <p ref={deletedRef} tabIndex={-1} role="status" className="mb-2 text-sm font-medium text-accent-dark">
          {deleted}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-1">
        {canReply ? (
          <>
            <button
              type="button"
              className={linkButton}
              aria-expanded={mode === "reply"}
              onClick={() => setMode(mode === "reply" ? "none" : "reply")}
            >
              Reply
            </button>
            <button
              type="button"
              className={linkButton}
              onClick={quoteSelection}
              title="Select part of the post first to quote just that"
            >
              Quote
            </button>
          </>
        ) : null}
        {post.editable ? (
          <button
            type="button"
            className={linkButton}
            aria-expanded={mode === "edit"}
            onClick={() => setMode(mode === "edit" ? "none" : "edit")}
          >
            Edit
          </button>
        ) : null}
        {post.deletable ? (
          <button
            type="button"
            className={linkButton}
            aria-expanded={mode === "delete"}
            onClick={() => setMode(mode === "delete" ? "none" : "delete")}
          >
            Delete
          </button>
        ) : null}
      </div>
      {mode === "reply" ? (
        <div className="mt-3 rounded-md border border-line bg-paper p-3">
          <ReplyComposer threadId={threadId} parentId={post.id} label="Your reply" initialText={quote} autoFocus />
        </div>
      ) : null}
      {mode === "edit" ? (
        <div className="mt-3 rounded-md border border-line bg-paper p-3">
          <ActionForm
            action={editPostAction}
            submitLabel="Save changes"
            ariaLabel="Edit post"
            draftName={`Edit post ${post.id}`}
          >
            {hidden}
            <TextArea
              name="body"
              markdown="post"
              label="Edit your post"
              defaultValue={post.bodyMarkdown}
              rows={6}
              maxLength={MAX_POST_LENGTH}
              hint={MARKDOWN_HINT}
            />
          </ActionForm>
        </div>
      ) : null}
      {mode === "delete" ? (
        <div className="mt-3 rounded-md border border-danger bg-danger-soft p-3">
          <ActionForm
            action={deletePostAction}
            submitLabel="Delete this post"
            buttonVariant="danger"
            ariaLabel="Delete post"
            onResult={onDeleteResult}
          >
            {hidden}
            <p className="text-sm">
              {takesThread
                ? "The text will be removed for good. Nobody has replied, so the thread will be deleted too."
                : "The text will be removed for good. Replies to it stay, under a “deleted” marker."}
            </p>
          </ActionForm>
        </div>
      ) : null}
    </div>
  );
}
