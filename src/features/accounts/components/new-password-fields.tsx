import { TextField } from "@/components/form/fields";

/** "New password" and "Repeat new password", as changing and resetting a password both ask. */
export function NewPasswordFields({ hint }: { hint: string }) {
  return (
    <>
      <TextField name="newPassword" label="New password" type="password" autoComplete="new-password" hint={hint} />
      <TextField name="confirmPassword" label="Repeat new password" type="password" autoComplete="new-password" />
    </>
  );
}
