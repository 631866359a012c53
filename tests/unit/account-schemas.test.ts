import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  ZChangePassword,
  ZEmail,
  ZHandle,
  ZRegister,
  ZSignIn,
  ZSuspendUser,
  ZUpdateProfile,
} from "@/features/accounts/schemas";

/** The first message zod gives for each top-level field, as the action wrapper shows them. */
function fieldErrors(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) out[String(issue.path[0] ?? "form")] ??= issue.message;
  return out;
}

function firstMessage(schema: z.ZodType, input: unknown): string | undefined {
  const result = schema.safeParse(input);
  return result.success ? undefined : result.error.issues[0]?.message;
}

const validRegistration = {
  email: "ada@example.org",
  password: "correct horse battery",
  confirmPassword: "correct horse battery",
  handle: "ada_l",
  displayName: "Ada Lovelace",
  perspective: "PRACTITIONER",
  sector: "HEALTH",
  fieldDetail: "community midwife",
  organisationName: "",
};

describe("ZEmail", () => {
  it("trims and lower-cases the address", () => {
    expect(ZEmail.parse("  Ada.Lovelace@Example.ORG \n")).toBe("ada.lovelace@example.org");
  });

  it("rejects an address that is not an email with an example of the right shape", () => {
    expect(firstMessage(ZEmail, "ada-at-example.org")).toBe("Enter an email address like name@example.org.");
  });

  it("asks for an email when it is empty or only spaces", () => {
    expect(firstMessage(ZEmail, "   ")).toBe("Email is required.");
    expect(firstMessage(ZEmail, undefined)).toBe("Email is required.");
  });

  it("rejects addresses longer than 254 characters", () => {
    expect(firstMessage(ZEmail, `${"a".repeat(250)}@example.org`)).toBe("Email must be at most 254 characters.");
  });
});

describe("ZHandle", () => {
  it("trims and lower-cases", () => {
    expect(ZHandle.parse("  Ada_L ")).toBe("ada_l");
  });

  it("rejects characters other than letters, numbers and underscores", () => {
    expect(firstMessage(ZHandle, "ada-l")).toBe("Username may contain only letters, numbers and underscores.");
    expect(firstMessage(ZHandle, "ada l")).toBe("Username may contain only letters, numbers and underscores.");
    expect(firstMessage(ZHandle, "adä")).toBe("Username may contain only letters, numbers and underscores.");
  });

  it("rejects handles that are too short or too long", () => {
    expect(firstMessage(ZHandle, "ab")).toBe("Username must be at least 3 characters.");
    expect(firstMessage(ZHandle, "a".repeat(31))).toBe("Username must be at most 30 characters.");
    expect(ZHandle.parse("a".repeat(30))).toBe("a".repeat(30));
  });
});

describe("ZRegister", () => {
  it("accepts a complete registration and normalises it", () => {
    const parsed = ZRegister.parse({ ...validRegistration, email: " ADA@Example.org ", handle: "Ada_L" });
    expect(parsed.email).toBe("ada@example.org");
    expect(parsed.handle).toBe("ada_l");
    // An empty organisation becomes "not given", not an empty string.
    expect(parsed.organisationName).toBeUndefined();
  });

  it("rejects a short password with its minimum length", () => {
    const errors = fieldErrors(ZRegister, { ...validRegistration, password: "short", confirmPassword: "short" });
    expect(errors.password).toBe("Password must be at least 10 characters.");
  });

  it("reports a mismatched confirmation on the confirmation field", () => {
    const errors = fieldErrors(ZRegister, { ...validRegistration, confirmPassword: "something else entirely" });
    expect(errors).toEqual({ confirmPassword: "The passwords do not match." });
  });

  it("rejects a bad email and a bad handle with field-specific messages", () => {
    const errors = fieldErrors(ZRegister, { ...validRegistration, email: "nope", handle: "no spaces" });
    expect(errors.email).toBe("Enter an email address like name@example.org.");
    expect(errors.handle).toBe("Username may contain only letters, numbers and underscores.");
  });

  it("rejects a display name that is too long or too short", () => {
    expect(fieldErrors(ZRegister, { ...validRegistration, displayName: "x".repeat(61) }).displayName).toBe(
      "Display name must be at most 60 characters.",
    );
    expect(fieldErrors(ZRegister, { ...validRegistration, displayName: " x " }).displayName).toBe(
      "Display name must be at least 2 characters.",
    );
  });

  it("requires a known perspective and sector", () => {
    const errors = fieldErrors(ZRegister, { ...validRegistration, perspective: "ROBOT", sector: undefined });
    expect(errors.perspective).toBe("Choose how you take part.");
    expect(errors.sector).toBe("Choose a field.");
  });
});

