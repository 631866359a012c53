import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/server/auth/current-user";
import { RegisterForm } from "@/features/accounts/components/register-form";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Register" };

export default async function RegisterPage() {
  if (await getCurrentUser()) redirect("/");
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader
        title="Join Policy Commons"
        intro={
          <>
            Tell us how you take part so readers can see who shaped each paper. Only your display name and the parts
            of your profile you choose to show are public. Already registered? <Link href="/signin" className="font-medium text-accent underline">Sign in</Link>.
          </>
        }
      />
      <RegisterForm />
    </div>
  );
}
