import Link from "next/link";
import { DEFAULT_RULES } from "../decision-rules";
import { hoursInWords, plural } from "../labels";

type Rules = typeof DEFAULT_RULES;

function Default({ is, of }: { is: boolean; of: string }) {
  return <span className="text-muted">{is ? " (the default)" : ` (default: ${of})`}</span>;
}

/** The decision rules in force, in plain words, with the defaults noted. */
export function DecisionRulesBox({ rules, rulesHref }: { rules: Rules; rulesHref?: string }) {
  const d = DEFAULT_RULES;
  return (
    <section aria-labelledby="pp-rules" className="rounded-lg border border-line bg-white p-4 text-sm">
      <h2 id="pp-rules" className="text-base font-semibold">
        How proposals are decided
      </h2>
      <dl className="mt-2 space-y-2">
        <div>
          <dt className="font-medium">Voting period</dt>
          <dd>
            Voting on each proposal lasts {hoursInWords(rules.votingPeriodHours)}.
            <Default is={rules.votingPeriodHours === d.votingPeriodHours} of={hoursInWords(d.votingPeriodHours)} />
          </dd>
        </div>
        <div>
          <dt className="font-medium">Quorum</dt>
          <dd>
            At least {plural(rules.quorum, "vote")} must be cast; abstentions count.
            <Default is={rules.quorum === d.quorum} of={plural(d.quorum, "vote")} />
          </dd>
        </div>
        <div>
          <dt className="font-medium">Threshold</dt>
          <dd>
            A proposal passes with {rules.thresholdPercent}% support among those who support or oppose.
            <Default is={rules.thresholdPercent === d.thresholdPercent} of={`${d.thresholdPercent}%`} />
          </dd>
        </div>
        <div>
          <dt className="font-medium">Publishing</dt>
          <dd>
            Publishing the paper needs {rules.publishThresholdPercent}% support.
            <Default
              is={rules.publishThresholdPercent === d.publishThresholdPercent}
              of={`${d.publishThresholdPercent}%`}
            />
          </dd>
        </div>
        <div>
          <dt className="font-medium">Both perspectives rule</dt>
          <dd>
            {rules.requireBothPerspectives
              ? "On: a proposal also needs majority support among the practitioners and among the service users who voted."
              : "Off: practitioners and service users are counted together."}
            <Default
              is={rules.requireBothPerspectives === d.requireBothPerspectives}
              of={d.requireBothPerspectives ? "on" : "off"}
            />
          </dd>
        </div>
      </dl>
      <p className="mt-3 text-muted">Open proposals keep the rules they opened under.</p>
      {rulesHref ? (
        <p className="mt-2">
          <Link href={rulesHref} className="font-medium text-accent underline">
            Change the rules
          </Link>
        </p>
      ) : null}
    </section>
  );
}
