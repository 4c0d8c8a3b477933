import { describe, expect, it } from "vitest";
import { isForeignKeyViolation } from "./errors";

describe("isForeignKeyViolation", () => {
  const pgError = (code: string, constraint = "channels_ou_id_fk") => ({ code, constraint });

  it("recognises both codes PostgreSQL uses for a referenced row, also wrapped by drizzle", () => {
    expect(isForeignKeyViolation(pgError("23503"))).toBe(true);
    expect(isForeignKeyViolation(pgError("23001"))).toBe(true);
    expect(isForeignKeyViolation(Object.assign(new Error("Failed query"), { cause: pgError("23001") }))).toBe(true);
  });

  it("matches a named constraint only", () => {
    expect(isForeignKeyViolation(pgError("23001", "ous_parent_fk"), "ous_parent_fk")).toBe(true);
    expect(isForeignKeyViolation(pgError("23001"), "ous_parent_fk")).toBe(false);
  });

  it("is false for other errors", () => {
    expect(isForeignKeyViolation(pgError("23505"))).toBe(false);
    expect(isForeignKeyViolation(new Error("boom"))).toBe(false);
    expect(isForeignKeyViolation(undefined)).toBe(false);
  });
});
