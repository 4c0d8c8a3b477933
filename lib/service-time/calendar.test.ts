import { describe, expect, it } from "vitest";
import { gridBounds, monthBounds, monthWeeks, nonWorkingDatesInMonth, nonWorkingLabelsByDate, shiftMonth } from "./calendar";
import { addDays, isoWeekday, rangeLength } from "./dates";

describe("dates", () => {
  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("counts an inclusive range and knows the ISO weekday", () => {
    expect(rangeLength("2026-05-01", "2026-05-01")).toBe(1);
    expect(rangeLength("2028-01-01", "2028-12-31")).toBe(366);
    // Across the DST change: still whole days.
    expect(rangeLength("2026-03-28", "2026-03-30")).toBe(3);
    expect(isoWeekday("2026-12-01")).toBe(1); // Tuesday
    expect(isoWeekday("2027-02-01")).toBe(0); // Monday
    expect(isoWeekday("2026-03-01")).toBe(6); // Sunday
  });
});

describe("months", () => {
  it("moves across years", () => {
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    expect(shiftMonth("2026-06", 0)).toBe("2026-06");
    expect(shiftMonth("2026-06", -18)).toBe("2024-12");
  });

  it("knows the first and last day", () => {
    expect(monthBounds("2026-02")).toEqual({ first: "2026-02-01", last: "2026-02-28" });
    expect(monthBounds("2028-02")).toEqual({ first: "2028-02-01", last: "2028-02-29" });
    expect(monthBounds("2026-12")).toEqual({ first: "2026-12-01", last: "2026-12-31" });
  });
});

describe("monthWeeks", () => {
  it("lays December 2026 out in weeks starting on Monday", () => {
    const weeks = monthWeeks("2026-12");
    expect(weeks).toHaveLength(5);
    expect(weeks.every((week) => week.length === 7)).toBe(true);
    expect(weeks[0]![0]).toEqual({ date: "2026-11-30", dayOfMonth: 30, inMonth: false });
    expect(weeks[0]![1]).toEqual({ date: "2026-12-01", dayOfMonth: 1, inMonth: true });
    expect(weeks[4]![3]).toEqual({ date: "2026-12-31", dayOfMonth: 31, inMonth: true });
    expect(weeks[4]![6]).toEqual({ date: "2027-01-03", dayOfMonth: 3, inMonth: false });
    expect(weeks.flat().filter((day) => day.inMonth)).toHaveLength(31);
    expect(weeks.flat().every((day) => isoWeekday(day.date) === weeks.flat().indexOf(day) % 7)).toBe(true);
  });

  it("needs exactly four weeks for a February that starts on Monday, six for a long month starting on Sunday", () => {
    expect(monthWeeks("2027-02")).toHaveLength(4);
    expect(gridBounds("2027-02")).toEqual({ first: "2027-02-01", last: "2027-02-28" });
    expect(monthWeeks("2026-03")).toHaveLength(6);
    expect(gridBounds("2026-03")).toEqual({ first: "2026-02-23", last: "2026-04-05" });
  });
});

describe("non-working dates of a month", () => {
  const ranges = [
    { startDate: "2026-12-24", endDate: "2026-12-26", label: "Christmas" },
    { startDate: "2026-12-31", endDate: "2027-01-01", label: "New Year" },
    { startDate: "2026-12-25", endDate: "2026-12-25", label: "Office party" },
    { startDate: "2026-11-30", endDate: "2026-11-30", label: "Before" },
  ];

  it("lists every date a range covers, clipped to the month", () => {
    expect(nonWorkingDatesInMonth(ranges, "2026-12")).toEqual(["2026-12-24", "2026-12-25", "2026-12-26", "2026-12-31"]);
    expect(nonWorkingDatesInMonth(ranges, "2027-01")).toEqual(["2027-01-01"]);
    expect(nonWorkingDatesInMonth(ranges, "2026-10")).toEqual([]);
  });

  it("keeps every label of overlapping ranges", () => {
    const labels = nonWorkingLabelsByDate(ranges, "2026-11-30", "2027-01-03");
    expect(labels.get("2026-12-25")).toEqual(["Christmas", "Office party"]);
    expect(labels.get("2026-11-30")).toEqual(["Before"]);
    expect(labels.get("2027-01-01")).toEqual(["New Year"]);
    expect(labels.has("2026-12-27")).toBe(false);
    expect(labels.size).toBe(6);
  });
});
