"use client";

import { useRouter } from "next/navigation";
import { createContext, type ReactNode, useCallback, useContext, useState } from "react";
import { ActionForm } from "@/components/form/action-form";
import { buttonClass } from "@/components/ui/button-class";
import type { FormState } from "@/server/action";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

type Shown = { message: string; codes: string[] } | null;
const ShownContext = createContext<{ shown: Shown; setShown: (shown: Shown) => void } | null>(null);

/**
 * Around a setup: once the codes are shown, what led to them (the QR code, the key, "Cancel
 * setup") is hidden with HiddenOnceCodesShown, so the screen holds only the codes to save.
 */
export function CodesShownScope({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState<Shown>(null);
  return <ShownContext.Provider value={{ shown, setShown }}>{children}</ShownContext.Provider>;
}

export function HiddenOnceCodesShown({ children }: { children: ReactNode }) {
  return useContext(ShownContext)?.shown ? null : children;
}

/**
 * A form whose success brings recovery codes, shown here this once: in place of the form, with
 * ways to copy and download them, until the person says they saved them (then the page refreshes
 * and the codes are gone for good: only their hashes are stored).
 */
export function RecoveryCodesForm({
  action,
  submitLabel,
  ariaLabel,
  buttonVariant,
  children,
}: {
  action: Action;
  submitLabel: string;
  ariaLabel: string;
  buttonVariant?: "primary" | "secondary" | "danger";
  children: ReactNode;
}) {
  const scope = useContext(ShownContext);
  const [ownShown, setOwnShown] = useState<Shown>(null);
  const shown = scope ? scope.shown : ownShown;
  const setShown = scope ? scope.setShown : setOwnShown;
  const onResult = useCallback(
    (state: FormState) => {
      if (state.ok && state.shownOnce?.length) setShown({ message: state.message ?? "", codes: state.shownOnce });
    },
    [setShown],
  );
  if (shown) return <RecoveryCodes message={shown.message} codes={shown.codes} />;
  return (
    <ActionForm
      action={action}
      submitLabel={submitLabel}
      ariaLabel={ariaLabel}
      onResult={onResult}
      buttonVariant={buttonVariant}
    >
      {children}
    </ActionForm>
  );
}

function RecoveryCodes({ message, codes }: { message: string; codes: string[] }) {
  const router = useRouter();
  const [copied, setCopied] = useState<string | null>(null);
  const text = `Policy Commons recovery codes\nEach code signs you in once, in place of a code from your app.\n\n${codes.join("\n")}\n`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("Copied. Paste them somewhere safe, such as a password manager.");
    } catch {
      setCopied("Your browser would not copy them: select the codes and copy them by hand.");
    }
  }

  return (
    <section aria-labelledby="recovery-codes-heading" className="space-y-4">
      <div role="status" className="rounded-md border border-accent bg-accent-soft px-4 py-3 text-sm text-accent-dark">
        {message}
      </div>
      <h3 id="recovery-codes-heading" className="text-lg font-semibold">
        Your recovery codes
      </h3>
      <p className="text-sm text-muted">
        If you lose your phone, each code signs you in once instead of a code from your app. Keep them somewhere safe
        and private, such as a password manager. We cannot show them again.
      </p>
      <ol
        aria-label="Recovery codes"
        className="grid grid-cols-1 gap-2 rounded-md border border-line bg-paper p-4 font-mono text-base sm:grid-cols-2"
      >
        {codes.map((code) => (
          <li key={code} className="select-all">
            {code}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonClass("secondary")} onClick={copy}>
          Copy codes
        </button>
        <a
          className={buttonClass("secondary")}
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
          download="policy-commons-recovery-codes.txt"
        >
          Download codes
        </a>
        <button type="button" className={buttonClass("primary")} onClick={() => router.refresh()}>
          I have saved my codes
        </button>
      </div>
      {copied ? (
        <p role="status" className="text-sm">
          {copied}
        </p>
      ) : null}
    </section>
  );
}
