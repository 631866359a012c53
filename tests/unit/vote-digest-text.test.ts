import { describe, expect, it } from "vitest";
import { CATEGORY_OF_KIND } from "@/features/notifications/kinds";
import { voteDigestText } from "@/features/proposals/vote-digest-text";
import { NotificationKind } from "@/generated/prisma/enums";

const counts = (support: number, oppose: number, abstain: number, withReason: number) => ({
  support,
  oppose,
  abstain,
  withReason,
});

describe("the proposer's vote digest", () => {
  it("says how many, which way, and how many gave reasons", () => {
    expect(voteDigestText(counts(2, 1, 0, 1), { number: 4 }, "Housing")).toBe(
      "3 new votes on your proposal #4 on “Housing”: 2 support, 1 oppose; 1 gave a reason.",
    );
    expect(voteDigestText(counts(0, 0, 1, 0), { number: 1 }, "Housing")).toBe(
      "1 new vote on your proposal #1 on “Housing”: 1 abstain.",
    );
    expect(voteDigestText(counts(1, 0, 0, 1), { number: 1 }, "Housing")).toBe(
      "1 new vote on your proposal #1 on “Housing”: 1 support; with a reason.",
    );
    expect(voteDigestText(counts(1, 1, 1, 3), { number: 2 }, "Housing")).toContain("; all gave a reason.");
  });

  it("shortens a long title", () => {
    const text = voteDigestText(counts(1, 0, 0, 0), { number: 1 }, "x".repeat(400));
    expect(text.length).toBeLessThan(300);
    expect(text).toContain("…");
  });
});

describe("notification categories", () => {
  it("place every kind, the new vote kinds under votes and proposals", () => {
    for (const kind of Object.values(NotificationKind)) expect(CATEGORY_OF_KIND[kind]).toBeDefined();
    expect(CATEGORY_OF_KIND.PROPOSAL_OPENED).toBe("votes");
    expect(CATEGORY_OF_KIND.PROPOSAL_CLOSING).toBe("votes");
    expect(CATEGORY_OF_KIND.PROPOSAL_VOTES).toBe("votes");
  });
});
