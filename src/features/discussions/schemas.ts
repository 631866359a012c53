import { z } from "zod";
import { zLine } from "@/lib/form-fields";
import { refineMarkdownLimits } from "@/lib/markdown";
import { MAX_POST_LENGTH, MAX_TITLE_LENGTH, THREAD_SORTS } from "./policy";

const zBody = z
  .string({ error: "Write something first." })
  .refine((s) => s.trim().length > 0, "Write something first.")
  .refine(
    (s) => s.length <= MAX_POST_LENGTH,
    `Posts can be at most ${MAX_POST_LENGTH.toLocaleString("en-GB")} characters.`,
  )
  .superRefine(refineMarkdownLimits);

/** The same rules for a new thread's title and a changed one. */
const zTitle = zLine("Title", { min: 3, max: MAX_TITLE_LENGTH });

export const ZCreateThread = z.object({
  groupId: z.uuid("Unknown group."),
  title: zTitle,
  body: zBody,
});
export type CreateThreadInput = z.infer<typeof ZCreateThread>;

export const ZEditThreadTitle = z.object({ threadId: z.uuid("Unknown thread."), title: zTitle });
export type EditThreadTitleInput = z.infer<typeof ZEditThreadTitle>;

export const ZReply = z.object({
  threadId: z.uuid("Unknown thread."),
  parentId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid("Unknown post.").optional()),
  body: zBody,
});
export type ReplyInput = z.infer<typeof ZReply>;

export const ZEditPost = z.object({ postId: z.uuid("Unknown post."), body: zBody });
export const ZPostRef = z.object({ postId: z.uuid("Unknown post.") });
export const ZThreadRef = z.object({ threadId: z.uuid("Unknown thread.") });
/** What each reaction button sends: the reaction, and whether pressing it adds it or takes it back. */
export const REACTION_PRESSES = {
  "AGREE:add": { kind: "AGREE", mode: "add" },
  "AGREE:remove": { kind: "AGREE", mode: "remove" },
  "USEFUL:add": { kind: "USEFUL", mode: "add" },
  "USEFUL:remove": { kind: "USEFUL", mode: "remove" },
} as const;
export type ReactionPress = keyof typeof REACTION_PRESSES;

/**
 * A post's reaction form: one form with a button per reaction, so the pressed button's value
 * (React and a plain HTML post both send the submitter) says which reaction and which way.
 */
export const ZReactionPress = z
  .object({
    postId: z.uuid("Unknown post."),
    reaction: z.enum(Object.keys(REACTION_PRESSES) as [ReactionPress, ...ReactionPress[]], {
      error: "That reaction is not one this site offers; reload the page.",
    }),
  })
  .transform(({ postId, reaction }) => ({ postId, ...REACTION_PRESSES[reaction] }));

export const ZThreadListQuery = z.object({
  sort: z.enum(THREAD_SORTS).catch("activity"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** Where a window of a thread starts: a cursor after or before a key, or the last window. */
export const ZWindowQuery = z.object({
  after: z
    .string()
    .regex(/^\d{7,}$/)
    .optional()
    .catch(undefined),
  before: z
    .string()
    .regex(/^\d{7,}$/)
    .optional()
    .catch(undefined),
  page: z.enum(["last"]).optional().catch(undefined),
  view: z.enum(["key"]).optional().catch(undefined),
});
