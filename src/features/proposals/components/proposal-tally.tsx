import type { RuleCheck, Tally } from "../rules";

const RULE_LABEL: Record<RuleCheck["rule"], string | null> = {
  quorum: "Quorum",
  threshold: "Support",
  // The perspective checks already name their group in their detail.
  practitioners: null,
  serviceUsers: null,
};

const percent = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 100));

function Bar({ tally }: { tally: Tally }) {
  const total = tally.support + tally.oppose + tally.abstain;
  const rows = [
    { label: "Support", count: tally.support, swatch: "bg-emerald-600" },
    { label: "Oppose", count: tally.oppose, swatch: "bg-rose-600" },
    { label: "Abstain", count: tally.abstain, swatch: "bg-slate-400" },
  ];
  return (
    <div>
      {/* The bar repeats the counts listed below it, so screen readers skip it. */}
      <div aria-hidden="true" className="flex h-3 w-full overflow-hidden rounded-full bg-slate-100">
        {rows.map((r) =>
          r.count > 0 ? (
            <div
              key={r.label}
              className={`${r.swatch} h-full border-r-2 border-white last:border-r-0`}
              style={{ width: `${percent(r.count, total)}%` }}
            />
          ) : null,
        )}
      </div>
      <ul className="mt-2 space-y-1 text-sm">
        {rows.map((r) => (
          <li key={r.label} className="flex items-center gap-2">
            <span aria-hidden="true" className={`inline-block size-3 rounded-sm ${r.swatch}`} />
            <span className="font-medium">{r.label}</span>
            <span className="ml-auto tabular-nums">
              {r.count} {r.count === 1 ? "vote" : "votes"}
              {total > 0 ? ` (${percent(r.count, total)}%)` : ""}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ByPerspective({ tally }: { tally: Tally }) {
  return (
    <table className="mt-2 w-full text-sm">
      <caption className="sr-only">Support and opposition by perspective</caption>
      <thead>
        <tr className="text-left text-muted">
          <th scope="col" className="py-1 font-medium">
            Perspective
          </th>
          <th scope="col" className="py-1 text-right font-medium">
            Support
          </th>
          <th scope="col" className="py-1 text-right font-medium">
            Oppose
          </th>
        </tr>
      </thead>
      <tbody className="tabular-nums">
        <tr className="border-t border-line">
          <th scope="row" className="py-1 text-left font-normal">
            Practitioners
          </th>
          <td className="py-1 text-right">{tally.practitionerSupport}</td>
          <td className="py-1 text-right">{tally.practitionerOppose}</td>
        </tr>
        <tr className="border-t border-line">
          <th scope="row" className="py-1 text-left font-normal">
            Service users
          </th>
          <td className="py-1 text-right">{tally.serviceUserSupport}</td>
          <td className="py-1 text-right">{tally.serviceUserOppose}</td>
        </tr>
      </tbody>
    </table>
  );
}

export function RuleChecklist({ checks }: { checks: RuleCheck[] }) {
  return (
    <ul className="space-y-1.5 text-sm">
      {checks.map((c) => (
        <li key={c.rule} className="flex items-start gap-2">
          <span
            aria-hidden="true"
            className={`mt-0.5 inline-flex size-5 shrink-0 items-center justify-center rounded-full text-xs font-bold text-white ${c.met ? "bg-emerald-700" : "bg-rose-700"}`}
          >
            {c.met ? "✓" : "✗"}
          </span>
          <span>
            <span className="font-semibold">{c.met ? "Met" : "Not met"}</span>
            {" — "}
            {RULE_LABEL[c.rule] ? `${RULE_LABEL[c.rule]}: ` : ""}
            {c.detail}
          </span>
        </li>
      ))}
    </ul>
  );
}

type Props = {
  tally: Tally;
  checks: RuleCheck[];
  rules: { quorum: number; thresholdPercent: number; requireBothPerspectives: boolean };
  open: boolean;
};

/** The tally overall and by perspective, and each decision rule checked against it. */
export function ProposalTally({ tally, checks, rules, open }: Props) {
  const passing = checks.every((c) => c.met);
  return (
    <div className="space-y-5">
      <div>
        <h3 className="font-semibold">Overall</h3>
        <div className="mt-2">
          <Bar tally={tally} />
        </div>
      </div>
      <div>
        <h3 className="font-semibold">By perspective</h3>
        <p className="text-xs text-muted">People who are both a practitioner and a service user count in each.</p>
        <ByPerspective tally={tally} />
      </div>
      <div>
        <h3 className="font-semibold">
          {open
            ? passing
              ? "Would pass if voting closed now"
              : "Would not pass yet"
            : passing
              ? "Passed the rules"
              : "Did not pass the rules"}
        </h3>
        <div className="mt-2">
          <RuleChecklist checks={checks} />
        </div>
      </div>
      <div className="text-sm text-muted">
        <h3 className="font-semibold text-ink">Rules it opened under</h3>
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          <li>
            At least {rules.quorum} {rules.quorum === 1 ? "vote" : "votes"} cast (abstentions count).
          </li>
          <li>At least {rules.thresholdPercent}% support among those who support or oppose.</li>
          {rules.requireBothPerspectives ? (
            <li>A majority in support among practitioners and among service users who vote.</li>
          ) : null}
        </ul>
      </div>
    </div>
  );
}
