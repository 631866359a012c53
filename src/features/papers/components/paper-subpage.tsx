import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { RefusalPage } from "@/components/ui/refusal";
import { paperPath } from "@/lib/paths";
import { PaperBreadcrumb } from "./paper-breadcrumb";

/** A page about one paper (its rules, an editorial fix, declining its commission): where it sits, its header, its body. */
export function PaperSubpage({
  group,
  paper,
  title,
  intro,
  width = "max-w-2xl",
  children,
}: {
  group: { slug: string; name: string };
  paper: { slug: string; title: string };
  title: string;
  intro?: ReactNode;
  width?: "max-w-2xl" | "max-w-3xl";
  children: ReactNode;
}) {
  return (
    <div className={`mx-auto ${width}`}>
      <PaperBreadcrumb group={group} paper={paper} />
      <div className="mt-2">
        <PageHeader title={title} intro={intro} />
      </div>
      {children}
    </div>
  );
}

/** Such a page for someone who may read the paper but not do this there: the reason, and the way back. */
export function PaperSubpageRefusal({
  title,
  groupSlug,
  paperSlug,
  children,
}: {
  title: string;
  groupSlug: string;
  paperSlug: string;
  children: ReactNode;
}) {
  return (
    <RefusalPage title={title} next={{ href: paperPath(groupSlug, paperSlug), label: "Back to the paper" }}>
      {children}
    </RefusalPage>
  );
}
