import { redirect } from "next/navigation";
import { heldBackRoles } from "@/features/accounts/two-step/queries";
import { signInPath, TWO_STEP_SETTINGS_PATH } from "@/lib/paths";
import { safeReturnPathAfterAuth } from "@/lib/return-path";
import { getCurrentUser } from "@/server/auth/current-user";

// Every sign-in (password or provider) comes through here on its way back. A site admin or group
// owner whose powers REQUIRE_TWO_STEP_FOR holds back is sent to set up two-step sign-in first;
// everyone else goes on to where they were going. The powers themselves are held back in the
// permission map, whatever page they open.
export default async function SignInContinuePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const callbackUrl = safeReturnPathAfterAuth((await searchParams).callbackUrl);
  const user = await getCurrentUser();
  if (!user) redirect(signInPath(callbackUrl));
  if ((await heldBackRoles(user)).length > 0) redirect(TWO_STEP_SETTINGS_PATH);
  redirect(callbackUrl);
}
