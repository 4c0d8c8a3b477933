import { describe, expect, it } from "vitest";
import { updateTimeZoneSchema } from "@/lib/validations/service-time";
import type { WorkTime } from "@/lib/validations/work-time";
import { isNonWorkingDate, isWithinWorkTime, localDateTime, todayIn, type WorkCalendar } from "./work-time";

const seg = (start: string, end: string) => ({ start, end });
const at = (iso: string) => new Date(iso);
const calendar = (timeZone: string, nonWorkingDays: WorkCalendar["nonWorkingDays"] = []): WorkCalendar => ({
  timeZone,
  nonWorkingDays,
});
const officeHours: WorkTime = { workday: [seg("09:00", "17:00")], nonWorkday: [seg("10:00", "12:00")] };

describe("localDateTime", () => {
  it("gives the wall-clock date and minute in the zone, ignoring seconds", () => {
    expect(localDateTime(at("2026-07-01T10:15:59.999Z"), "UTC")).toEqual({ date: "2026-07-01", minuteOfDay: 615 });
    expect(localDateTime(at("2026-07-01T22:30:00Z"), "Asia/Tokyo")).toEqual({ date: "2026-07-02", minuteOfDay: 450 });
    expect(localDateTime(at("2026-07-01T02:30:00Z"), "America/Los_Angeles")).toEqual({ date: "2026-06-30", minuteOfDay: 1170 });
  });

  it("reads midnight as minute 0 of the new day", () => {
    expect(localDateTime(at("2026-12-24T23:00:00Z"), "Europe/Berlin")).toEqual({ date: "2026-12-25", minuteOfDay: 0 });
  });

  it("throws for an unknown time zone or an invalid instant", () => {
    expect(() => localDateTime(at("2026-07-01T00:00:00Z"), "Mars/Olympus_Mons")).toThrow(RangeError);
    expect(() => localDateTime(new Date(Number.NaN), "UTC")).toThrow(RangeError);
  });

  it("todayIn is the local date now", () => {
    const now = at("2026-01-01T04:59:00Z");
    expect(todayIn("UTC", now)).toBe("2026-01-01");
    expect(todayIn("America/New_York", now)).toBe("2025-12-31");
  });
});

describe("isNonWorkingDate", () => {
  const ranges = [
    { startDate: "2026-05-01", endDate: "2026-05-01" },
    { startDate: "2026-12-24", endDate: "2027-01-01" },
  ];
  it.each([
    ["2026-05-01", true],
    ["2026-04-30", false],
    ["2026-05-02", false],
    ["2026-12-23", false],
    ["2026-12-24", true],
    ["2026-12-31", true],
    ["2027-01-01", true],
    ["2027-01-02", false],
  ])("%s → %s", (date, expected) => {
    expect(isNonWorkingDate(date, ranges)).toBe(expected);
  });
});

