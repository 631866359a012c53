import Link from "next/link";
import { Card } from "@/components/ui/card";
import { groupPath } from "@/lib/paths";

export function GroupCard({
  group,
}: {
  group: {
    slug: string;
    name: string;
    description: string;
    joinPolicy: "OPEN" | "APPROVAL";
    memberCount: number;
    viewerStatus: "ACTIVE" | "PENDING" | null;
  };
}) {
  return (
    <Card className="h-full">
      <h2 className="text-lg font-semibold">
        <Link href={groupPath(group.slug)} className="text-accent-dark underline-offset-2 hover:underline">
          {group.name}
        </Link>
      </h2>
      <p className="mt-1 line-clamp-3 text-sm text-muted">{group.description}</p>
      <p className="mt-3 flex flex-wrap gap-x-3 text-sm">
        <span>
          {group.memberCount} member{group.memberCount === 1 ? "" : "s"}
        </span>
        <span>{group.joinPolicy === "OPEN" ? "Open to all" : "Join by approval"}</span>
        {group.viewerStatus === "ACTIVE" ? (
          <span className="font-medium text-accent-dark">You are a member</span>
        ) : null}
        {group.viewerStatus === "PENDING" ? <span className="font-medium">Request pending</span> : null}
      </p>
    </Card>
  );
}
