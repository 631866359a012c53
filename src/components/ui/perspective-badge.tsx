import { PERSPECTIVE_LABELS, type PerspectiveValue } from "@/lib/perspectives";

const STYLES: Record<PerspectiveValue, string> = {
  PRACTITIONER: "bg-sky-100 text-sky-900",
  SERVICE_USER: "bg-amber-100 text-amber-900",
  BOTH: "bg-violet-100 text-violet-900",
  OTHER: "bg-slate-100 text-slate-800",
};

export function PerspectiveBadge({ perspective }: { perspective: PerspectiveValue }) {
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold ${STYLES[perspective]}`}>
      {PERSPECTIVE_LABELS[perspective]}
    </span>
  );
}
