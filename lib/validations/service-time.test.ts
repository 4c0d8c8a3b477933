import { describe, expect, it } from "vitest";
import { addNonWorkingDaySchema, deleteNonWorkingDaySchema, monthParamSchema } from "./service-time";

function fieldErrors(value: unknown) {
  const result = addNonWorkingDaySchema.safeParse(value);
  const errors: Record<string, string[]> = {};
  for (const issue of result.error?.issues ?? []) (errors[issue.path.join(".")] ??= []).push(issue.message);
  return errors;
}

describe("addNonWorkingDaySchema", () => {
  it("makes an empty end date a single day, and trims the label", () => {
    expect(addNonWorkingDaySchema.parse({ startDate: "2026-05-01", endDate: "", label: "  Labour Day " })).toEqual({
      startDate: "2026-05-01",
      endDate: "2026-05-01",
      label: "Labour Day",
    });
    expect(addNonWorkingDaySchema.parse({ startDate: "2026-05-01", label: "Labour Day" }).endDate).toBe("2026-05-01");
  });

  it("accepts a range, including the same start and end, and a full leap year", () => {
    expect(addNonWorkingDaySchema.parse({ startDate: "2026-12-24", endDate: "2026-12-26", label: "Christmas" }).endDate).toBe(
      "2026-12-26",
    );
    expect(addNonWorkingDaySchema.safeParse({ startDate: "2026-12-24", endDate: "2026-12-24", label: "x" }).success).toBe(true);
    expect(addNonWorkingDaySchema.safeParse({ startDate: "2028-01-01", endDate: "2028-12-31", label: "x" }).success).toBe(true);
  });

  it("refuses an end before the start, on the end date", () => {
    expect(fieldErrors({ startDate: "2026-12-26", endDate: "2026-12-24", label: "Christmas" })).toEqual({
      endDate: ["serviceTime.validation.endBeforeStart"],
    });
  });

  it("refuses a range longer than 366 days", () => {
    expect(fieldErrors({ startDate: "2026-01-01", endDate: "2027-01-02", label: "Sabbatical" })).toEqual({
      endDate: ["serviceTime.validation.rangeTooLong"],
    });
    // 2026-01-01 … 2027-01-01 is exactly 366 days.
    expect(fieldErrors({ startDate: "2026-01-01", endDate: "2027-01-01", label: "Sabbatical" })).toEqual({});
  });

  it("needs real calendar dates in YYYY-MM-DD form within a sane span of years", () => {
    expect(fieldErrors({ startDate: "", label: "x" })).toEqual({ startDate: ["serviceTime.validation.dateRequired"] });
    expect(fieldErrors({ label: "x" })).toEqual({ startDate: ["serviceTime.validation.dateRequired"] });
    expect(fieldErrors({ startDate: "2026-02-29", label: "x" })).toEqual({ startDate: ["serviceTime.validation.dateInvalid"] });
    expect(fieldErrors({ startDate: "01.05.2026", label: "x" })).toEqual({ startDate: ["serviceTime.validation.dateInvalid"] });
    expect(fieldErrors({ startDate: "2026-05-01", endDate: "2026-13-01", label: "x" })).toEqual({
      endDate: ["serviceTime.validation.dateInvalid"],
    });
    expect(fieldErrors({ startDate: "0001-01-01", label: "x" })).toEqual({ startDate: ["serviceTime.validation.dateOutOfRange"] });
    expect(fieldErrors({ startDate: "2026-01-01", endDate: "3000-01-01", label: "x" })).toEqual({
      endDate: ["serviceTime.validation.dateOutOfRange"],
    });
  });

  it("needs a label of 1 to 100 characters", () => {
    expect(fieldErrors({ startDate: "2026-05-01", label: "   " })).toEqual({ label: ["serviceTime.validation.labelRequired"] });
    expect(fieldErrors({ startDate: "2026-05-01" })).toEqual({ label: ["serviceTime.validation.labelRequired"] });
    expect(fieldErrors({ startDate: "2026-05-01", label: "x".repeat(100) })).toEqual({});
    expect(fieldErrors({ startDate: "2026-05-01", label: "x".repeat(101) })).toEqual({ label: ["serviceTime.validation.labelTooLong"] });
  });

  it("does not compare dates that are themselves invalid", () => {
    expect(fieldErrors({ startDate: "not a date", endDate: "2026-01-01", label: "x" })).toEqual({
      startDate: ["serviceTime.validation.dateInvalid"],
    });
  });
});

describe("deleteNonWorkingDaySchema", () => {
  it("needs a uuid", () => {
    expect(deleteNonWorkingDaySchema.safeParse({ id: "1 or 1=1" }).error?.issues[0]?.message).toBe("invalidId");
    expect(deleteNonWorkingDaySchema.safeParse({ id: "6f1c2f0e-8a7b-4c3d-9e2f-1a2b3c4d5e6f" }).success).toBe(true);
  });
});

describe("monthParamSchema", () => {
  it.each([
    ["2026-12", "2026-12"],
    ["1999-01", "1999-01"],
    ["2026-13", undefined],
    ["2026-1", undefined],
    ["26-12", undefined],
    ["0001-01", undefined],
    [["2026-12", "2027-01"], undefined],
    [undefined, undefined],
  ])("%j → %j", (value, expected) => {
    expect(monthParamSchema.parse(value)).toBe(expected);
  });
});
