import type { Participation } from "@/features/publishing/published";
import { PERSPECTIVE_LABELS, PERSPECTIVES } from "@/lib/perspectives";

/** One group's people by perspective: a small table that fits a phone's width. */
export function DashboardParticipationTable({
  participation,
  caption,
}: {
  participation: Participation;
  caption: string;
}) {
  return (
    <table className="w-full border-collapse text-xs sm:text-sm">
      <caption className="mb-1 text-left font-semibold">{caption}</caption>
      <thead>
        <tr className="border-b border-line text-left">
          <th scope="col" className="py-1 pr-1 font-semibold">
            Perspective
          </th>
          <th scope="col" className="px-0.5 py-1 text-right font-semibold">
            Commented
          </th>
          <th scope="col" className="px-0.5 py-1 text-right font-semibold">
            Proposed
          </th>
          <th scope="col" className="py-1 pl-1 text-right font-semibold">
            Voted
          </th>
        </tr>
      </thead>
      <tbody>
        {PERSPECTIVES.map((p) => (
          <tr key={p} className="border-b border-line/60">
            <th scope="row" className="py-1 pr-1 text-left font-normal">
              {PERSPECTIVE_LABELS[p]}
            </th>
            <td className="px-0.5 py-1 text-right tabular-nums">{participation.discussed[p]}</td>
            <td className="px-0.5 py-1 text-right tabular-nums">{participation.proposed[p]}</td>
            <td className="py-1 pl-1 text-right tabular-nums">{participation.voted[p]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
