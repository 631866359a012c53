import { describe, expect, it } from "vitest";
import {
  groupedSecret,
  hashRecoveryCode,
  isRecoveryCodeShape,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  otpauthUri,
  totpCode,
  totpCodeShape,
  totpStep,
} from "@/features/accounts/two-step/codes";
import { parseTwoStepRequirement } from "@/server/authz/two-step-requirement";

const NOW = new Date("2026-12-09T10:00:10Z");
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe("TOTP codes", () => {
  const secret = newTotpSecret();

  it("makes a 160-bit base32 secret and an otpauth address apps read", () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = otpauthUri(secret, "ada@example.org");
    expect(uri).toMatch(/^otpauth:\/\/totp\/Policy%20Commons:ada%40example\.org\?/);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain("period=30");
    expect(groupedSecret("ABCDEFGHIJ")).toBe("ABCD EFGH IJ");
  });

  it("accepts the current code and names its step", () => {
    expect(matchTotp(secret, totpCode(secret, NOW), NOW)).toBe(totpStep(NOW));
  });

  it("accepts codes one step either side of now (clock drift), and nothing further", () => {
    expect(matchTotp(secret, totpCode(secret, at(-30)), NOW)).toBe(totpStep(NOW) - 1);
    expect(matchTotp(secret, totpCode(secret, at(30)), NOW)).toBe(totpStep(NOW) + 1);
    const farPast = totpCode(secret, at(-90));
    const farFuture = totpCode(secret, at(90));
    // A far code may collide with a near one by chance (1 in 10^6 per step); skip that case.
    const near = [-30, 0, 30].map((s) => totpCode(secret, at(s)));
    if (!near.includes(farPast)) expect(matchTotp(secret, farPast, NOW)).toBeNull();
    if (!near.includes(farFuture)) expect(matchTotp(secret, farFuture, NOW)).toBeNull();
  });

  it("refuses another secret's code and anything not six digits", () => {
    const other = newTotpSecret();
    const code = totpCode(other, NOW);
    if (code !== totpCode(secret, NOW)) expect(matchTotp(secret, code, NOW)).toBeNull();
    expect(totpCodeShape("123 456")).toBe("123456");
    expect(totpCodeShape("12345")).toBeNull();
    expect(totpCodeShape("abcdef")).toBeNull();
  });
});

describe("recovery codes", () => {
  it("makes ten distinct codes of 80 random bits in four groups", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$/);
      expect(isRecoveryCodeShape(normaliseRecoveryCode(code))).toBe(true);
    }
  });

  it("reads a code however it is typed: case, spaces, dashes, I/L for 1 and O for 0", () => {
    expect(normaliseRecoveryCode(" AB1C-D0EF ghjk MNPQ ")).toBe("ab1cd0efghjkmnpq");
    expect(normaliseRecoveryCode("abIc-dOef-ghjk-mnpq")).toBe("ab1cd0efghjkmnpq");
    expect(hashRecoveryCode(normaliseRecoveryCode("ABLC-DOEF-GHJK-MNPQ"))).toBe(
      hashRecoveryCode(normaliseRecoveryCode("ab1c-d0ef-ghjk-mnpq")),
    );
    expect(isRecoveryCodeShape("short")).toBe(false);
    expect(isRecoveryCodeShape("uuuuuuuuuuuuuuuu")).toBe(false);
  });
});

describe("REQUIRE_TWO_STEP_FOR", () => {
  it("reads empty, one role, both, and refuses anything else", () => {
    expect(parseTwoStepRequirement("")).toEqual([]);
    expect(parseTwoStepRequirement("admins")).toEqual(["admins"]);
    expect(parseTwoStepRequirement(" admins , group-owners ")).toEqual(["admins", "group-owners"]);
    expect(parseTwoStepRequirement("owners")).toBeNull();
  });
});