describe("isWithinWorkTime across daylight-saving changes", () => {
  const berlin = calendar("Europe/Berlin");

  it("follows Berlin's clocks when they spring forward (2026-03-29)", () => {
    // Saturday, still CET (UTC+1): 09:00 local is 08:00 UTC.
    expect(isWithinWorkTime(at("2026-03-28T07:59:00Z"), officeHours, berlin)).toBe(false);
    expect(isWithinWorkTime(at("2026-03-28T08:00:00Z"), officeHours, berlin)).toBe(true);
    expect(isWithinWorkTime(at("2026-03-28T15:59:00Z"), officeHours, berlin)).toBe(true);
    // Sunday, CEST (UTC+2) from 01:00 UTC: 09:00 local is 07:00 UTC, 17:00 local is 15:00 UTC.
    expect(isWithinWorkTime(at("2026-03-29T06:59:00Z"), officeHours, berlin)).toBe(false);
    expect(isWithinWorkTime(at("2026-03-29T07:00:00Z"), officeHours, berlin)).toBe(true);
    expect(isWithinWorkTime(at("2026-03-29T14:59:59Z"), officeHours, berlin)).toBe(true);
    expect(isWithinWorkTime(at("2026-03-29T15:00:00Z"), officeHours, berlin)).toBe(false);
  });

  it("never matches the local hour that does not exist (02:00–03:00 on 2026-03-29)", () => {
    const nightHour: WorkTime = { workday: [seg("02:00", "03:00")], nonWorkday: [seg("02:00", "03:00")] };
    expect(isWithinWorkTime(at("2026-03-29T00:59:59Z"), nightHour, berlin)).toBe(false); // 01:59:59 CET
    expect(isWithinWorkTime(at("2026-03-29T01:00:00Z"), nightHour, berlin)).toBe(false); // 03:00 CEST
    expect(isWithinWorkTime(at("2026-03-28T01:30:00Z"), nightHour, berlin)).toBe(true); // the day before: 02:30 CET
  });

  it("matches the repeated local hour twice when clocks fall back (2026-10-25)", () => {
    const nightHour: WorkTime = { workday: [seg("02:00", "03:00")], nonWorkday: [seg("02:00", "03:00")] };
    expect(isWithinWorkTime(at("2026-10-24T23:59:00Z"), nightHour, berlin)).toBe(false); // 01:59 CEST
    expect(isWithinWorkTime(at("2026-10-25T00:00:00Z"), nightHour, berlin)).toBe(true); // 02:00 CEST
    expect(isWithinWorkTime(at("2026-10-25T01:00:00Z"), nightHour, berlin)).toBe(true); // 02:00 CET, again
    expect(isWithinWorkTime(at("2026-10-25T01:59:00Z"), nightHour, berlin)).toBe(true); // 02:59 CET
    expect(isWithinWorkTime(at("2026-10-25T02:00:00Z"), nightHour, berlin)).toBe(false); // 03:00 CET
    // Office hours move back to 08:00–16:00 UTC.
    expect(isWithinWorkTime(at("2026-10-25T07:30:00Z"), officeHours, berlin)).toBe(false);
    expect(isWithinWorkTime(at("2026-10-25T08:00:00Z"), officeHours, berlin)).toBe(true);
    expect(isWithinWorkTime(at("2026-10-25T15:30:00Z"), officeHours, berlin)).toBe(true);
  });

  it("follows New York's own DST dates (2026-03-08 and 2026-11-01), not Europe's", () => {
    const newYork = calendar("America/New_York");
    // Friday 2026-03-06, EST (UTC−5): 13:30 UTC is 08:30 local.
    expect(isWithinWorkTime(at("2026-03-06T13:30:00Z"), officeHours, newYork)).toBe(false);
    expect(isWithinWorkTime(at("2026-03-06T14:00:00Z"), officeHours, newYork)).toBe(true);
    // Monday 2026-03-09, EDT (UTC−4): the same 13:30 UTC is 09:30 local.
    expect(isWithinWorkTime(at("2026-03-09T13:30:00Z"), officeHours, newYork)).toBe(true);
    expect(isWithinWorkTime(at("2026-03-09T21:00:00Z"), officeHours, newYork)).toBe(false); // 17:00 EDT
    // Monday 2026-11-02, back on EST: 21:30 UTC is 16:30 local.
    expect(isWithinWorkTime(at("2026-11-02T21:30:00Z"), officeHours, newYork)).toBe(true);
    expect(isWithinWorkTime(at("2026-11-02T13:30:00Z"), officeHours, newYork)).toBe(false); // 08:30 EST
  });
});