describe("ZSignIn", () => {
  it("normalises the email and requires a password", () => {
    expect(ZSignIn.parse({ email: " Ada@Example.org", password: "x" }).email).toBe("ada@example.org");
    expect(fieldErrors(ZSignIn, { email: "ada@example.org", password: "" })).toEqual({
      password: "Password is required.",
    });
  });
});

describe("ZUpdateProfile checkboxes", () => {
  const base = { displayName: "Ada", perspective: "BOTH", sector: "HOUSING" };

  it("treats a ticked checkbox ('on') as true", () => {
    const parsed = ZUpdateProfile.parse({ ...base, hideOrganisation: "on", hideSector: "on" });
    expect(parsed.hideOrganisation).toBe(true);
    expect(parsed.hideSector).toBe(true);
  });

  it("treats an absent checkbox as false", () => {
    const parsed = ZUpdateProfile.parse(base);
    expect(parsed.hideOrganisation).toBe(false);
    expect(parsed.hideSector).toBe(false);
  });

  it("does not treat other strings as ticked", () => {
    const parsed = ZUpdateProfile.parse({ ...base, hideOrganisation: "off", hideSector: "false" });
    expect(parsed.hideOrganisation).toBe(false);
    expect(parsed.hideSector).toBe(false);
  });

  it("defaults bio and field detail to empty text and limits the bio", () => {
    const parsed = ZUpdateProfile.parse(base);
    expect(parsed.bio).toBe("");
    expect(parsed.fieldDetail).toBe("");
    expect(fieldErrors(ZUpdateProfile, { ...base, bio: "b".repeat(1001) }).bio).toBe(
      "About you must be at most 1000 characters.",
    );
  });
});

describe("ZChangePassword", () => {
  it("requires the current password, a long enough new one and a matching confirmation", () => {
    expect(
      fieldErrors(ZChangePassword, {
        currentPassword: "",
        newPassword: "long enough pw",
        confirmPassword: "long enough pw",
      }),
    ).toEqual({
      currentPassword: "Enter your current password.",
    });
    expect(
      fieldErrors(ZChangePassword, { currentPassword: "old", newPassword: "short", confirmPassword: "short" })
        .newPassword,
    ).toBe("Password must be at least 10 characters.");
    expect(
      fieldErrors(ZChangePassword, {
        currentPassword: "old",
        newPassword: "long enough pw",
        confirmPassword: "different pw",
      }),
    ).toEqual({
      confirmPassword: "The passwords do not match.",
    });
  });
});

describe("ZSuspendUser", () => {
  const userId = "7d0f4b8e-2f7a-4a57-9a51-0c3b0a8f1e22";

  it("coerces the number of days from form text", () => {
    expect(ZSuspendUser.parse({ userId, days: "7", reason: "spam" }).days).toBe(7);
  });

  it("bounds the number of days and requires whole days", () => {
    expect(fieldErrors(ZSuspendUser, { userId, days: "0", reason: "spam" }).days).toBe("Suspend for at least 1 day.");
    expect(fieldErrors(ZSuspendUser, { userId, days: "3651", reason: "spam" }).days).toBe(
      "Suspend for at most 3650 days.",
    );
    expect(fieldErrors(ZSuspendUser, { userId, days: "1.5", reason: "spam" }).days).toBe("Enter whole days.");
  });

  it("rejects an id that is not a uuid", () => {
    expect(fieldErrors(ZSuspendUser, { userId: "abc", days: "1", reason: "spam" }).userId).toBe("Unknown member.");
  });
});
