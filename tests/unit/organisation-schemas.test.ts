import { describe, expect, it } from "vitest";
import { describeModerationAction } from "@/features/moderation/describe";
import { ZCreateOrganisation, ZInviteAdmin, ZSetVerified } from "@/features/organisations/schemas";

const valid = {
  name: "Shelter Cymru",
  kind: "CHARITY",
  website: "https://sheltercymru.org.uk",
  description: "We help.\r\nLine two.",
};
const errorsOf = (input: unknown) => {
  const result = ZCreateOrganisation.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("ZCreateOrganisation", () => {
  it("keeps CRLF out of the stored Markdown", () => {
    expect(ZCreateOrganisation.parse(valid).description).toBe("We help.\nLine two.");
  });

  it("treats an empty website as none and an absent description as empty", () => {
    expect(ZCreateOrganisation.parse({ name: "Ab", kind: "OTHER", website: "  " })).toEqual({
      name: "Ab",
      kind: "OTHER",
      website: undefined,
      description: "",
    });
  });

  it("accepts only http and https addresses", () => {
    expect(errorsOf({ ...valid, website: "javascript:alert(1)" }).website).toMatch(/https:\/\//);
    expect(errorsOf({ ...valid, website: "example.org" }).website).toMatch(/https:\/\//);
    expect(errorsOf({ ...valid, website: "http://example.org/about us" }).website).toBeDefined();
    expect(errorsOf({ ...valid, website: `https://example.org/${"a".repeat(200)}` }).website).toMatch(/200/);
    expect(ZCreateOrganisation.parse({ ...valid, website: "HTTP://Example.org/path?q=1" }).website).toBe(
      "HTTP://Example.org/path?q=1",
    );
  });

  it("bounds the name and description and requires a kind", () => {
    expect(errorsOf({ ...valid, name: " a " }).name).toBe("Name must be at least 2 characters.");
    expect(errorsOf({ ...valid, name: "x".repeat(121) }).name).toBe("Name must be at most 120 characters.");
    expect(errorsOf({ ...valid, description: "x".repeat(5001) }).description).toBe(
      "Description must be at most 5000 characters.",
    );
    expect(errorsOf({ ...valid, kind: "CLUB" }).kind).toBe("Choose what kind of organisation this is.");
  });
});

describe("ZInviteAdmin", () => {
  const id = "00000000-0000-4000-8000-000000000000";
  it("accepts a handle typed with an @ and in capitals", () => {
    expect(ZInviteAdmin.parse({ organisationId: id, handle: " @Amara_O " }).handle).toBe("amara_o");
  });
  it("rejects what cannot be a handle", () => {
    expect(ZInviteAdmin.safeParse({ organisationId: id, handle: "a b" }).success).toBe(false);
    expect(ZInviteAdmin.safeParse({ organisationId: id, handle: "" }).success).toBe(false);
  });
});

describe("ZSetVerified", () => {
  it("reads the form's true/false and requires a reason", () => {
    const id = "00000000-0000-4000-8000-000000000000";
    expect(ZSetVerified.parse({ organisationId: id, verified: "false", reason: "Lapsed" }).verified).toBe(false);
    expect(ZSetVerified.safeParse({ organisationId: id, verified: "true", reason: "" }).success).toBe(false);
  });
});

describe("the log sentence for verification", () => {
  const sentence = (details: unknown) =>
    describeModerationAction({
      kind: "VERIFY_ORGANISATION",
      viewingGroupId: null,
      details,
      subject: null,
      threadTitle: null,
    });
  it("names the organisation and says which way", () => {
    expect(sentence({ organisationName: "Shelter", verified: true })).toBe('verified the organisation "Shelter"');
    expect(sentence({ organisationName: "Shelter", verified: false })).toBe(
      'withdrew the verification of the organisation "Shelter"',
    );
    expect(sentence(null)).toBe("verified an organisation");
  });
});
