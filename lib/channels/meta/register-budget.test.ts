import { describe, expect, it } from "vitest";
import { registerBudget, registerWindowStart, REGISTER_PIN_PATTERN } from "./register-budget";

describe("registerBudget", () => {
  it("has all ten tries when none was made", () => {
    expect(registerBudget({ count: 0, oldest: null })).toEqual({ limit: 10, used: 0, left: 10, nextFreeAt: null });
  });

  it("counts down, and says when the oldest try comes back (72 hours after it)", () => {
    const oldest = new Date("2026-01-01T10:00:00Z");
    expect(registerBudget({ count: 9, oldest })).toEqual({ limit: 10, used: 9, left: 1, nextFreeAt: new Date("2026-01-04T10:00:00Z") });
    expect(registerBudget({ count: 12, oldest }).left).toBe(0);
  });

  it("opens its window 72 hours back", () => {
    expect(registerWindowStart(new Date("2026-01-04T10:00:00Z"))).toEqual(new Date("2026-01-01T10:00:00Z"));
  });

  it("takes six digits as a PIN, nothing else", () => {
    expect(REGISTER_PIN_PATTERN.test("123456")).toBe(true);
    for (const pin of ["12345", "1234567", "12345a", " 123456"]) expect(REGISTER_PIN_PATTERN.test(pin)).toBe(false);
  });
});