describe("isWithinWorkTime around midnight and 24:00", () => {
  const evenings: WorkTime = { workday: [seg("20:00", "24:00")], nonWorkday: [seg("00:00", "01:00")] };
  const utc = calendar("UTC");

  it("includes the last moment before midnight in a segment ending at 24:00", () => {
    expect(isWithinWorkTime(at("2026-06-10T19:59:59Z"), evenings, utc)).toBe(false);
    expect(isWithinWorkTime(at("2026-06-10T20:00:00Z"), evenings, utc)).toBe(true);
    expect(isWithinWorkTime(at("2026-06-10T23:59:59.999Z"), evenings, utc)).toBe(true);
  });

  it("treats midnight as the start of the next day, not the end of the previous one", () => {
    expect(isWithinWorkTime(at("2026-06-11T00:00:00Z"), evenings, utc)).toBe(false);
    const withHoliday = calendar("UTC", [{ startDate: "2026-06-11", endDate: "2026-06-11" }]);
    expect(isWithinWorkTime(at("2026-06-10T23:59:00Z"), evenings, withHoliday)).toBe(true); // still a workday
    expect(isWithinWorkTime(at("2026-06-11T00:00:00Z"), evenings, withHoliday)).toBe(true); // the holiday's first hour
    expect(isWithinWorkTime(at("2026-06-11T01:00:00Z"), evenings, withHoliday)).toBe(false); // segment end is exclusive
  });

  it("covers the whole day with 00:00–24:00", () => {
    const always: WorkTime = { workday: [seg("00:00", "24:00")], nonWorkday: [seg("00:00", "24:00")] };
    for (const iso of ["2026-06-10T00:00:00Z", "2026-06-10T12:00:00Z", "2026-06-10T23:59:59Z"]) {
      expect(isWithinWorkTime(at(iso), always, utc)).toBe(true);
    }
  });

  it("takes the date from the tenant's zone, not from UTC", () => {
    const tokyo = calendar("Asia/Tokyo", [{ startDate: "2026-06-11", endDate: "2026-06-11" }]);
    // 15:30 UTC on the 10th is 00:30 on the 11th in Tokyo: the non-working day.
    expect(isWithinWorkTime(at("2026-06-10T15:30:00Z"), evenings, tokyo)).toBe(true);
    expect(isWithinWorkTime(at("2026-06-10T15:30:00Z"), evenings, calendar("UTC", tokyo.nonWorkingDays))).toBe(false);
  });
});

describe("isWithinWorkTime on non-working days", () => {
  it("uses the non-workday segments on a single non-working date", () => {
    const mayDay = calendar("UTC", [{ startDate: "2026-05-01", endDate: "2026-05-01" }]);
    expect(isWithinWorkTime(at("2026-05-01T09:30:00Z"), officeHours, mayDay)).toBe(false);
    expect(isWithinWorkTime(at("2026-05-01T11:00:00Z"), officeHours, mayDay)).toBe(true);
    expect(isWithinWorkTime(at("2026-05-01T12:00:00Z"), officeHours, mayDay)).toBe(false);
    expect(isWithinWorkTime(at("2026-05-02T09:30:00Z"), officeHours, mayDay)).toBe(true);
  });

  it("switches exactly at the local boundaries of a multi-day range", () => {
    const closedAllDay: WorkTime = { workday: [seg("00:00", "24:00")], nonWorkday: [seg("12:00", "13:00")] };
    const shutdown = calendar("Asia/Tokyo", [{ startDate: "2026-12-24", endDate: "2026-12-26" }]);
    expect(isWithinWorkTime(at("2026-12-23T14:59:00Z"), closedAllDay, shutdown)).toBe(true); // 23:59 on the 23rd
    expect(isWithinWorkTime(at("2026-12-23T15:00:00Z"), closedAllDay, shutdown)).toBe(false); // 00:00 on the 24th
    expect(isWithinWorkTime(at("2026-12-25T03:30:00Z"), closedAllDay, shutdown)).toBe(true); // 12:30 on the 25th
    expect(isWithinWorkTime(at("2026-12-26T14:59:00Z"), closedAllDay, shutdown)).toBe(false); // 23:59 on the 26th
    expect(isWithinWorkTime(at("2026-12-26T15:00:00Z"), closedAllDay, shutdown)).toBe(true); // 00:00 on the 27th
  });

  it("checks every segment of the list, not only the first", () => {
    const split: WorkTime = { workday: [seg("08:00", "12:00"), seg("13:00", "17:00")], nonWorkday: [seg("10:00", "11:00")] };
    const utc = calendar("UTC");
    expect(isWithinWorkTime(at("2026-06-10T12:30:00Z"), split, utc)).toBe(false);
    expect(isWithinWorkTime(at("2026-06-10T13:00:00Z"), split, utc)).toBe(true);
  });
});

describe("the time zone a calendar may have", () => {
  it.each(["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"])("accepts %s", (timeZone) => {
    expect(updateTimeZoneSchema.safeParse({ timeZone }).success).toBe(true);
  });

  it.each(["Mars/Olympus_Mons", "europe/berlin", "+01:00", "CET ", "", "Europe/Berlin; drop table"])("rejects %j", (timeZone) => {
    const result = updateTimeZoneSchema.safeParse({ timeZone });
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["timeZone", "serviceTime.validation.timeZoneInvalid"],
    ]);
  });

  it("rejects a missing zone", () => {
    expect(updateTimeZoneSchema.safeParse({}).success).toBe(false);
  });
});
