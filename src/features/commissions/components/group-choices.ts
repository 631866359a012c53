import { SECTOR_LABELS } from "@/lib/perspectives";
import type { GroupChoice } from "../queries/commission-form";

/** Groups as the picker shows them (plain props for the client component). */
export function pickerChoices(groups: GroupChoice[]) {
  return groups.map((g) => ({
    slug: g.slug,
    name: g.name,
    sectorLabel: SECTOR_LABELS[g.sector],
    memberCount: g.memberCount,
    membersOnly: g.joinPolicy === "APPROVAL",
  }));
}
