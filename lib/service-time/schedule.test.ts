import { describe, expect, it } from "vitest";
import { addDays, closedPeriodKey, dayIntervals, scheduleStatus, scheduleWeek, zonedInstant, type ChannelSchedule } from "./schedule";
import type { DateRange } from "./work-time";

const seg = (start: string, end: string) => ({ start, end });
const iso = (ms: number | Date | null) => (ms === null ? null : new Date(ms).toISOString());
const at = (value: string) => new Date(value);

function schedule(
  workday: ChannelSchedule["workTime"]["workday"],
  nonWorkday: ChannelSchedule["workTime"]["nonWorkday"],
  timeZone = "UTC",
  nonWorkingDays: DateRange[] = [],
): ChannelSchedule {
  return { workTime: { workday, nonWorkday }, calendar: { timeZone, nonWorkingDays } };
}

const office = schedule([seg("09:00", "17:00")], [seg("10:00", "12:00")]);

describe("zonedInstant", () => {
  it("turns a local date and minute into the instant, in zones with whole and half-hour offsets", () => {
    expect(iso(zonedInstant("2026-07-01", 9 * 60, "Europe/Berlin"))).toBe("2026-07-01T07:00:00.000Z");
    expect(iso(zonedInstant("2026-01-15", 9 * 60, "Europe/Berlin"))).toBe("2026-01-15T08:00:00.000Z");
    expect(iso(zonedInstant("2026-01-15", 9 * 60, "Asia/Kolkata"))).toBe("2026-01-15T03:30:00.000Z");
    expect(iso(zonedInstant("2026-01-15", 17 * 60, "America/New_York"))).toBe("2026-01-15T22:00:00.000Z");
  });

  it("reads 24:00 as the next midnight", () => {
    expect(iso(zonedInstant("2026-07-01", 1440, "Europe/Berlin"))).toBe("2026-07-01T22:00:00.000Z");
  });

  it("moves a time skipped when clocks go forward by the gap, and takes the first of a repeated time", () => {
    // Berlin, 2026-03-29: 02:00 CET becomes 03:00 CEST.
    expect(iso(zonedInstant("2026-03-29", 2 * 60 + 30, "Europe/Berlin"))).toBe("2026-03-29T01:30:00.000Z");
    expect(iso(zonedInstant("2026-03-29", 3 * 60, "Europe/Berlin"))).toBe("2026-03-29T01:00:00.000Z");
    // Berlin, 2026-10-25: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
    expect(iso(zonedInstant("2026-10-25", 2 * 60 + 30, "Europe/Berlin"))).toBe("2026-10-25T00:30:00.000Z");
    expect(iso(zonedInstant("2026-10-25", 4 * 60, "Europe/Berlin"))).toBe("2026-10-25T03:00:00.000Z");
  });
});

describe("dayIntervals", () => {
  it("merges touching segments and orders them whatever order they were entered in", () => {
    const s = schedule([seg("13:00", "18:00"), seg("09:00", "13:00"), seg("20:00", "21:00")], [seg("10:00", "12:00")]);
    expect(dayIntervals("2026-07-01", s).map((i) => [iso(i.start), iso(i.end)])).toEqual([
      ["2026-07-01T09:00:00.000Z", "2026-07-01T18:00:00.000Z"],
      ["2026-07-01T20:00:00.000Z", "2026-07-01T21:00:00.000Z"],
    ]);
  });

  it("drops a segment wholly inside the hour skipped by DST and lengthens one across the repeated hour", () => {
    const s = schedule([seg("02:00", "03:00"), seg("09:00", "10:00")], [], "Europe/Berlin");
    expect(dayIntervals("2026-03-29", s)).toHaveLength(1);
    const fallBack = dayIntervals("2026-10-25", schedule([seg("01:00", "04:00")], [], "Europe/Berlin"));
    expect(fallBack[0]!.end - fallBack[0]!.start).toBe(4 * 3_600_000);
  });

  it("uses the non-workday segments on a non-working day, and none when the channel has none", () => {
    const holidays = [{ startDate: "2026-12-24", endDate: "2026-12-26" }];
    const withHours = schedule([seg("09:00", "17:00")], [seg("10:00", "12:00")], "UTC", holidays);
    expect(iso(dayIntervals("2026-12-25", withHours)[0]!.start)).toBe("2026-12-25T10:00:00.000Z");
    expect(dayIntervals("2026-12-25", schedule([seg("09:00", "17:00")], [], "UTC", holidays))).toEqual([]);
  });
});

