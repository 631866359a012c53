import { ActionForm } from "@/components/form/action-form";
import { Hidden, TextField } from "@/components/form/fields";
import { setVerifiedAction } from "../actions";

/** For site admins only: verify or withdraw verification, with a reason for the site-wide log. */
export function VerifyForm({ organisation }: { organisation: { id: string; slug: string; verified: boolean } }) {
  const verifying = !organisation.verified;
  return (
    <section aria-labelledby="verify-heading" className="rounded-lg border border-line bg-warn-soft p-5">
      <h2 id="verify-heading" className="text-lg font-semibold">
        Site admin: verification
      </h2>
      <p className="mt-1 text-sm">
        {verifying
          ? "Verify once you have checked the organisation is who it says it is."
          : "This organisation is verified. You can withdraw that."}
      </p>
      <ActionForm
        action={setVerifiedAction}
        submitLabel={verifying ? "Mark as verified" : "Withdraw verification"}
        buttonVariant={verifying ? "primary" : "danger"}
        className="mt-3 space-y-3"
        ariaLabel="Verification"
      >
        <Hidden name="organisationId" value={organisation.id} />
        <Hidden name="slug" value={organisation.slug} />
        <Hidden name="verified" value={verifying ? "true" : "false"} />
        <TextField
          name="reason"
          label="Reason (recorded in the site-wide log)"
          maxLength={500}
          hint={verifying ? "e.g. Registered charity number checked" : undefined}
        />
      </ActionForm>
    </section>
  );
}
