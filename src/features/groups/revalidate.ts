import "server-only";
import { revalidatePath } from "next/cache";
import { groupMembersPath, groupPath } from "@/lib/paths";

/** After a change to a group or its members: its pages (the form carries the group's slug) and the list of groups. */
export function refreshGroupPages(formData: FormData) {
  const slug = formData.get("slug");
  if (typeof slug === "string" && /^[a-z0-9-]+$/.test(slug)) {
    revalidatePath(groupPath(slug));
    revalidatePath(groupMembersPath(slug));
  }
  revalidatePath("/groups");
}
