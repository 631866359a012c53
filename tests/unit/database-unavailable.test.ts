import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/server/errors";

// A database that cannot take the request right now is "try again", never "you are signed out"
// or a 500 (the stranger test: a database refusing new connections signed members out).
describe("isDatabaseUnavailable", () => {
  it("knows a database that refuses connections or has none left", () => {
    for (const error of [
      Object.assign(new Error("sorry, too many clients already"), { code: "53300" }),
      new Error('database "policy" is not currently accepting connections'),
      new Error(
        'Driver adapter error. Code: `55000`. Message: database "policy" is not currently accepting connections',
      ),
      new Error("remaining connection slots are reserved for roles with the SUPERUSER attribute"),
      { code: "P2010", cause: Object.assign(new Error("x"), { code: "57P03" }) },
    ])
      expect(isDatabaseUnavailable(error), String((error as Error).message ?? error)).toBe(true);
  });

  it("does not take a query's own failure for an outage", () => {
    for (const error of [
      Object.assign(new Error("duplicate key value violates unique constraint"), { code: "23505" }),
      Object.assign(new Error("could not obtain lock"), { code: "55P03" }),
      new Error("relation does not exist"),
    ])
      expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
