import "server-only";
import { cache } from "react";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { loadThreadAccess } from "../access";

/**
 * Every read of a thread's posts checks that the viewer may read the thread; within one
 * request the check runs once however many reads the page makes.
 */
export const threadAccess = cache((viewer: Actor, threadId: string) => loadThreadAccess(db, viewer, threadId));

export async function moderatesIn(viewer: Actor, threadId: string) {
  return (await threadAccess(viewer, threadId)).permissions.has("moderation.actOnPost");
}