describe("scheduleStatus", () => {
  it("is open inside a segment and says when it closes", () => {
    expect(scheduleStatus(at("2026-07-01T12:00:00Z"), office)).toEqual({ open: true, closesAt: at("2026-07-01T17:00:00Z") });
  });

  it("at exactly a segment's end the channel is closed; at exactly its start it is open", () => {
    expect(scheduleStatus(at("2026-07-01T17:00:00Z"), office)).toEqual({
      open: false,
      since: at("2026-07-01T17:00:00Z"),
      opensAt: at("2026-07-02T09:00:00Z"),
    });
    expect(scheduleStatus(at("2026-07-02T09:00:00Z"), office).open).toBe(true);
  });

  it("runs a segment ending at 24:00 into the next day's 00:00 segment", () => {
    const night = schedule([seg("00:00", "02:00"), seg("18:00", "24:00")], [seg("10:00", "12:00")]);
    expect(scheduleStatus(at("2026-07-01T23:59:00Z"), night)).toEqual({ open: true, closesAt: at("2026-07-02T02:00:00Z") });
    expect(scheduleStatus(at("2026-07-02T00:30:00Z"), night).open).toBe(true);
    expect(scheduleStatus(at("2026-07-02T02:00:00Z"), night)).toMatchObject({ open: false, since: at("2026-07-02T02:00:00Z") });
  });

  it("skips a non-working range without non-workday hours to the first working day's opening", () => {
    const s = schedule([seg("09:00", "17:00")], [], "Europe/Berlin", [{ startDate: "2026-12-24", endDate: "2027-01-01" }]);
    expect(scheduleStatus(at("2026-12-27T12:00:00Z"), s)).toEqual({
      open: false,
      since: at("2026-12-23T16:00:00Z"),
      opensAt: at("2027-01-02T08:00:00Z"),
    });
  });

  it("follows the tenant's time zone: the same instant is open in one zone and closed in another", () => {
    const instant = at("2026-07-01T15:30:00Z");
    expect(scheduleStatus(instant, office).open).toBe(true);
    const tokyo = schedule(office.workTime.workday, office.workTime.nonWorkday, "Asia/Tokyo");
    expect(scheduleStatus(instant, tokyo)).toEqual({ open: false, since: at("2026-07-01T08:00:00Z"), opensAt: at("2026-07-02T00:00:00Z") });
  });

  it("says nothing about an opening when none comes within the look-ahead", () => {
    const s = schedule([seg("09:00", "17:00")], [], "UTC", [{ startDate: "2026-01-01", endDate: "2028-12-31" }]);
    expect(scheduleStatus(at("2026-07-01T12:00:00Z"), s)).toEqual({ open: false, since: null, opensAt: null });
  });
});

describe("closedPeriodKey", () => {
  it("is null while open and one key for the whole closed period", () => {
    expect(closedPeriodKey(at("2026-07-01T12:00:00Z"), office)).toBeNull();
    const evening = closedPeriodKey(at("2026-07-01T17:00:00Z"), office);
    expect(evening).toBe("closed-since:2026-07-01T17:00:00.000Z");
    expect(closedPeriodKey(at("2026-07-01T23:59:59Z"), office)).toBe(evening);
    expect(closedPeriodKey(at("2026-07-02T08:59:59Z"), office)).toBe(evening);
    expect(closedPeriodKey(at("2026-07-02T17:00:00Z"), office)).not.toBe(evening);
  });

  it("keeps one key across a DST change inside the closed period", () => {
    const berlin = schedule([seg("09:00", "17:00")], [seg("09:00", "17:00")], "Europe/Berlin");
    const saturday = closedPeriodKey(at("2026-03-28T20:00:00Z"), berlin);
    expect(saturday).toBe("closed-since:2026-03-28T16:00:00.000Z");
    expect(closedPeriodKey(at("2026-03-29T06:59:00Z"), berlin)).toBe(saturday);
    expect(closedPeriodKey(at("2026-03-29T07:00:00Z"), berlin)).toBeNull();
  });

  it("closes at the first 02:30 of a night when the clocks go back", () => {
    const s = schedule([seg("00:00", "02:30")], [], "Europe/Berlin");
    // 01:00Z is the second 02:00 (CET): the segment already ended at 02:30 CEST (00:30Z).
    expect(closedPeriodKey(at("2026-10-25T01:00:00Z"), s)).toBe("closed-since:2026-10-25T00:30:00.000Z");
  });

  it("keys by local day when the channel has not been open within the look-back", () => {
    const s = schedule([seg("09:00", "17:00")], [], "Europe/Berlin", [{ startDate: "2026-06-01", endDate: "2026-08-31" }]);
    expect(closedPeriodKey(at("2026-07-01T21:59:00Z"), s)).toBe("closed-day:2026-07-01");
    expect(closedPeriodKey(at("2026-07-01T22:00:00Z"), s)).toBe("closed-day:2026-07-02");
  });
});

describe("scheduleWeek", () => {
  it("lists seven local days from today, marking non-working days and their hours", () => {
    const s = schedule([seg("13:00", "17:00"), seg("09:00", "12:00")], [], "America/New_York", [{ startDate: "2026-12-25", endDate: "2026-12-25" }]);
    const week = scheduleWeek(at("2026-12-24T03:00:00Z"), s);
    expect(week.map((d) => d.date)).toEqual(["2026-12-23", ...[1, 2, 3, 4, 5, 6].map((n) => addDays("2026-12-23", n))]);
    expect(week[0]).toEqual({ date: "2026-12-23", weekday: 3, nonWorking: false, hours: [seg("09:00", "12:00"), seg("13:00", "17:00")] });
    expect(week[2]).toEqual({ date: "2026-12-25", weekday: 5, nonWorking: true, hours: [] });
  });
});
